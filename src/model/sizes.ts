/**
 * Sizes as flyctl parses them: helpers.ParseSize (flyctl helpers/units.go:8-20) over docker/go-units
 * v0.5.0 (size.go:91-154), ported line by line so the same inputs give the same numbers and errors.
 * A bare integer (strconv.Atoi) is the target unit itself; otherwise go-units parses a number and a unit.
 */

const decimalUnits: Record<string, number> = { k: 1e3, m: 1e6, g: 1e9, t: 1e12, p: 1e15 };
const binaryUnits: Record<string, number> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };

export type SizeResult = { ok: true; value: number } | { ok: false; error: string };

/** strconv.ParseFloat's syntax: decimal or exponent notation, an optional sign, inf and nan spelled out. */
function parseGoFloat(text: string): number | undefined {
  if (/^[-+]?(\d+\.?\d*([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?)$/.test(text)) return Number(text);
  if (/^[-+]?(inf|infinity)$/i.test(text)) return text.startsWith("-") ? -Infinity : Infinity;
  if (/^nan$/i.test(text)) return Number.NaN;
  return undefined;
}

/** go-units parseSize: the number ends at the last digit, dot or space; the rest is the unit. */
function goUnitsParseSize(text: string, units: Record<string, number>): SizeResult {
  let separator = -1;
  for (let i = text.length - 1; i >= 0; i--) {
    if ("01234567890. ".includes(text[i] as string)) {
      separator = i;
      break;
    }
  }
  if (separator === -1) return { ok: false, error: `invalid size: '${text}'` };
  const number = text[separator] === " " ? text.slice(0, separator) : text.slice(0, separator + 1);
  let suffix = text.slice(separator + 1);
  const size = parseGoFloat(number);
  if (size === undefined) return { ok: false, error: `strconv.ParseFloat: parsing ${JSON.stringify(number)}: invalid syntax` };
  if (size < 0) return { ok: false, error: `invalid size: '${text}'` };
  if (suffix.length === 0) return { ok: true, value: Math.trunc(size) };
  const badSuffix = (): SizeResult => ({ ok: false, error: `invalid suffix: '${suffix}'` });
  if (suffix.length > 3) return badSuffix();
  suffix = suffix.toLowerCase();
  if (suffix[0] === "b") return suffix.length > 1 ? badSuffix() : { ok: true, value: Math.trunc(size) };
  const multiplier = units[suffix[0] as string];
  if (multiplier === undefined) return badSuffix();
  if ((suffix.length === 2 && suffix[1] !== "b") || (suffix.length === 3 && suffix.slice(1) !== "ib")) return badSuffix();
  return { ok: true, value: Math.trunc(size * multiplier) };
}

/** strconv.Atoi: an optional sign and decimal digits (64-bit range). */
function atoi(text: string): number | undefined {
  return /^[-+]?\d+$/.test(text) ? Number(text) : undefined;
}

function flyctlParseSize(text: string, units: Record<string, number>, unit: number): SizeResult {
  const whole = atoi(text);
  if (whole !== undefined) return { ok: true, value: whole };
  const parsed = goUnitsParseSize(text, units);
  if (!parsed.ok) return { ok: false, error: `invalid size: ${parsed.error}` };
  return { ok: true, value: Math.trunc(parsed.value / unit) };
}

/** A volume size in GB (decimal units: 1 GB = 1000 MB), as [[mounts]] sizes are read (validation.go:278). */
export function parseVolumeSizeGb(text: string): SizeResult {
  return flyctlParseSize(text, decimalUnits, 1e9);
}

/** [[vm]] memory in MB (binary units: 1 GB = 1024 MB), as machines.go:465 reads it. */
export function parseMemoryMbResult(text: string): SizeResult {
  return flyctlParseSize(text, binaryUnits, 1024 ** 2);
}

/** [[vm]] memory in MB, or undefined when flyctl could not parse it (a deploy-time error). */
export function parseMemoryMb(value: string | number): number | undefined {
  const parsed = parseMemoryMbResult(goValueString(value));
  return parsed.ok ? parsed.value : undefined;
}

/**
 * Go's fmt %v of a TOML number as flyctl's patches render it (`memory = 512` → "512", `1.5` → "1.5",
 * `initial_size = 1e21` → "1e+21"): integers as digits, floats in the shortest form.
 */
export function goValueString(value: string | number): string {
  if (typeof value === "string") return value;
  if (!Number.isFinite(value)) return Number.isNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf";
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return String(value);
  return String(value).replace(/e([-+])(\d)$/, "e$10$2");
}
