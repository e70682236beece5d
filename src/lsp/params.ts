/** Checks for the params an editor sends: they arrive as JSON, whatever their declared types say. */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A line, a character, an offset: a whole number from zero. */
export function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}

export function isPosition(value: unknown): boolean {
  return isRecord(value) && isCount(value["line"]) && isCount(value["character"]);
}

/** The type of a value the way a message names it: "a number", "null", "an array". */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "missing";
  if (Array.isArray(value)) return "an array";
  const type = typeof value;
  return type === "object" ? "an object" : `a ${type}`;
}
