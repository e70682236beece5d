import type { PlainValue } from "../document/located.js";
import { sameValue } from "../model/same-value.js";
import type { Table } from "./comparable.js";

/**
 * Key-by-key differences of two comparable configs (comparable.ts), each at an exact key path. Lists of
 * sections are matched by what they are, not where they stand, since flyctl does not care about their
 * order: a service by its process groups, internal port and protocol (`services[web:8080/tcp]`; an
 * [http_service] is such a service too), a port by its number, a [[vm]] or [[restart]] by its process
 * groups (`vm[*]` for one that applies to all), a mount by its source, a static by its URL prefix, a file
 * by its guest path. Items left unmatched on both sides are paired in order and compared key by key.
 */
export interface KeyChange {
  path: string;
  change: "added" | "removed" | "changed";
  before?: PlainValue;
  after?: PlainValue;
}

function isTable(value: PlainValue | undefined): value is Table {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Equal values, key order aside; scalars only when identical. */
function same(a: PlainValue, b: PlainValue): boolean {
  return sameValue(a, b, (x, y) => x === y);
}

const bareKey = /^[A-Za-z0-9_-]+$/;

export function joinKey(path: string, key: string): string {
  const segment = bareKey.test(key) ? key : JSON.stringify(key);
  return path ? `${path}.${segment}` : segment;
}

function text(value: PlainValue | undefined): string {
  return value === undefined ? "" : Array.isArray(value) ? value.map(text).join(",") : String(value);
}

function groups(item: Table): string {
  return Array.isArray(item["processes"]) && item["processes"].length > 0 ? text(item["processes"]) : "";
}

/** What names an item of a list of sections, by the list's key; undefined: its position does. */
const itemLabels: Record<string, (item: Table) => string> = {
  services: (s) => `${groups(s) ? `${groups(s)}:` : ""}${text(s["internal_port"]) || 0}/${text(s["protocol"]) || "tcp"}`,
  ports: (p) => (p["port"] !== undefined ? text(p["port"]) : `${text(p["start_port"])}-${text(p["end_port"])}`),
  vm: (v) => groups(v) || "*",
  restart: (r) => groups(r) || "*",
  mounts: (m) => `${text(m["source"]) || text(m["destination"])}${groups(m) ? `@${groups(m)}` : ""}`,
  statics: (s) => text(s["url_prefix"]),
  files: (f) => text(f["guest_path"]),
  metrics: (m) => `${text(m["port"])}${text(m["path"])}${groups(m) ? `@${groups(m)}` : ""}`,
};

/** Labels for a list's items, unique within the list (a repeated one gets `#2`, `#3`, ...). */
function labelsOf(items: PlainValue[], key: string): string[] {
  const label = itemLabels[key];
  const seen = new Map<string, number>();
  return items.map((item, index) => {
    if (!label || !isTable(item)) return String(index);
    const base = label(item) || String(index);
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return count === 1 ? base : `${base}#${count}`;
  });
}

function diffLists(a: PlainValue[], b: PlainValue[], key: string, path: string, out: KeyChange[]): void {
  const labelsA = labelsOf(a, key);
  const labelsB = labelsOf(b, key);
  const unmatchedB = new Set(b.map((_, i) => i));
  const pairs: [number, number][] = [];
  const unmatchedA: number[] = [];
  labelsA.forEach((label, i) => {
    const j = labelsB.indexOf(label);
    if (j >= 0 && unmatchedB.has(j)) {
      pairs.push([i, j]);
      unmatchedB.delete(j);
    } else unmatchedA.push(i);
  });
  // What is left on both sides is most likely the same section with its naming keys changed.
  const leftB = [...unmatchedB];
  while (unmatchedA.length > 0 && leftB.length > 0) pairs.push([unmatchedA.shift() as number, leftB.shift() as number]);
  pairs.sort((x, y) => x[0] - y[0]);
  const itemPath = (label: string) => `${path}[${label}]`;
  for (const [i, j] of pairs) diffValues(a[i] as PlainValue, b[j] as PlainValue, key, itemPath(labelsA[i] as string), out);
  for (const i of unmatchedA) oneSided(a[i] as PlainValue, key, itemPath(labelsA[i] as string), "removed", out);
  for (const j of leftB) oneSided(b[j] as PlainValue, key, itemPath(labelsB[j] as string), "added", out);
}

/** A section present on one side only, as one change per key in it, so every change has an exact key path. */
function oneSided(value: PlainValue, key: string, path: string, change: "added" | "removed", out: KeyChange[]): void {
  if (isTable(value)) {
    for (const [k, v] of Object.entries(value)) oneSided(v, k, joinKey(path, k), change, out);
  } else if (Array.isArray(value) && value.some(isTable)) {
    const labels = labelsOf(value, key);
    value.forEach((item, i) => oneSided(item, key, `${path}[${labels[i] as string}]`, change, out));
  } else {
    out.push(change === "added" ? { path, change, after: value } : { path, change, before: value });
  }
}

function diffValues(a: PlainValue | undefined, b: PlainValue | undefined, key: string, path: string, out: KeyChange[]): void {
  if (a === undefined && b === undefined) return;
  if (a === undefined) return oneSided(b as PlainValue, key, path, "added", out);
  if (b === undefined) return oneSided(a, key, path, "removed", out);
  if (isTable(a) && isTable(b)) {
    const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !(k in a))];
    for (const k of keys) diffValues(a[k], b[k], k, joinKey(path, k), out);
    return;
  }
  // Lists of sections are compared item by item; lists of values (a command, handlers) as one value.
  if (Array.isArray(a) && Array.isArray(b) && (a.some(isTable) || b.some(isTable))) {
    diffLists(a, b, key, path, out);
    return;
  }
  if (!same(a, b)) out.push({ path, change: "changed", before: a, after: b });
}

/** Every difference between two comparable configs, in the order of the first one's keys. */
export function compareConfigs(a: Table, b: Table): KeyChange[] {
  const out: KeyChange[] = [];
  diffValues(a, b, "", "", out);
  return out;
}
