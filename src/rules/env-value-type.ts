import { replaceRange } from "../fixers/edits.js";
import { formatString } from "../fixers/text.js";
import { goFormat } from "../model/normalize.js";
import type { Rule } from "./types.js";

/**
 * [env] values are strings: flyctl renders numbers and booleans with Go's %v (P1, patches.go:81-116), so
 * `PORT = 8080` becomes "8080" and `ENABLED = true` becomes "true". Writing the string says what the app gets.
 */
export const envValueType: Rule = {
  meta: {
    id: "env-value-type",
    description: "[env] values should be strings, as the app receives them.",
    severity: "warning",
    stage: "advice",
    fix: "safe",
  },
  check(context) {
    const env = context.document.root.entries.get("env")?.node;
    const tables = env?.kind === "table" ? [env] : env?.kind === "array" ? env.items : [];
    for (const table of tables) {
      if (table.kind !== "table") continue;
      for (const [name, entry] of table.entries) {
        const node = entry.node;
        if (node.kind === "scalar" && node.type === "string") continue;
        const fixable = node.kind === "scalar" && (typeof node.value === "number" || typeof node.value === "boolean");
        const text = fixable ? formatString(context.document, goFormat(node.value as number | boolean)) : undefined;
        context.report({
          range: node.range,
          message: `env.${name} is not a string; the app receives it as text${text ? ` (${text})` : ""}, so write it as a string`,
          ...(text ? { fix: { title: `Write ${text}`, edits: [replaceRange(node.range, text)] } } : {}),
        });
      }
    }
  },
};
