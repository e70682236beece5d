import { diffArrays, diffWordsWithSpace, type Change } from "diff";
import { DIFF_BUDGET, lineChanges } from "../text/line-diff.js";
import type { TextEdit } from "../rules/types.js";

/** Changed line blocks larger than this are replaced whole rather than diffed word by word. */
const wordDiffLimit = 20_000;

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
  // Lines within a budget (src/text/line-diff.ts): a fix-all of thousands of fixes in a large file took minutes.
  const lines = lineChanges((a, b, options) => diffArrays(a, b, options), before, after, budget).map((change) => ({ ...change, value: change.value.join("") }));
  return editsOf(lines, 0, (start, removed, added) =>
    removed.length + added.length > wordDiffLimit ? whole(start, removed, added) : editsOf(diffWordsWithSpace(removed, added), start, whole),
  );
}
