/**
 * Test texts mark expected ranges with ⟦ and ⟧: `internal_port = ⟦"8080"⟧`. `unmark` returns the plain
 * text and each marked range as 1-based line/column positions (end exclusive), as diagnostics give them.
 */
export interface MarkedRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}

export function unmark(marked: string): { text: string; ranges: MarkedRange[] } {
  let text = "";
  const ranges: MarkedRange[] = [];
  const open: number[] = [];
  for (const char of marked) {
    if (char === "⟦") open.push(text.length);
    else if (char === "⟧") {
      const start = open.pop();
      if (start === undefined) throw new Error(`unbalanced marker in ${marked}`);
      const s = position(text, start);
      const e = position(text, text.length);
      ranges.push({ line: s.line, column: s.column, endLine: e.line, endColumn: e.column });
    } else text += char;
  }
  if (open.length > 0) throw new Error(`unbalanced marker in ${marked}`);
  return { text, ranges };
}
