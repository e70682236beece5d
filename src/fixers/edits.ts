import type { Range } from "../document/located.js";
import type { TextEdit } from "../rules/types.js";
import { removalRange } from "./text.js";

export function replaceRange(range: Range, text: string): TextEdit {
  return { start: range.start, end: range.end, text };
}

/** Removes `range`, and its line when nothing else stands on it (see removalRange). */
export function removeRange(text: string, range: Range): TextEdit {
  return { ...removalRange(text, range), text: "" };
}

export function insertAt(offset: number, text: string): TextEdit {
  return { start: offset, end: offset, text };
}

/** Two edits collide when their ranges overlap, or when both insert at the same offset. */
export function editsOverlap(a: TextEdit, b: TextEdit): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  return a.start < b.end && b.start < a.end;
}

/** Applies non-overlapping edits to a text; every byte outside them stays as it was. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = "";
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.start < cursor) throw new Error(`overlapping edits at offset ${edit.start}`);
    out += text.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return out + text.slice(cursor);
}
