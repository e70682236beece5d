import { insertAt, replaceRange } from "../fixers/edits.js";
import { formatString } from "../fixers/text.js";
import { goFormat } from "../model/normalize.js";
import { sensitiveName } from "../secrets/credentials.js";
import type { Fix, Rule } from "./types.js";

/**
 * [env] values are strings: flyctl renders numbers and booleans with Go's %v (P1, patches.go:81-116), so
 * `PORT = 8080` becomes "8080" and `ENABLED = true` becomes "true". Writing the string says what the app gets.
 * The fix quotes the value where it is written as the app reads it, so its edits carry only the quotes;
 * a value under a secret's name (API_TOKEN = 4242…) is never repeated in the message or the fix's title.
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
        const shown = text && sensitiveName(name) === undefined ? ` (${text})` : "";
        let fix: Fix | undefined;
        if (text) {
          const source = context.document.text.slice(node.range.start, node.range.end);
          const [quote] = text;
          // 8080 becomes "8080" by two quotes; 1.0 becomes "1" by a replacement.
          const edits = quote && text === `${quote}${source}${quote}` ? [insertAt(node.range.start, quote), insertAt(node.range.end, quote)] : [replaceRange(node.range, text)];
          fix = { title: shown ? `Write ${text}` : "Write it as a string", edits };
        }
        context.report({
          range: node.range,
          message: `env.${name} is not a string; the app receives it as text${shown}, so write it as a string`,
          ...(fix ? { fix } : {}),
        });
      }
    }
  },
};
