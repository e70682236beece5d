import type { LocatedEntry, LocatedTable } from "../document/located.js";
import type { FlyDocument } from "../document/parse.js";
import type { TextEdit } from "../rules/types.js";
import { removeRange, replaceRange } from "./edits.js";
import { commentsStartingIn, firstTableFrom, formatKey, lineAt, removalRange } from "./text.js";

/**
 * Turns a single table into a one-element array of tables, as flyctl's patches read it:
 * `[services]` → `[[services]]`, `ports = { ... }` → `ports = [{ ... }]`, optionally under a new name.
 * Returns no edits for tables made by dotted keys, which have no text of their own to rewrite.
 */
export function tableToArrayEdits(document: FlyDocument, entry: LocatedEntry, dottedName: string, newKey?: string): TextEdit[] | undefined {
  const table = entry.node;
  if (table.kind !== "table") return undefined;
  if (table.form === "inline") {
    const source = document.text.slice(table.range.start, table.range.end);
    const edits = [replaceRange(table.range, `[${source}]`)];
    if (newKey) edits.push(replaceRange(entry.keyRange, formatKey(newKey)));
    return edits;
  }
  if (table.form !== "header" || !table.header) return undefined;
  return [replaceRange(table.header, `[[${dottedName}]]`)];
}

/** Renames an array-of-tables header: `[[compute]]` → `[[vm]]`. */
export function renameArrayHeader(table: LocatedTable, dottedName: string): TextEdit[] | undefined {
  return table.header ? [replaceRange(table.header, `[[${dottedName}]]`)] : undefined;
}

/** The comment after a `key = value` on its line, `#` included, if any. */
export function trailingComment(document: FlyDocument, entry: LocatedEntry): string | undefined {
  const line = entry.lineRange;
  if (!line) return undefined;
  const end = lineAt(document.text, line.start).contentEnd;
  const comment = commentsStartingIn(document, line.end, end)[0];
  return comment && document.text.slice(comment.range.start, comment.range.end);
}

/**
 * Removes a `key = value` line, or the key from an inline table. A comment after the value stays, on a
 * line of its own, unless the caller moves it elsewhere (`keepComment: false`). A dotted key gets no edit:
 * its line may be all that defines the tables its other parts name.
 */
export function removeEntryEdit(document: FlyDocument, entry: LocatedEntry, keepComment = true): TextEdit | undefined {
  const line = entry.lineRange;
  if (!line) return undefined;
  // `app.interval = []` also defines the table `app`: removing the line could remove that table with it.
  if (line.start !== entry.keyRange.start) return undefined;
  const text = document.text;
  const lineStart = lineAt(text, line.start).start;
  const before = text.slice(lineStart, line.start);
  const comment = keepComment ? trailingComment(document, entry) : undefined;
  if (/^[ \t]*$/.test(before) && comment) return { start: line.start, end: lineAt(text, line.start).contentEnd, text: comment };
  if (/^[ \t]*$/.test(before)) return removeRange(text, line);
  // Inside an inline table: take the separating comma with it.
  const after = /^\s*,\s*/.exec(text.slice(line.end));
  if (after) return { start: line.start, end: line.end + after[0].length, text: "" };
  const comma = /,\s*$/.exec(text.slice(0, line.start));
  return comma ? { start: line.start - comma[0].length, end: line.end, text: "" } : { start: line.start, end: line.end, text: "" };
}

function isBlankLine(text: string, offset: number): boolean {
  const line = lineAt(text, offset);
  return /^[ \t]*$/.test(text.slice(line.start, line.contentEnd));
}

/**
 * Removes a `[header]` table with all its lines, and one of the blank lines around it so no double gap is
 * left. Returns no edit when the table has no header of its own, shares a line with other text, or holds a
 * comment (even after its last value): a comment is the user's, and keeps the table.
 */
export function removeTableEdit(document: FlyDocument, table: LocatedTable): TextEdit | undefined {
  if (table.form !== "header" || !table.header) return undefined;
  const text = document.text;
  const removal = removalRange(text, table.range);
  if (removal.start !== lineAt(text, table.range.start).start) return undefined;
  // Comments up to the next table are the table's too, even after its last value.
  const next = firstTableFrom(document, table.range.end);
  const regionEnd = Math.max(removal.end, next ? next.range.start : text.length);
  if (commentsStartingIn(document, removal.start, regionEnd).length > 0) return undefined;
  const blankBefore = removal.start === 0 || isBlankLine(text, removal.start - 1);
  const end = blankBefore && removal.end < text.length && isBlankLine(text, removal.end) ? lineAt(text, removal.end).end : removal.end;
  // The last table of the file takes the blank line before it, so the file does not end in an empty line.
  if (end === text.length && removal.start > 0 && isBlankLine(text, removal.start - 1) && removal.start - 1 > 0) {
    return { start: lineAt(text, removal.start - 1).start, end, text: "" };
  }
  return { start: removal.start, end, text: "" };
}
