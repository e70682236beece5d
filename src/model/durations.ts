/**
 * Go's time.Duration.String() for a whole number of milliseconds, which is how flyctl writes durations it
 * converted from numbers (patches.go _castDuration): 500 → "500ms", 10000 → "10s", 90000 → "1m30s",
 * 3600000 → "1h0m0s", 0 → "0s".
 */
export function goDurationFromMilliseconds(milliseconds: number): string {
  const ms = Math.trunc(milliseconds);
  if (ms === 0) return "0s";
  const sign = ms < 0 ? "-" : "";
  const abs = Math.abs(ms);
  if (abs < 1000) return `${sign}${abs}ms`;
  const hours = Math.floor(abs / 3_600_000);
  const minutes = Math.floor((abs % 3_600_000) / 60_000);
  const seconds = (abs % 60_000) / 1000;
  const secondsText = `${Number.isInteger(seconds) ? seconds : String(seconds)}s`;
  return `${sign}${hours ? `${hours}h` : ""}${hours || minutes ? `${minutes}m` : ""}${secondsText}`;
}
