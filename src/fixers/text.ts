import type { Range } from "../document/located.js";
import type { TomlTable } from "../document/ast.js";
import type { FlyDocument } from "../document/parse.js";

/** The file's own line break: CRLF when its first line ends with one, else LF. */
export function lineBreakOf(text: string): string {
  const first = text.indexOf("\n");
  return first > 0 && text[first - 1] === "\r" ? "\r\n" : "\n";
}

/** Offsets of the line holding `offset`: its start, the end of its content, and the end after its line break. */
export function lineAt(text: string, offset: number): { start: number; contentEnd: number; end: number } {
  const start = text.lastIndexOf("\n", offset - 1) + 1;
  const newline = text.indexOf("\n", offset);
  const end = newline < 0 ? text.length : newline + 1;
  let contentEnd = newline < 0 ? text.length : newline;
  if (contentEnd > start && text[contentEnd - 1] === "\r") contentEnd--;
  return { start, contentEnd, end };
}

/** The leading spaces and tabs of the line holding `offset`. */
export function indentationAt(text: string, offset: number): string {
  const { start } = lineAt(text, offset);
  return /^[ \t]*/.exec(text.slice(start))?.[0] ?? "";
}

/** True when only spaces and tabs stand on the line before `offset`. */
export function startsItsLine(text: string, offset: number): boolean {
  const { start } = lineAt(text, offset);
  return /^[ \t]*$/.test(text.slice(start, offset));
}

/**
 * The range that removes `range` cleanly: the whole line with its line break when nothing else stands on it
 * (a trailing comment of the removed text goes too), otherwise the text with the spaces before it.
 */
export function removalRange(text: string, range: Range): Range {
  const line = lineAt(text, range.start);
  const last = lineAt(text, Math.max(range.start, range.end - 1));
  const after = text.slice(range.end, last.contentEnd);
  if (startsItsLine(text, range.start) && /^[ \t]*(#.*)?$/.test(after)) return { start: line.start, end: last.end };
  let start = range.start;
  while (start > line.start && (text[start - 1] === " " || text[start - 1] === "\t")) start--;
  return { start, end: range.end };
}

const bareKey = /^[A-Za-z0-9_-]+$/;

/** A key as TOML needs it written: bare when it can be, else quoted. */
export function formatKey(key: string): string {
  return bareKey.test(key) ? key : JSON.stringify(key);
}

/** Whether the document writes its strings mostly as 'literal' strings (flyctl writes them so). */
/** Whether the file writes more of its strings in single quotes than in double quotes. */
function prefersLiteralStrings(document: FlyDocument): boolean {
  return document.stringStyles.literal > document.stringStyles.basic;
}

/** A TOML string in the document's own quote style. */
export function formatString(document: FlyDocument, value: string): string {
  if (prefersLiteralStrings(document) && !/['\n\r]/.test(value) && !/[\u0000-\u001f\u007f]/.test(value)) return `'${value}'`;
  // JSON escapes are TOML escapes too; TOML also forbids a raw DEL in basic strings.
  return JSON.stringify(value).replace(/\u007f/g, "\\u007F");
}

/** The first position in `items` (sorted by start offset) whose start is at or after `offset`: a binary search. */
function firstStartingAt<T>(items: readonly T[], startOf: (item: T) => number, offset: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (startOf(items[mid] as T) < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The document's comments that start in [start, end). Comments are in file order, so this is a binary
 * search, not a scan of every comment: fixes ask it once or more each, and a file can have many of both.
 */
export function commentsStartingIn(document: FlyDocument, start: number, end: number): FlyDocument["comments"] {
  const comments = document.comments;
  const out: FlyDocument["comments"] = [];
  for (let i = firstStartingAt(comments, (c) => c.range.start, start); i < comments.length; i++) {
    const comment = comments[i] as FlyDocument["comments"][number];
    if (comment.range.start >= end) break;
    out.push(comment);
  }
  return out;
}

/** The first top-level table that starts at or after `offset`, found by binary search over the file's items. */
export function firstTableFrom(document: FlyDocument, offset: number): TomlTable | undefined {
  const items = document.ast.body[0].body;
  for (let i = firstStartingAt(items, (item) => item.range.start, offset); i < items.length; i++) {
    const item = items[i];
    if (item?.type === "TOMLTable") return item;
  }
  return undefined;
}
