import type { LocatedTable } from "../document/located.js";
import { replaceRange } from "../fixers/edits.js";
import { formatKey, formatString, indentationAt, lineAt, lineBreakOf } from "../fixers/text.js";
import { goFormat } from "../model/normalize.js";
import type { Rule } from "./types.js";

/**
 * `[[processes]]` with name and command is the Apps V1 form: flyctl turns it into the [processes] table of
 * name = command (P3, patches.go:118-157), skipping entries without a name. `processes = []` defines no
 * group at all (v1-leftovers removes it).
 */
export const legacyProcesses: Rule = {
  meta: {
    id: "legacy-processes",
    description: "[[processes]] with name and command should be written as the [processes] table.",
    severity: "warning",
    stage: "advice",
    fix: "safe",
  },
  check(context) {
    const document = context.document;
    const entry = document.root.entries.get("processes");
    if (entry?.node.kind !== "array" || !entry.node.arrayOfTables) return;
    const tables = entry.node.items.filter((t): t is LocatedTable => t.kind === "table");
    const named = tables.flatMap((t) => {
      const name = t.entries.get("name")?.node;
      const command = t.entries.get("command")?.node;
      if (name?.kind !== "scalar") return [];
      const commandValue = command?.kind === "scalar" ? command.value : command ? undefined : "";
      return commandValue === undefined ? [] : [{ name: goFormat(name.value), command: goFormat(commandValue) }];
    });
    const text = document.text;
    const headers = document.ast.body[0].body.filter((item) => item.type === "TOMLTable");
    const indexes = tables.map((t) => headers.findIndex((h) => h.range.start === t.header?.start));
    const contiguous = indexes.every((index, i) => index >= 0 && (i === 0 || index === (indexes[i - 1] as number) + 1));
    const unique = new Set(named.map((n) => n.name)).size === named.length;
    const onlyKnownKeys = tables.every((t) => [...t.entries.keys()].every((k) => k === "name" || k === "command"));
    const first = tables[0];
    const last = tables[tables.length - 1];
    let fix;
    const end = last ? lineAt(text, Math.max(last.range.start, last.range.end - 1)).end : 0;
    if (contiguous && named.length === 0 && first?.header && tables.every((t) => t.entries.size === 0)) {
      // Empty entries define nothing: flyctl drops them and the app has the one group "app".
      fix = { title: "Remove the empty [[processes]] entries", edits: [replaceRange({ start: lineAt(text, first.header.start).start, end }, "")] };
    } else if (contiguous && unique && onlyKnownKeys && named.length > 0 && first?.header && last) {
      const firstKey = [...first.entries.values()][0];
      const indent = firstKey ? indentationAt(text, firstKey.keyRange.start) : "";
      const lines = ["[processes]", ...named.map((p) => `${indent}${formatKey(p.name)} = ${formatString(document, p.command)}`)];
      const contentEnd = lineAt(text, Math.max(last.range.start, last.range.end - 1)).contentEnd;
      fix = { title: "Write the [processes] table", edits: [replaceRange({ start: first.header.start, end: contentEnd }, lines.join(lineBreakOf(text)))] };
    }
    context.report({
      range: entry.node.anchor,
      message:
        named.length > 0
          ? `[[processes]] with name and command is the Apps V1 form; flyctl reads it as [processes] with ${named.map((p) => `${p.name} = "${p.command}"`).join(", ")}. Write that table`
          : tables.every((t) => t.entries.size === 0)
            ? "[[processes]] without a name defines no process group: flyctl drops it, and the app has the one group \"app\". Remove it"
            : "[[processes]] entries without name are ignored: flyctl finds no process group here, so every Machine runs the image's command. Did you mean [processes] (single brackets), where each key is a group?",
      ...(fix ? { fix } : {}),
    });
  },
};
