import type { Rule } from "./types.js";

/**
 * A key flyctl still loads but only as a legacy spelling or a leftover: the schema marks it
 * `deprecated` and says what to write instead, so the knowledge lives in one place.
 */
export const deprecatedKey: Rule = {
  meta: {
    id: "deprecated-key",
    description: "Legacy and unused keys should be replaced by their current form.",
    severity: "warning",
    stage: "advice",
  },
  check(context) {
    for (const finding of context.schema.keyFindings) {
      if (finding.kind !== "deprecated") continue;
      context.report({ range: finding.entry.keyRange, message: finding.message });
    }
  },
};
