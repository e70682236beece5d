import { replaceRange } from "../fixers/edits.js";
import { formatKey } from "../fixers/text.js";
import type { Rule } from "./types.js";

/**
 * A key that matches a known one only when case is ignored. flyctl's loader accepts it (it decodes
 * through encoding/json, which matches field names case-insensitively), but `fly config validate
 * --strict` reports it and flyctl's own patches (e.g. for string ports) look keys up exactly.
 */
export const keyCase: Rule = {
  meta: {
    id: "key-case",
    description: "Keys must be spelled in lower case as flyctl documents them.",
    severity: "warning",
    stage: "advice",
    fix: "safe",
  },
  check(context) {
    for (const finding of context.schema.keyFindings) {
      if (finding.kind !== "case") continue;
      context.report({
        range: finding.entry.keyRange,
        message: `"${finding.entry.key}" should be spelled "${finding.canonical}": flyctl accepts it ignoring case, but fly config validate --strict reports it and flyctl's legacy conversions skip it`,
        fix: { title: `Rename to ${finding.canonical}`, edits: [replaceRange(finding.entry.keyRange, formatKey(finding.canonical))] },
      });
    }
  },
};
