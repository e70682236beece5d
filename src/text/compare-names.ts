/**
 * Names (files and folders, rule ids, keys) in one order on every machine: Unicode's root collation, the order
 * String.prototype.localeCompare gives in an English locale. localeCompare itself follows the machine's
 * locale, so a report listed its files in another order in CI than on a Danish laptop ("aa" after "z") or a
 * Turkish one ("ı" before "I").
 */
export function compareNames(a: string, b: string): number {
  return isSimpleName(a) && isSimpleName(b) ? compareSimpleNames(a, b) : englishCollator().compare(a, b);
}

let collator: Intl.Collator | undefined;

/** The root collation (English has no tailoring of it), made once: ICU takes about 7 ms to make it. */
function englishCollator(): Intl.Collator {
  collator ??= new Intl.Collator("en");
  return collator;
}

/** Letters, digits, "_", "-" and "." alone: nearly every name flylint orders, compared without ICU. */
function isSimpleName(name: string): boolean {
  for (let i = 0; i < name.length; i++) if (primaryWeight(name.charCodeAt(i)) === 0) return false;
  return true;
}

/**
 * A character's primary weight in the root collation, for the characters of a simple name (0 for any other):
 * "_" < "-" < "." < digits < letters, a letter's case not counted (CLDR's allkeys table; the root
 * collation does not ignore punctuation).
 */
function primaryWeight(code: number): number {
  if (code === 0x5f) return 1;
  if (code === 0x2d) return 2;
  if (code === 0x2e) return 3;
  if (code >= 0x30 && code <= 0x39) return 10 + code - 0x30;
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x7a ? 20 + lower - 0x61 : 0;
}

/**
 * Two simple names as the root collation compares them: by their characters' primary weights (a name that
 * is the start of the other first), and names equal but for case by their first letter of another case,
 * lower case first (the tertiary level; the secondary, accents, has nothing to tell apart here).
 */
function compareSimpleNames(a: string, b: string): number {
  const shorter = Math.min(a.length, b.length);
  for (let i = 0; i < shorter; i++) {
    const difference = primaryWeight(a.charCodeAt(i)) - primaryWeight(b.charCodeAt(i));
    if (difference !== 0) return Math.sign(difference);
  }
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  for (let i = 0; i < shorter; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    // Equal weights and other codes: the same letter in two cases, and a lower case letter's code is the higher.
    if (x !== y) return x > y ? -1 : 1;
  }
  return 0;
}
