import type { LocatedArray, PlainValue } from "../document/located.js";
import type { FlyDocument } from "../document/parse.js";
import type { TextEdit } from "./types.js";
import { replaceRange } from "../fixers/edits.js";
import { removeEntryEdit } from "../fixers/sections.js";
import { formatKey, formatString, indentationAt, lineAt, lineBreakOf } from "../fixers/text.js";
import { goFormat } from "../model/normalize.js";
import type { Rule } from "./types.js";

/**
 * Check headers as an array of `{ name, value }` tables are legacy: flyctl turns them into a table of
 * strings (P2/P5, patches.go:490-545). [[http_service.checks]] accept only the table.
 */
/** `[[x.headers]]` blocks replaced by one `[x.headers]` table, when they stand together with nothing else inside. */
function headerTablesEdit(document: FlyDocument, array: LocatedArray, lines: string[]): TextEdit | undefined {
  const first = array.items[0];
  const last = array.items[array.items.length - 1];
  if (first?.kind !== "table" || last?.kind !== "table" || !first.header) return undefined;
  const text = document.text;
  const span = text.slice(first.range.start, last.range.end);
  // Only name/value lines and the headers themselves may be in the way.
  const between = span.split(/\r?\n/).filter((line) => !/^\s*(\[\[[^\]]+\]\]|name\s*=.*|value\s*=.*|#.*|)\s*$/.test(line));
  if (between.length > 0) return undefined;
  const name = text.slice(first.header.start, first.header.end).replace(/^\[\[\s*|\s*\]\]$/g, "");
  const firstEntry = [...first.entries.values()][0];
  const keyIndent = firstEntry ? indentationAt(text, firstEntry.keyRange.start) : "";
  const eol = lineBreakOf(text);
  const end = lineAt(text, Math.max(last.range.start, last.range.end - 1)).contentEnd;
  return { start: first.header.start, end, text: [`[${name}]`, ...lines.map((line) => `${keyIndent}${line}`)].join(eol) };
}

export const checkHeadersArray: Rule = {
  meta: {
    id: "check-headers-array",
    description: "Check headers should be a table of names to strings, not an array of { name, value }.",
    severity: "warning",
    stage: "advice",
    fix: "safe",
  },
  check(context) {
    const model = context.model;
    for (const check of model.patchedChecks) {
      const location = check.location.child("headers");
      const headers = check.table["headers"];
      if (!location || !Array.isArray(headers) || location.node.kind !== "array" || model.isSkippedByPatches(location.node)) continue;
      const pairs = headers.flatMap((item): [string, string][] => {
        if (typeof item !== "object" || item === null || Array.isArray(item) || typeof item["name"] !== "string") return [];
        return [[item["name"], goFormat((item["value"] as PlainValue | undefined) ?? "")]];
      });
      const lines = pairs.map(([k, v]) => `${formatKey(k)} = ${formatString(context.document, v)}`);
      const table = pairs.length === 0 ? undefined : `{ ${lines.join(", ")} }`;
      // flyctl drops an empty list, so removing it changes nothing.
      const edit = !table
        ? location.entry && location.node.items.length === 0 ? removeEntryEdit(context.document, location.entry) : undefined
        : location.node.arrayOfTables ? headerTablesEdit(context.document, location.node, lines) : replaceRange(location.node.range, table);
      context.report({
        range: location.node.anchor,
        message: table ? `${location.path} is the legacy list of { name, value }; flyctl reads it as a table of header names: write ${table}` : `${location.path} is an empty list, which flyctl drops; remove it`,
        ...(edit ? { fix: { title: "Write the headers as a table", edits: [edit] } } : {}),
      });
    }
  },
};
