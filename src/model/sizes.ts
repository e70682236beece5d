/**
 * Sizes as flyctl parses them (helpers.ParseSize over docker/go-units v0.5.0): a bare integer is the
 * target unit itself; otherwise a number with an optional unit k/m/g/t/p (an optional `b` or `ib`, any
 * case, at most one space before it). Memory units are binary (1 GB = 1024 MB).
 */
const sizePattern = /^(\d+(?:\.\d+)?) ?([kmgtp])?(i?b)?$/i;
const binaryPowers: Record<string, number> = { "": 0, k: 1, m: 2, g: 3, t: 4, p: 5 };

/** [[vm]] memory in MB, or undefined when flyctl could not parse it (a deploy-time error). */
export function parseMemoryMb(value: string | number): number | undefined {
  const text = String(value);
  if (/^[-+]?\d+$/.test(text)) return Number.parseInt(text, 10);
  const match = sizePattern.exec(text);
  if (!match) return undefined;
  const unit = (match[2] ?? "").toLowerCase();
  const bytes = Number.parseFloat(match[1] as string) * 1024 ** (binaryPowers[unit] ?? 0);
  return Math.trunc(bytes / 1024 ** 2);
}
