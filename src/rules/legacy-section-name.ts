import type { LocatedEntry, LocatedNode } from "../document/located.js";
import { replaceRange } from "../fixers/edits.js";
import { formatKey } from "../fixers/text.js";
import type { TextEdit } from "./types.js";
import type { Rule } from "./types.js";

/** Legacy section names and what flyctl renames them to, in the order its patches concatenate them (P6-P8). */
const families: { target: string; order: string[] }[] = [
  { target: "vm", order: ["compute", "computes", "vm"] },
  { target: "mounts", order: ["mount", "mounts"] },
  { target: "metrics", order: ["metric", "metrics"] },
];

function tablesOf(node: LocatedNode): LocatedNode[] {
  return node.kind === "array" ? node.items : [node];
}

/** Edits that rename every table of an alias entry to `[[target]]` (or `target = [...]` inline). */
function renameEdits(document: { text: string }, entry: LocatedEntry, target: string): TextEdit[] | undefined {
  const node = entry.node;
  if (node.kind === "table" && node.form === "inline") return [replaceRange(entry.keyRange, formatKey(target)), replaceRange(node.range, `[${document.text.slice(node.range.start, node.range.end)}]`)];
  if (node.kind === "array" && !node.arrayOfTables) return [replaceRange(entry.keyRange, formatKey(target))];
  const edits: TextEdit[] = [];
  for (const table of tablesOf(node)) {
    if (table.kind !== "table" || !table.header) return undefined;
    edits.push(replaceRange(table.header, `[[${target}]]`));
  }
  return edits;
}

/**
 * [compute], [[computes]], [mount] and [metric] are legacy names: flyctl renames them to [[vm]], [[mounts]]
 * and [[metrics]] on load, placing them before the entries already under the new name.
 */
export const legacySectionName: Rule = {
  meta: {
    id: "legacy-section-name",
    description: "Legacy section names (compute, computes, mount, metric) should be written vm, mounts and metrics.",
    severity: "warning",
    stage: "advice",
    fix: "safe",
  },
  check(context) {
    const root = context.document.root;
    for (const family of families) {
      // The rename keeps flyctl's order only if the file already lists the sections in that order.
      const starts = family.order.flatMap((key, rank) => {
        const entry = root.entries.get(key);
        return entry ? tablesOf(entry.node).map((t) => ({ rank, start: t.range.start })) : [];
      });
      const inOrder = [...starts].sort((a, b) => a.start - b.start).every((s, i, all) => i === 0 || (all[i - 1]?.rank ?? 0) <= s.rank);
      for (const alias of family.order.filter((key) => key !== family.target)) {
        const entry = root.entries.get(alias);
        if (!entry) continue;
        const edits = inOrder ? renameEdits(context.document, entry, family.target) : undefined;
        context.report({
          range: entry.keyRange,
          message: `"${alias}" is a legacy name: flyctl reads it as [[${family.target}]]; write [[${family.target}]]${inOrder ? "" : ` (move it before the other [[${family.target}]] entries first: flyctl puts ${alias} entries first)`}`,
          ...(edits ? { fix: { title: `Rename to [[${family.target}]]`, edits } } : {}),
        });
      }
    }
  },
};
