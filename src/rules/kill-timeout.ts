import { replaceRange } from "../fixers/edits.js";
import { formatString } from "../fixers/text.js";
import { formatGoDuration, parseGoDuration } from "../model/go-duration.js";
import type { Rule } from "./types.js";

/** The platform's ceiling for stop_config.timeout (docs: runtime options; "cannot exceed 5 minutes"). */
const maxKillTimeoutNs = 300e9;

/**
 * kill_timeout above 5 minutes: flyctl sends it, and the platform refuses the Machine update with
 * "invalid stop_config.timeout, cannot exceed 5 minutes".
 */
export const killTimeout: Rule = {
  meta: {
    id: "kill-timeout",
    description: "kill_timeout must be at most 5 minutes.",
    severity: "error",
    stage: "deploy",
    fix: "unsafe",
  },
  check(context) {
    const location = context.model.location("/kill_timeout");
    const node = location?.node;
    if (!location || node?.kind !== "scalar") return;
    const ns = typeof node.value === "number" ? Math.trunc(node.value) * 1e9 : typeof node.value === "string" ? parseGoDuration(node.value) : undefined;
    if (ns === undefined || ns <= maxKillTimeoutNs) return;
    const text = formatString(context.document, "5m");
    context.report({
      range: node.range,
      message: `kill_timeout is ${formatGoDuration(ns)}; Fly.io allows at most 5 minutes, so fly deploy fails ("cannot exceed 5 minutes")`,
      fix: { title: `Write ${text}`, edits: [replaceRange(node.range, text)] },
    });
  },
};
