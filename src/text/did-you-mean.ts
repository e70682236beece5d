import { compareNames } from "./compare-names.js";
/**
 * Optimal string alignment distance (Damerau-Levenshtein without repeated edits of one substring), kept
 * in three rows (a transposition looks two rows back) instead of a whole table. With a `limit`, any
 * distance above it is given as limit + 1, as soon as a row is past it: a row's smallest cell is never
 * below the smallest of the row above (a cell adds 0 or more to one above it, or 1 to one two rows up,
 * and no row's smallest is more than 1 above the previous one's, by substitution), so nor is the answer.
 * An unknown key against a section's known keys then costs a row or two per key, not the whole table.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  const cols = b.length + 1;
  let twoBack = new Array<number>(cols).fill(0);
  let above = Array.from({ length: cols }, (_, j) => j);
  let row = new Array<number>(cols).fill(0);
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let least = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (twoBack[j - 2] as number) + 1);
      row[j] = best;
      if (best < least) least = best;
    }
    if (least > limit) return limit + 1;
    const oldest = twoBack;
    twoBack = above;
    above = row;
    row = oldest;
  }
  const distance = above[b.length] as number;
  return distance > limit ? limit + 1 : distance;
}

/** Folds the differences people make without meaning to: case and `-` versus `_`. */
function fold(key: string): string {
  return key.toLowerCase().replace(/[-_\s]/g, "");
}

/** Candidates folded, once per list: the known keys of a section are one list, asked of for every unknown key in it. */
const foldedLists = new WeakMap<readonly string[], string[]>();

function foldedOf(candidates: readonly string[]): string[] {
  let folded = foldedLists.get(candidates);
  if (folded === undefined) {
    folded = candidates.map(fold);
    foldedLists.set(candidates, folded);
  }
  return folded;
}

/**
 * The known keys a misspelled key most likely meant, best first: same letters apart from case and
 * separators, then small edit distances relative to the length, then a known key that contains it.
 */
export function closestMatches(key: string, candidates: readonly string[], limit = 2): string[] {
  const folded = fold(key);
  const foldedCandidates = foldedOf(candidates);
  const scored: { candidate: string; score: number }[] = [];
  for (let index = 0; index < candidates.length; index++) {
    const candidate = candidates[index] as string;
    const other = foldedCandidates[index] as string;
    if (other === folded) {
      scored.push({ candidate, score: 0 });
      continue;
    }
    const allowed = Math.max(1, Math.floor(Math.max(folded.length, other.length) / 5));
    // The distance is at least the difference in length: no need to compute one that cannot be allowed.
    const distance = Math.abs(folded.length - other.length) > allowed ? allowed + 1 : editDistance(folded, other, allowed);
    if (distance <= allowed) scored.push({ candidate, score: distance });
    else if (folded.length >= 4 && (other.includes(folded) || folded.includes(other))) scored.push({ candidate, score: allowed + 1 });
  }
  scored.sort((x, y) => x.score - y.score || compareNames(x.candidate, y.candidate));
  // The same letters apart from case and separators is the answer; nothing else needs listing.
  if (scored[0]?.score === 0) return [scored[0].candidate];
  return scored.slice(0, limit).map((s) => s.candidate);
}

/** ` Did you mean "a"?` / ` Did you mean "a" or "b"?`, or nothing. */
export function didYouMean(key: string, candidates: readonly string[]): string {
  const matches = closestMatches(key, candidates);
  if (matches.length === 0) return "";
  return ` Did you mean ${matches.map((m) => JSON.stringify(m)).join(" or ")}?`;
}

/** The same as a sentence of its own, after a message that has no full stop yet: `. Did you mean "a"?`, or nothing. */
export function didYouMeanSentence(key: string, candidates: readonly string[]): string {
  const suggestion = didYouMean(key, candidates);
  return suggestion ? `.${suggestion}` : "";
}
