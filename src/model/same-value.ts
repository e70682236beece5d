import type { PlainValue } from "../document/located.js";

function isTable(value: PlainValue): value is { [key: string]: PlainValue } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Whether two values are equal item by item and key by key, key order aside, with their scalars compared
 * by `sameScalar`: the fix engine compares configs as JSON writes them (model/normalize.ts sameConfig),
 * `flylint diff` exactly (diff/compare.ts).
 */
export function sameValue(a: PlainValue, b: PlainValue, sameScalar: (a: PlainValue, b: PlainValue) => boolean): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i] as PlainValue, b[i] as PlainValue, sameScalar)) return false;
    return true;
  }
  if (isTable(a) || isTable(b)) {
    if (!isTable(a) || !isTable(b)) return false;
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    for (const key of keys) if (!Object.hasOwn(b, key) || !sameValue(a[key] as PlainValue, b[key] as PlainValue, sameScalar)) return false;
    return true;
  }
  return sameScalar(a, b);
}
