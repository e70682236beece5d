import { leftoverKey, v1LeftoverKeys } from "../data/v1-leftovers.js";
import { sectionsWithKey } from "../schema/key-homes.js";
import { didYouMean } from "../text/did-you-mean.js";
import type { Rule } from "./types.js";

/**
 * A key flyctl does not know. flyctl's loader ignores it without a word, and `fly config validate
 * --strict` never looks inside [[services]], [[vm]], [[mounts]] or [[metrics]] (strict_validate.go), so a
 * typo there silently changes nothing.
 */
export const unknownKey: Rule = {
  meta: {
    id: "unknown-key",
    description: "Keys must be ones flyctl knows; misspelled keys are silently ignored.",
    severity: "warning",
    stage: "advice",
  },
  check(context) {
    for (const finding of context.schema.keyFindings) {
      // Apps V1 leftovers have their own rule, which says what they were and removes them.
      if (finding.kind !== "unknown" || v1LeftoverKeys.has(leftoverKey(finding.location.path))) continue;
      const key = finding.entry.key;
      const suggestion = didYouMean(key, finding.knownKeys);
      // Where else the key is valid, when that points somewhere (a key valid in many sections says little).
      const elsewhere = suggestion ? [] : sectionsWithKey(key, finding.section);
      const home = elsewhere.length > 0 && elsewhere.length <= 2 ? ` It is a key of ${elsewhere.join(" and ")}, not of ${finding.section}.` : "";
      context.report({
        range: finding.entry.keyRange,
        message: `Unknown key "${key}" in ${finding.section}: flyctl ignores it.${suggestion}${home}`,
      });
    }
  },
};
