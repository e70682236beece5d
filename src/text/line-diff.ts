// A line diff that stays linear in the size of the texts: the diff package's search (Myers) takes time in
// proportion to the lines times the changed lines, which for a fix of thousands of scattered lines in a
// large file is minutes. Used by --diff (src/cli/io.ts) and by the language server's fix-all edits
// (src/fixers/minimal-edits.ts). The diff package itself is passed in: the CLI loads it only when needed.

/** A change of the diff package's diffArrays over lines: a run of kept, removed or added lines. */
export interface LineChange {
  value: string[];
  added: boolean;
  removed: boolean;
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
function linesOf(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", start)) {
    lines.push(text.slice(start, at + 1));
    start = at + 1;
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
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

/** The diff package's diffArrays over lines, bounded by an edit length (undefined past it). */
export type DiffArrays = (a: string[], b: string[], options: { maxEditLength: number }) => LineChange[] | undefined;

/**
 * The changed lines of two texts, as the diff package's changes: one search while it fits the budget,
 * else the texts cut at lines they share into pieces of about DIFF_PIECE_LINES lines, each pair diffed
 * alone and their changes joined.
 */
export function lineChanges(diffArrays: DiffArrays, before: string, after: string, budget = DIFF_BUDGET): LineChange[] {
  const old = linesOf(before);
  const updated = linesOf(after);
  const whole = diffArrays(old, updated, { maxEditLength: Math.max(1, Math.floor(budget / Math.max(1, old.length + updated.length))) });
  if (whole) return whole;
  const changes: LineChange[] = [];
  const pieces = Math.ceil(Math.max(old.length, updated.length) / DIFF_PIECE_LINES);
  let oldFrom = 0;
  let newFrom = 0;
  for (let piece = 1; piece <= pieces; piece++) {
    const oldTo = piece === pieces ? old.length : Math.floor((piece * old.length) / pieces);
    const newTo = piece === pieces ? updated.length : matchingCut(old, updated, oldTo, Math.floor((piece * updated.length) / pieces), newFrom);
    // A piece has a few hundred lines: its search may go as far as it needs.
    for (const change of diffArrays(old.slice(oldFrom, oldTo), updated.slice(newFrom, newTo), { maxEditLength: Infinity }) ?? []) {
      const last = changes[changes.length - 1];
      if (last && last.added === change.added && last.removed === change.removed) last.value.push(...change.value);
      else changes.push({ value: [...change.value], added: change.added, removed: change.removed });
    }
    oldFrom = oldTo;
    newFrom = newTo;
  }
  return changes;
}
