import type { LocatedEntry } from "../document/located.js";
import type { FlyDocument } from "../document/parse.js";
import { insertAt } from "../fixers/edits.js";
import { tableToArrayEdits } from "../fixers/sections.js";
import { lineAt, lineBreakOf } from "../fixers/text.js";
import type { TextEdit } from "./types.js";
import type { Rule } from "./types.js";

/** Sections flyctl takes as arrays of tables but also accepts as one table, wrapping it (ensureArrayOfMap, patches.go:618-638). */
const topLevel = ["services", "vm", "mounts", "metrics"];
const perService = ["ports", "tcp_checks", "http_checks"];

/**
 * A single `[services]`, `[vm]`, `[mounts]`, `[metrics]`, `[services.ports]` or `[services.*_checks]` table:
 * flyctl wraps it into a one-element array on load (P2, P6-P8), so `[[...]]` says the same thing in the
 * form flyctl documents and writes.
 */
/**
 * A table no header names, implied by `[[services.http_checks]]` alone: flyctl reads it as one [[services]]
 * entry, so the header goes in above the first sub-table. Tables implied by dotted keys are left alone.
 */
function implicitTableEdits(document: FlyDocument, entry: LocatedEntry, dotted: string): TextEdit[] | undefined {
  const line = lineAt(document.text, entry.keyRange.start);
  if (!/^\s*\[/.test(document.text.slice(line.start, line.contentEnd))) return undefined;
  return [insertAt(line.start, `[[${dotted}]]${lineBreakOf(document.text)}`)];
}

export const tableToArray: Rule = {
  meta: {
    id: "table-to-array",
    description: "Sections that are arrays of tables should be written [[name]], not [name].",
    severity: "warning",
    stage: "advice",
    fix: "safe",
  },
  check(context) {
    const root = context.document.root;
    const report = (entry: LocatedEntry, dotted: string) => {
      const implicit = entry.node.kind === "table" && entry.node.form === "implicit";
      const edits = implicit ? implicitTableEdits(context.document, entry, dotted) : tableToArrayEdits(context.document, entry, dotted);
      context.report({
        range: entry.node.anchor,
        message: implicit
          ? `These sections belong to a [${dotted}] table that is never written; flyctl reads them as one [[${dotted}]] entry, so write [[${dotted}]] above them`
          : `[${dotted}] is a single table; flyctl reads it as a one-element array of tables, so write [[${dotted}]]`,
        ...(edits ? { fix: { title: `Write [[${dotted}]]`, edits } } : {}),
      });
    };
    for (const key of topLevel) {
      const entry = root.entries.get(key);
      if (entry?.node.kind === "table") report(entry, key);
    }
    const services = root.entries.get("services")?.node;
    const items = services?.kind === "array" ? services.items : services ? [services] : [];
    for (const service of items) {
      if (service.kind !== "table") continue;
      for (const key of perService) {
        const entry = service.entries.get(key);
        if (entry?.node.kind === "table") report(entry, `services.${key}`);
      }
    }
  },
};
