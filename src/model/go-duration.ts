/**
 * Go's time.ParseDuration and Duration.String, for durations in fly.toml. Values are nanoseconds as
 * numbers (a double holds every duration fly.toml plausibly uses exactly).
 */
const unitNanoseconds: Record<string, number> = { ns: 1, us: 1e3, "µs": 1e3, "μs": 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** time.ParseDuration: nanoseconds, or undefined where Go returns an error ("5", "", "1 m"). */
export function parseGoDuration(text: string): number | undefined {
  let rest = text;
  let sign = 1;
  if (rest.startsWith("-") || rest.startsWith("+")) {
    sign = rest.startsWith("-") ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === "0") return 0;
  if (rest === "") return undefined;
  let total = 0;
  while (rest !== "") {
    const match = /^(\d+\.?\d*|\.\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h)/.exec(rest);
    if (!match) return undefined;
    total += Number(match[1]) * (unitNanoseconds[match[2] as string] as number);
    rest = rest.slice(match[0].length);
  }
  return sign * Math.round(total);
}

function trimFraction(value: number, digits: number): string {
  return value.toFixed(digits).replace(/\.?0+$/, "");
}

/** Whether Go's time.Duration (int64 nanoseconds) holds this value: nan, inf and anything past ±2^63 ns does not. */
export function isGoDuration(nanoseconds: number): boolean {
  return Number.isFinite(nanoseconds) && Math.abs(nanoseconds) < 2 ** 63;
}

/** time.Duration.String: "1m21s", "1.999s", "500ms", "10µs", "0s". */
export function formatGoDuration(nanoseconds: number): string {
  if (nanoseconds === 0) return "0s";
  const sign = nanoseconds < 0 ? "-" : "";
  const ns = Math.abs(nanoseconds);
  if (ns < 1e3) return `${sign}${ns}ns`;
  if (ns < 1e6) return `${sign}${trimFraction(ns / 1e3, 3)}µs`;
  if (ns < 1e9) return `${sign}${trimFraction(ns / 1e6, 6)}ms`;
  const hours = Math.floor(ns / 3600e9);
  const minutes = Math.floor((ns % 3600e9) / 60e9);
  const seconds = trimFraction((ns % 60e9) / 1e9, 9);
  return `${sign}${hours ? `${hours}h` : ""}${hours || minutes ? `${minutes}m` : ""}${seconds}s`;
}

/** How flyctl writes a duration it converted from a number of milliseconds (check timings): 10000 → "10s". */
export function goDurationFromMilliseconds(milliseconds: number): string {
  return formatGoDuration(Math.trunc(milliseconds) * 1e6);
}
