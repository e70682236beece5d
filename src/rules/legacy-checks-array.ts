import type { LocatedTable } from "../document/located.js";
import { replaceRange } from "../fixers/edits.js";
import { removeEntryEdit } from "../fixers/sections.js";
import { formatKey } from "../fixers/text.js";
import type { Rule, TextEdit } from "./types.js";

/**
 * `[[checks]]` entries named by `name` are legacy: flyctl keys them as [checks.<name>] (later duplicates
 * win) and leaves `name` behind, which fly config validate --strict reports (P5, patches.go:294-362).
 */
export const legacyChecksArray: Rule = {
  meta: {
    id: "legacy-checks-array",
    description: "[[checks]] with name should be written as [checks.<name>].",
    severity: "warning",
    stage: "advice",
    fix: "safe",
  },
  check(context) {
    const document = context.document;
    const entry = document.root.entries.get("checks");
    if (entry?.node.kind !== "array") return;
    const tables = entry.node.items.filter((t): t is LocatedTable => t.kind === "table");
    const names = tables.map((t) => {
      const node = t.entries.get("name")?.node;
      return node?.kind === "scalar" && typeof node.value === "string" ? node.value : undefined;
    });
    const unique = new Set(names).size === names.length && names.every((n) => n !== undefined);
    // Sub-tables such as [checks.headers] belong to the last [[checks]] entry; they move under its new name.
    const subTables = document.ast.body[0].body.filter((item) => item.type === "TOMLTable" && item.resolvedKey[0] === "checks" && item.resolvedKey.length > 2);
    const simpleSubTables = subTables.every((sub) => sub.type !== "TOMLTable" || sub.resolvedKey.slice(2).every((part) => typeof part === "string"));
    // One fix converts every entry at once: converting one alone would make the tables after it its sub-tables.
    const edits: TextEdit[] = [];
    let convertible = unique && simpleSubTables && entry.node.arrayOfTables;
    for (const [index, table] of tables.entries()) {
      const name = names[index];
      const nameEntry = table.entries.get("name");
      const removal = nameEntry && removeEntryEdit(document, nameEntry);
      if (name === undefined || !table.header || !removal) {
        convertible = false;
        continue;
      }
      edits.push(replaceRange(table.header, `[checks.${formatKey(name)}]`), removal);
      for (const sub of subTables) {
        if (sub.type !== "TOMLTable" || sub.resolvedKey[1] !== index) continue;
        const header = `checks.${formatKey(name)}.${sub.resolvedKey.slice(2).map((part) => formatKey(String(part))).join(".")}`;
        const close = document.text.indexOf(sub.kind === "array" ? "]]" : "]", sub.key.range.end);
        edits.push(replaceRange({ start: sub.range.start, end: close + (sub.kind === "array" ? 2 : 1) }, sub.kind === "array" ? `[[${header}]]` : `[${header}]`));
      }
    }
    tables.forEach((table, index) => {
      const name = names[index];
      const nameEntry = table.entries.get("name");
      if (name === undefined || !nameEntry) return;
      context.report({
        range: nameEntry.keyRange,
        message: `[[checks]] with name = "${name}" is the legacy form: flyctl reads it as [checks.${formatKey(name)}] and keeps name as an unknown key. Write [checks.${formatKey(name)}]${unique ? "" : " (two checks share a name: flyctl keeps the later one)"}`,
        ...(convertible ? { fix: { title: "Write every [[checks]] entry as [checks.<name>]", edits } } : {}),
      });
    });
  },
};
