import type { LocatedTable } from "../document/located.js";
import { removeRange, replaceRange } from "../fixers/edits.js";
import type { Rule } from "./types.js";

/**
 * `[[env]]` is the legacy array form: flyctl merges the tables into one [env], later keys winning (P1,
 * patches.go:67-116). Contiguous [[env]] tables with distinct keys merge by dropping the extra headers.
 */
export const envArray: Rule = {
  meta: {
    id: "env-array",
    description: "[[env]] should be written as one [env] table.",
    severity: "warning",
    stage: "advice",
    fix: "safe",
  },
  check(context) {
    const entry = context.document.root.entries.get("env");
    if (entry?.node.kind !== "array") return;
    const tables = entry.node.items.filter((t): t is LocatedTable => t.kind === "table");
    const headerTables = context.document.ast.body[0].body.filter((item) => item.type === "TOMLTable");
    const indexes = tables.map((t) => headerTables.findIndex((h) => h.range.start === t.header?.start));
    const contiguous = indexes.every((index, i) => index >= 0 && (i === 0 || index === (indexes[i - 1] as number) + 1));
    const keys = tables.flatMap((t) => [...t.entries.keys()]);
    const distinct = new Set(keys).size === keys.length;
    const first = tables[0];
    const canFix = contiguous && distinct && first?.header !== undefined && entry.node.arrayOfTables;
    const edits = canFix && first?.header ? [replaceRange(first.header, "[env]"), ...tables.slice(1).flatMap((t) => (t.header ? [removeRange(context.document.text, t.header)] : []))] : undefined;
    context.report({
      range: entry.node.anchor,
      message: `[[env]] is the legacy form: flyctl merges the tables into one [env] (later keys win); write a single [env]${canFix ? "" : " (merge them by hand: they repeat keys or have other sections between them)"}`,
      ...(edits ? { fix: { title: "Merge into one [env]", edits } } : {}),
    });
  },
};
