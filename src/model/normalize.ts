import { setEntry, type PlainValue } from "../document/located.js";
import { applicableSchemas, flySchema, type SchemaNode } from "../schema/schema-model.js";
import { compareNames } from "../text/compare-names.js";
import { formatGoDuration, goDurationFromMilliseconds, parseGoDuration } from "./go-duration.js";
import { goValueString } from "./sizes.js";
import { sameValue } from "./same-value.js";

/**
 * The config as flyctl sees it after loading (fly-toml-model.md §0, §2): patches P1-P10 in their order,
 * then what encoding/json and fly-go's decoders do (autostop booleans, durations, unknown keys dropped).
 * Written from the reference, not translated from Go. It is the yardstick of a correct migration:
 * `normalize(before)` must deep-equal `normalize(after)`.
 *
 * For comparison, a few things are put in one canonical form that flyctl treats alike: [http_service]
 * becomes the service it expands into (service.go:71-94), services are sorted, port handlers are a set
 * (flyctl compares ["tls","http"] and ["http","tls"] as the same, config.go:229-255), and durations are
 * nanoseconds.
 */
type Table = { [key: string]: PlainValue };

function isTable(value: PlainValue | undefined): value is Table {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Go's fmt %v, as _patchEnv and friends render values (patches.go:81-116). */
export function goFormat(value: PlainValue): string {
  if (typeof value === "string") return value;
  if (typeof value === "number") return goValueString(value);
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(goFormat).join(" ")}]`;
  return `map[${Object.keys(value)
    .sort()
    .map((key) => `${key}:${goFormat(value[key] as PlainValue)}`)
    .join(" ")}]`;
}

/** ensureArrayOfMap: a table becomes a one-element array; arrays keep their tables. */
function arrayOfTables(value: PlainValue | undefined): Table[] | undefined {
  if (value === undefined) return undefined;
  if (isTable(value)) return [value];
  return Array.isArray(value) ? value.filter(isTable) : undefined;
}

/** castToInt: numbers truncated, digit strings parsed (patches.go:578-608). */
function castToInt(value: PlainValue | undefined): PlainValue | undefined {
  // Go converts a float outside int64 (inf) to the smallest int64 on amd64.
  if (typeof value === "number") return Number.isFinite(value) ? Math.trunc(value) : -9223372036854775808;
  if (typeof value === "string" && /^[-+]?\d+$/.test(value)) return Number(value);
  return value;
}

/** _patchCheck: numbers are milliseconds, "" and other types are dropped; headers become a table of strings. */
function patchCheck(check: Table): Table {
  const out: Table = { ...check };
  for (const key of ["interval", "timeout", "grace_period"]) {
    const value = out[key];
    if (typeof value === "number") out[key] = goDurationFromMilliseconds(value);
    else if (typeof value !== "string" || value === "") delete out[key];
  }
  const headers = out["headers"];
  if (Array.isArray(headers)) {
    const table: Table = {};
    for (const item of headers) if (isTable(item) && typeof item["name"] === "string") setEntry(table, item["name"], goFormat(item["value"] ?? ""));
    out["headers"] = table;
  } else if (isTable(headers)) {
    out["headers"] = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, goFormat(v)]));
  }
  if (isTable(out["headers"]) && Object.keys(out["headers"]).length === 0) delete out["headers"];
  return out;
}

function patchChecks(service: Table, key: string): void {
  const checks = arrayOfTables(service[key]);
  if (checks === undefined) return;
  if (checks.length === 0) delete service[key];
  else service[key] = checks.map(patchCheck);
}

/** P1: [[env]] merged, values rendered with %v. */
function patchEnv(config: Table): void {
  const env = config["env"];
  if (env === undefined) return;
  // One copy, formatted as it is merged: a later table's value wins and the key keeps its first place.
  const merged: Table = {};
  for (const table of arrayOfTables(env) ?? []) for (const key of Object.keys(table)) setEntry(merged, key, goFormat(table[key] as PlainValue));
  config["env"] = merged;
}

/** P2: services as an array without empty entries; legacy concurrency, ports and checks converted. */
function patchServices(config: Table): void {
  const services = arrayOfTables(config["services"]);
  if (services === undefined) return;
  const kept = services.filter((service) => Object.keys(service).length > 0).map((service) => {
    const out: Table = { ...service };
    const concurrency = out["concurrency"];
    if (typeof concurrency === "string") {
      const [soft, hard] = concurrency.split(",");
      out["concurrency"] = { type: "requests", soft_limit: Number(soft), hard_limit: Number(hard) };
    }
    const ports = arrayOfTables(out["ports"]);
    if (ports !== undefined) out["ports"] = ports.map((port) => ({ ...port, ...(port["port"] !== undefined ? { port: castToInt(port["port"]) as PlainValue } : {}) }));
    patchChecks(out, "tcp_checks");
    patchChecks(out, "http_checks");
    if (out["internal_port"] !== undefined) out["internal_port"] = castToInt(out["internal_port"]) as PlainValue;
    return out;
  });
  if (kept.length === 0) delete config["services"];
  else config["services"] = kept;
}

/** P3: [[processes]] with name/command become a table; an empty result is no [processes] at all. */
function patchProcesses(config: Table): void {
  const processes = config["processes"];
  if (!Array.isArray(processes)) return;
  const table: Table = {};
  for (const item of processes) if (isTable(item) && item["name"] !== undefined) setEntry(table, goFormat(item["name"]), goFormat(item["command"] ?? ""));
  if (Object.keys(table).length === 0) delete config["processes"];
  else config["processes"] = table;
}

/** P4: command strings become lists; legacy kill_timeout and metrics move to the top when absent there. */
function patchExperimental(config: Table): void {
  if (!isTable(config["experimental"])) return;
  const experimental: Table = { ...config["experimental"] };
  config["experimental"] = experimental;
  for (const key of ["cmd", "entrypoint", "exec"]) if (typeof experimental[key] === "string") experimental[key] = [experimental[key]];
  const killTimeout = experimental["kill_timeout"];
  if (killTimeout !== undefined && config["kill_timeout"] === undefined && (typeof killTimeout === "number" || typeof killTimeout === "string")) {
    config["kill_timeout"] = killTimeout;
  }
  if ((experimental["metrics_port"] !== undefined || experimental["metrics_path"] !== undefined) && config["metrics"] === undefined) {
    const metrics: Table = {};
    if (experimental["metrics_port"] !== undefined) metrics["port"] = experimental["metrics_port"];
    if (experimental["metrics_path"] !== undefined) metrics["path"] = experimental["metrics_path"];
    config["metrics"] = metrics;
  }
  if (Object.keys(experimental).length === 0) delete config["experimental"];
}

/** P5: [[checks]] keyed by name (later wins); every check's timings and headers patched. */
function patchTopLevelChecks(config: Table): void {
  const checks = config["checks"];
  let table: Table | undefined;
  if (Array.isArray(checks)) {
    table = {};
    for (const item of checks) if (isTable(item) && typeof item["name"] === "string") setEntry(table, item["name"], item);
  } else if (isTable(checks)) table = checks;
  if (table === undefined) return;
  const patched = Object.fromEntries(Object.entries(table).flatMap(([name, check]) => (isTable(check) ? [[name, patchCheck(check)]] : [])));
  if (Object.keys(patched).length === 0) delete config["checks"];
  else config["checks"] = patched;
}

/** P6-P8: sections with legacy aliases concatenated in flyctl's order; number sizes rendered with %v. */
function concatenate(config: Table, keys: string[], into: string, numberToString?: string): void {
  const all = keys.flatMap((key) => arrayOfTables(config[key]) ?? []);
  for (const key of keys) delete config[key];
  if (all.length === 0) return;
  config[into] = all.map((entry) => {
    const value = numberToString ? entry[numberToString] : undefined;
    return numberToString && typeof value === "number" ? { ...entry, [numberToString]: goValueString(value) } : entry;
  });
}

/** P9: kill_timeout numbers are seconds; "" and non-string types are dropped. */
function patchTopFields(config: Table): void {
  const value = config["kill_timeout"];
  if (typeof value === "number") config["kill_timeout"] = formatGoDuration(Math.trunc(value) * 1e9);
  else if (value !== undefined && (typeof value !== "string" || value === "")) delete config["kill_timeout"];
}

/** P10: build_target becomes build-target (and wins); an empty [build] is dropped. */
function patchBuild(config: Table): void {
  if (!isTable(config["build"])) return;
  const build: Table = { ...config["build"] };
  config["build"] = build;
  if (build["build_target"] !== undefined) {
    build["build-target"] = build["build_target"];
    delete build["build_target"];
  }
  if (Object.keys(build).length === 0) delete config["build"];
}

/**
 * What project() does at one place of the schema, worked out once: the schema never changes, and a
 * config repeats places ([[services]], [env] keys), so each key's schemas are found once per place, not
 * once per value. Memoized only by the schema's own property names (a map's keys share one entry), so it
 * stays as small as the schema.
 */
class Projection {
  private objectBranches: SchemaNode[] | undefined;
  private readonly properties = new Map<string, Projection | null>();
  private additional: Projection | null | undefined;
  private items: Projection | undefined;

  constructor(private readonly schemas: SchemaNode[]) {}

  /** The projection of an array's items. */
  ofItems(): Projection {
    this.items ??= new Projection(applicableSchemas(this.schemas, "array").flatMap((s) => (s.items ? [s.items] : [])));
    return this.items;
  }

  /** Whether a key is a field of the table's struct, not a key of a map (`[env]`, `[build.args]`). */
  declares(key: string): boolean {
    const branches = (this.objectBranches ??= applicableSchemas(this.schemas, "object"));
    return branches.some((b) => b.properties !== undefined && Object.hasOwn(b.properties, key));
  }

  /** The projection of a table's key, or null when encoding/json drops it (no such field, or one nothing reads). */
  ofKey(key: string): Projection | null {
    const branches = (this.objectBranches ??= applicableSchemas(this.schemas, "object"));
    const named = this.declares(key);
    if (!named) {
      if (this.additional === undefined) this.additional = this.child(branches, key);
      return this.additional;
    }
    let known = this.properties.get(key);
    if (known === undefined) {
      known = this.child(branches, key);
      this.properties.set(key, known);
    }
    return known;
  }

  private child(branches: SchemaNode[], key: string): Projection | null {
    const childSchemas = branches.flatMap((b) => {
      if (b.properties !== undefined && Object.hasOwn(b.properties, key)) return [b.properties[key] as SchemaNode];
      if (b.additionalProperties !== undefined) return typeof b.additionalProperties === "object" ? [b.additionalProperties] : [{}];
      return [];
    });
    const structured = branches.some((b) => b.properties || b.additionalProperties !== undefined);
    if (structured && childSchemas.length === 0) return null;
    // Legacy keys patches leave behind, and fields nothing reads, make no difference to what flyctl does.
    if (childSchemas.some((s) => s["x-flyctl-ignored"] || s["x-flyctl-unused"])) return null;
    return new Projection(childSchemas);
  }
}

const rootProjection = new Projection([flySchema]);

const durationKeys = new Set(["interval", "timeout", "grace_period", "kill_timeout", "wait_timeout", "release_command_timeout"]);

/**
 * What encoding/json keeps: only keys the Go structs have (as the schema lists them); maps keep every key.
 * Fields flyctl parses but never uses are dropped too: they cannot change what it does. And, in the same
 * copy, what fly-go's decoders make of what is kept: autostop booleans are off/stop, durations are
 * nanoseconds (strings parsed, numbers taken as is).
 */
function projectAndDecode(value: PlainValue, projection: Projection): PlainValue {
  if (Array.isArray(value)) {
    const items = projection.ofItems();
    return value.map((item) => projectAndDecode(item, items));
  }
  if (!isTable(value)) return value;
  const out: Table = {};
  for (const key of Object.keys(value)) {
    const child = projection.ofKey(key);
    if (child === null) continue;
    const v = value[key] as PlainValue;
    if (key === "auto_stop_machines" && typeof v === "boolean") out[key] = v ? "stop" : "off";
    // A duration field of a struct; a map's values are strings however their keys are named ([env] timeout = "5s").
    else if (durationKeys.has(key) && (typeof v === "string" || typeof v === "number") && projection.declares(key)) out[key] = typeof v === "number" ? Math.trunc(v) : (parseGoDuration(v) ?? v);
    else setEntry(out, key, projectAndDecode(v, child));
  }
  return out;
}

/** [http_service] as the service flyctl expands it into (ToService, service.go:71-94). */
function httpServiceAsService(http: Table): Table {
  const service: Table = { protocol: "tcp" };
  for (const key of ["internal_port", "auto_stop_machines", "auto_start_machines", "min_machines_running", "processes", "concurrency", "machine_checks"]) {
    if (http[key] !== undefined) service[key] = http[key];
  }
  const port80: Table = { port: 80, handlers: ["http"] };
  if (http["force_https"] !== undefined) port80["force_https"] = http["force_https"];
  if (http["http_options"] !== undefined) port80["http_options"] = http["http_options"];
  const port443: Table = { port: 443, handlers: ["http", "tls"] };
  if (http["http_options"] !== undefined) port443["http_options"] = http["http_options"];
  if (http["tls_options"] !== undefined) port443["tls_options"] = http["tls_options"];
  service["ports"] = [port80, port443];
  if (Array.isArray(http["checks"]) && http["checks"].length > 0) service["http_checks"] = http["checks"];
  return service;
}

function stableStringify(value: PlainValue): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (isTable(value)) return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stableStringify(value[k] as PlainValue)}`).join(",")}}`;
  return JSON.stringify(value);
}

/** Tables in the order of their stable JSON text (the same on every machine), each written once rather than once per comparison. */
function sortedByText(tables: Table[]): Table[] {
  return tables
    .map((table) => ({ table, text: stableStringify(table) }))
    .sort((a, b) => compareNames(a.text, b.text))
    .map(({ table }) => table);
}

/** Services in one order, [http_service] among them, handlers as sets, false force_https as unset. */
function canonicalServices(config: Table): void {
  const services = Array.isArray(config["services"]) ? (config["services"] as Table[]) : [];
  const http = config["http_service"];
  delete config["http_service"];
  const all = [...(isTable(http) ? [httpServiceAsService(http)] : []), ...services].map((service) => {
    const ports = Array.isArray(service["ports"]) ? (service["ports"] as Table[]) : [];
    return {
      ...service,
      ports: ports.map((port) => {
        const out: Table = { ...port };
        if (Array.isArray(out["handlers"])) out["handlers"] = [...(out["handlers"] as string[])].sort();
        if (out["force_https"] === false) delete out["force_https"];
        return out;
      }),
    };
  });
  if (all.length === 0) delete config["services"];
  else config["services"] = sortedByText(all);
}

/**
 * The config as flyctl holds it after loading (patches, then what encoding/json keeps, durations in
 * nanoseconds), with sections in file order: what `plan` turns into Machines. normalize() is this plus
 * one canonical order for comparison.
 */
export function loadConfig(canonical: PlainValue): { [key: string]: PlainValue } {
  // A shallow copy: every patch replaces what it changes below the top level instead of editing it, and
  // projectAndDecode copies the rest, so the canonical value is never changed (normalize.test.ts freezes it).
  const config: Table = isTable(canonical) ? { ...canonical } : {};
  patchEnv(config);
  patchServices(config);
  patchProcesses(config);
  patchExperimental(config);
  patchTopLevelChecks(config);
  concatenate(config, ["compute", "computes", "vm"], "vm", "memory");
  concatenate(config, ["mount", "mounts"], "mounts", "initial_size");
  concatenate(config, ["metric", "metrics"], "metrics");
  patchTopFields(config);
  patchBuild(config);
  const decoded = projectAndDecode(config, rootProjection) as Table;
  // An [experimental] left with nothing flyctl uses is the same as none (patchExperimental drops empty ones).
  if (isTable(decoded["experimental"]) && Object.keys(decoded["experimental"]).length === 0) delete decoded["experimental"];
  return decoded;
}

/** The config as flyctl sees it after loading, in a form two equivalent configs share. */
export function normalize(canonical: PlainValue): PlainValue {
  const decoded = loadConfig(canonical);
  canonicalServices(decoded);
  return decoded;
}

/**
 * Two values equal as JSON, key order aside: what comparing their stableStringify texts tells, found by
 * walking both instead of writing both out (the fix engine compares a large config before and after
 * every pass, and the two texts were a tenth of a 1 MB legacy config's --fix).
 */
export function sameConfig(a: PlainValue, b: PlainValue): boolean {
  return sameValue(a, b, sameAsJson);
}

/** Scalars as JSON writes them: NaN and Infinity both as null, -0 as 0. */
function sameAsJson(a: PlainValue, b: PlainValue): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
