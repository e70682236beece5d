import { formatGoDuration } from "../model/go-duration.js";
import type { Rule } from "./types.js";

const names: Record<string, string> = { interval: "an interval", timeout: "a timeout", grace_period: "a grace period" };

/**
 * Service check timings outside 1s..1m are clamped by the platform; fly config validate warns (V-SCD,
 * validation.go:187-229). A grace period of 0 means none and is not raised.
 */
export const serviceCheckTiming: Rule = {
  meta: {
    id: "service-check-timing",
    description: "Service check intervals, timeouts and grace periods should lie between 1s and 1m.",
    severity: "warning",
    stage: "validate",
  },
  check(context) {
    const model = context.model;
    for (const service of model.services) {
      for (const check of service.checks) {
        for (const key of ["interval", "timeout", "grace_period"]) {
          const value = model.timing(check, key);
          if (value === undefined) continue;
          // Where and how to say it is worked out only for a timing out of range: a large config has thousands in range.
          const report = (change: string) => {
            const location = check.location.child(key);
            const shown = `${formatGoDuration(value)}${typeof check.table[key] === "number" ? ` (a bare number here is ${check.numbersAre === "ms" ? "milliseconds" : "nanoseconds"})` : ""}`;
            context.report({ range: (location ?? check.location).node.range, message: `${check.location.path}.${key} is ${shown}; the platform ${change}` });
          };
          if (value > 60e9) report(`lowers ${names[key]} above 1 minute to 1m`);
          else if (value < 1e9 && (key !== "grace_period" || value !== 0)) report(`raises ${names[key]} under 1 second to 1s`);
        }
      }
    }
  },
};
