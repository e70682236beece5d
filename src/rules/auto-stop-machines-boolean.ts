import { replaceRange } from "../fixers/edits.js";
import { formatString } from "../fixers/text.js";
import type { Rule } from "./types.js";

/**
 * `auto_stop_machines = true|false` is the old boolean form. fly-go still decodes it (true = "stop",
 * false = "off", machine_types.go:1243-1277) and flyctl itself writes the strings back when it saves a
 * config (definition_test.go:193), so the rewrite keeps the meaning exactly.
 */
export const autoStopMachinesBoolean: Rule = {
  meta: {
    id: "auto-stop-machines-boolean",
    description: 'auto_stop_machines should be "off", "stop" or "suspend", not a boolean.',
    severity: "warning",
    stage: "advice",
    fix: "safe",
  },
  check(context) {
    for (const service of context.model.services) {
      const location = service.autostopLocation;
      const node = location?.node;
      if (!location || node?.kind !== "scalar" || typeof node.value !== "boolean") continue;
      const replacement = node.value ? "stop" : "off";
      const text = formatString(context.document, replacement);
      context.report({
        range: node.range,
        message: `${location.path} = ${String(node.value)} is the old boolean form; write "${replacement}", which flyctl reads it as (the strings also allow "suspend")`,
        fix: { title: `Replace ${String(node.value)} with ${text}`, edits: [replaceRange(node.range, text)] },
      });
    }
  },
};
