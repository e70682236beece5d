import { replaceRange } from "../fixers/edits.js";
import { removeEntryEdit } from "../fixers/sections.js";
import { formatString } from "../fixers/text.js";
import { goDurationFromMilliseconds, isGoDuration } from "../model/go-duration.js";
import type { Rule } from "./types.js";

/** nan, inf and numbers past what time.Duration holds have no duration to write. */
function isConvertibleMilliseconds(value: number): boolean {
  return isGoDuration(Math.trunc(value) * 1e6);
}

/**
 * Check timings in [[services]] checks and top-level [checks] given as numbers are milliseconds; "" and
 * other types are dropped (P2/P5, _patchCheck, patches.go:467-545). Writing the duration says what flyctl
 * reads, and keeps the value right if the check moves to [http_service], where numbers are nanoseconds.
 */
export const checkTimingNumber: Rule = {
  meta: {
    id: "check-timing-number",
    description: "Check intervals, timeouts and grace periods should be durations with a unit.",
    severity: "warning",
    stage: "advice",
    fix: "safe",
  },
  check(context) {
    const model = context.model;
    for (const check of model.patchedChecks) {
      for (const key of ["interval", "timeout", "grace_period"]) {
        const location = check.location.child(key);
        const node = location?.node;
        if (!location || !node) continue;
        if (node.kind === "scalar" && typeof node.value === "number" && !isConvertibleMilliseconds(node.value)) {
          context.report({
            range: node.range,
            message: `${location.path} = ${String(node.value)} is not a number of milliseconds flyctl can turn into a duration (it must be finite and under about 292 years); write a duration such as "10s"`,
          });
        } else if (node.kind === "scalar" && typeof node.value === "number") {
          const text = formatString(context.document, goDurationFromMilliseconds(node.value));
          context.report({
            range: node.range,
            message: `${location.path} = ${String(node.value)} is read as ${text} (a bare number here is milliseconds); write ${text}`,
            fix: { title: `Write ${text}`, edits: [replaceRange(node.range, text)] },
          });
        } else if (!(node.kind === "scalar" && typeof node.value === "string" && node.value !== "")) {
          const edit = location.entry && removeEntryEdit(context.document, location.entry);
          context.report({
            range: node.range,
            message: `${location.path} is ignored: flyctl drops an empty or non-duration ${key}; remove it or write a duration such as "10s"`,
            ...(edit ? { fix: { title: `Remove ${key}`, edits: [edit] } } : {}),
          });
        }
      }
    }
  },
};
