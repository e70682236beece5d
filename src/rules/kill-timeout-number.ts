import { replaceRange } from "../fixers/edits.js";
import { removeEntryEdit } from "../fixers/sections.js";
import { formatString } from "../fixers/text.js";
import { formatGoDuration, isGoDuration } from "../model/go-duration.js";
import type { Rule } from "./types.js";

/**
 * kill_timeout as a number is seconds; "" and other types are dropped (P9, patches.go:59-65, 547-576).
 * Fractional numbers are left to duration-unit, which asks what was meant.
 */
export const killTimeoutNumber: Rule = {
  meta: {
    id: "kill-timeout-number",
    description: "kill_timeout should be a duration with a unit.",
    severity: "warning",
    stage: "advice",
    fix: "safe",
  },
  check(context) {
    const location = context.model.location("/kill_timeout");
    const node = location?.node;
    if (!location?.entry || !node) return;
    if (node.kind === "scalar" && typeof node.value === "number") {
      if (!Number.isInteger(node.value)) return;
      if (!isGoDuration(node.value * 1e9)) {
        context.report({ range: node.range, message: `kill_timeout = ${node.value} is not a number of seconds flyctl can turn into a duration (it must be under about 292 years); write a duration such as "5s"` });
        return;
      }
      const text = formatString(context.document, formatGoDuration(node.value * 1e9));
      context.report({ range: node.range, message: `kill_timeout = ${node.value} is read as ${text} (a bare number here is seconds); write ${text}`, fix: { title: `Write ${text}`, edits: [replaceRange(node.range, text)] } });
      return;
    }
    if (node.kind === "scalar" && typeof node.value === "string" && node.value !== "") return;
    const removal = removeEntryEdit(context.document, location.entry);
    context.report({
      range: node.range,
      message: `kill_timeout is ignored: flyctl drops an empty or non-duration kill_timeout; remove it or write a duration such as "5s"`,
      ...(removal ? { fix: { title: "Remove kill_timeout", edits: [removal] } } : {}),
    });
  },
};
