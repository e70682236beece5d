import { diffArrays, diffLines, diffWordsWithSpace, type Change } from "diff";
import { DIFF_BUDGET, linesOf, maxEditLength, pieceByPieceChanges } from "../text/line-diff.js";
import type { TextEdit } from "../rules/types.js";

/** Changed line blocks larger than this are replaced whole rather than diffed word by word. */
const wordDiffLimit = 20_000;

/**
 * The changed lines of two texts: one search while it fits the budget, else a piece at a time
 * (src/text/line-diff.ts), so a fix-all of a large file with thousands of fixes does not hold the server
 * for minutes.
 */
function lineChanges(before: string, after: string, budget: number): readonly Pick<Change, "value" | "added" | "removed">[] {
  const old = linesOf(before);
  const updated = linesOf(after);
  const whole = diffLines(before, after, { maxEditLength: maxEditLength(old, updated, budget) });
  if (whole) return whole;
  return pieceByPieceChanges((a, b) => diffArrays(a, b), old, updated).map((change) => ({ value: change.value.join(""), added: change.added === true, removed: change.removed === true }));
}

/** The edits a list of changes makes, starting at `offset` of the old text: each run of removals and additions is one edit. */
function editsOf(changes: readonly Pick<Change, "value" | "added" | "removed">[], offset: number, refine: (start: number, removed: string, added: string) => TextEdit[]): TextEdit[] {
  const edits: TextEdit[] = [];
  let cursor = offset;
  let removed = "";
  let added = "";
  const flush = () => {
    if (removed || added) edits.push(...refine(cursor, removed, added));
    cursor += removed.length;
    removed = added = "";
  };
  for (const change of changes) {
    if (change.removed) removed += change.value;
    else if (change.added) added += change.value;
    else {
      flush();
      cursor += change.value.length;
    }
  }
  flush();
  return edits;
}

/**
 * Edits that turn `before` into `after` and touch only what changed, word by word inside changed lines: a
 * fix-all sent to an editor then carries the quotes and hosts it changes, not the whole file with every
 * value in it (secrets included).
 */
export function minimalEdits(before: string, after: string, budget = DIFF_BUDGET): TextEdit[] {
  if (before === after) return [];
  const whole = (start: number, removed: string, added: string): TextEdit[] => [{ start, end: start + removed.length, text: added }];
  return editsOf(lineChanges(before, after, budget), 0, (start, removed, added) =>
    removed.length + added.length > wordDiffLimit ? whole(start, removed, added) : editsOf(diffWordsWithSpace(removed, added), start, whole),
  );
}
