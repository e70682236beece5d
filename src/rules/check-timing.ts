import { formatGoDuration } from "../model/go-duration.js";
import type { Rule } from "./types.js";

/**
 * Top-level checks must run at most every 2 seconds and time out within 60 seconds (V-CHK-2/3,
 * validation.go:133-143). Bare numbers here are milliseconds (patches.go _patchCheck).
 */
export const checkTiming: Rule = {
  meta: {
    id: "check-timing",
    description: "Top-level checks need an interval of at least 2s and a timeout of at most 60s.",
    severity: "error",
    stage: "validate",
  },
  check(context) {
    const model = context.model;
    for (const check of model.topLevelChecks) {
      const interval = model.timing(check, "interval");
      const timeout = model.timing(check, "timeout");
      const at = (key: string) => check.location.child(key)?.node.range ?? check.location.node.anchor;
      const unitNote = (key: string) => (typeof check.table[key] === "number" ? " (a bare number here is milliseconds)" : "");
      if (interval !== undefined && interval < 2e9) {
        context.report({ range: at("interval"), message: `Check "${check.name}" runs every ${formatGoDuration(interval)}${unitNote("interval")}; the interval must be at least 2s` });
      }
      if (timeout !== undefined && timeout > 60e9) {
        context.report({ range: at("timeout"), message: `Check "${check.name}" times out after ${formatGoDuration(timeout)}${unitNote("timeout")}; the timeout must be at most 60s` });
      }
    }
  },
};
