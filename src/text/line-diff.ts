// A line diff that stays linear in the size of the texts: the diff package's search (Myers) takes time in
// proportion to the lines times the changed lines, which for a fix of thousands of scattered lines in a
// large file is minutes. Used by --diff (src/cli/io.ts) and by the language server's fix-all edits
// (src/fixers/minimal-edits.ts). The diff package itself is passed in: the CLI loads it only when needed.

/** A change of the diff package's diffArrays over lines. */
export interface LineChange {
  value: string[];
  added?: boolean;
  removed?: boolean;
}

/**
 * How far the line diff may search: lines of both texts times the edit length. Myers' diff takes time in
 * proportion to both, so a fix of thousands of scattered lines in a large file (29,000 fixes in a 1 MB
 * legacy config) ran for minutes; within this budget a diff takes well under a second.
 */
export const DIFF_BUDGET = 20_000_000;

/** Lines per piece when a diff is too large for one search: each piece's search stays small. */
const DIFF_PIECE_LINES = 200;

/** A text's lines, each with its line break. */
export function linesOf(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", start)) {
    lines.push(text.slice(start, at + 1));
    start = at + 1;
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

/** One line of an edit script: kept (" "), removed ("-") or added ("+"), with its line break. */
export interface LineOp {
  op: " " | "-" | "+";
  line: string;
}

/**
 * Where to cut the new text to match a cut of the old one before `oldCut`: the same line near the same
 * proportion of the text, so that both pieces end at one place of the file and no change straddles a cut.
 */
function matchingCut(old: string[], updated: string[], oldCut: number, near: number, after: number): number {
  for (let distance = 0; distance <= DIFF_PIECE_LINES / 2; distance++) {
    for (const at of [near - distance, near + distance]) {
      if (at > after && at < updated.length && updated[at] === old[oldCut] && updated[at - 1] === old[oldCut - 1]) return at;
    }
  }
  return Math.max(after, Math.min(near, updated.length));
}

/**
 * The edit script of two line lists, diffed a piece at a time: the texts are cut at lines they share into
 * pieces of about DIFF_PIECE_LINES lines, and each pair of pieces is diffed alone.
 */
export function pieceByPieceOps(diffArrays: (a: string[], b: string[]) => readonly LineChange[], old: string[], updated: string[]): LineOp[] {
  const ops: LineOp[] = [];
  const pieces = Math.ceil(Math.max(old.length, updated.length) / DIFF_PIECE_LINES);
  let oldFrom = 0;
  let newFrom = 0;
  for (let piece = 1; piece <= pieces; piece++) {
    const oldTo = piece === pieces ? old.length : Math.floor((piece * old.length) / pieces);
    const newTo = piece === pieces ? updated.length : matchingCut(old, updated, oldTo, Math.floor((piece * updated.length) / pieces), newFrom);
    for (const change of diffArrays(old.slice(oldFrom, oldTo), updated.slice(newFrom, newTo))) {
      const op = change.added ? "+" : change.removed ? "-" : " ";
      for (const line of change.value) ops.push({ op, line });
    }
    oldFrom = oldTo;
    newFrom = newTo;
  }
  return ops;
}

/** The longest edit one search of these lines may explore within the budget. */
export function maxEditLength(old: readonly string[], updated: readonly string[], budget = DIFF_BUDGET): number {
  return Math.max(1, Math.floor(budget / Math.max(1, old.length + updated.length)));
}

/** pieceByPieceOps as the diff package's changes: runs of kept, removed and added lines. */
export function pieceByPieceChanges(diffArrays: (a: string[], b: string[]) => readonly LineChange[], old: string[], updated: string[]): LineChange[] {
  const changes: LineChange[] = [];
  for (const { op, line } of pieceByPieceOps(diffArrays, old, updated)) {
    const added = op === "+";
    const removed = op === "-";
    const last = changes[changes.length - 1];
    if (last && Boolean(last.added) === added && Boolean(last.removed) === removed) last.value.push(line);
    else changes.push({ value: [line], ...(added ? { added } : {}), ...(removed ? { removed } : {}) });
  }
  return changes;
}
