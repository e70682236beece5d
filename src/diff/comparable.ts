import { setEntry, type PlainValue } from "../document/located.js";
import { formatGoDuration } from "../model/go-duration.js";
import { parseMemoryMbResult, parseVolumeSizeGb } from "../model/sizes.js";

/**
 * A normalized config (src/model normalize()) with the spellings flyctl treats alike put in one form, so
 * that a key-by-key comparison sees only what changes for flyctl:
 * - sizes as numbers: [[vm]] memory in MB (machines.go:465 parses "1gb" and 1024 alike), volume sizes in
 *   GB (validation.go:278);
 * - durations as Go's Duration.String() ("5000ms" and "5s" are one time.Duration);
 * - process group lists as sets (flyctl only asks whether a group is in them);
 * - empty lists and tables, and the zero values `fly config save` writes for fields without omitempty
 *   (`protocol = ''`, `internal_port = 0`, `guest_path = ''`, fly-toml-model.md §2.13), as absent: Go
 *   holds a missing field and its zero value alike.
 */
export type Table = { [key: string]: PlainValue };

function isTable(value: PlainValue | undefined): value is Table {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Keys normalize() turned into nanoseconds (fly-go's Duration decoder). */
const durationKeys = new Set(["interval", "timeout", "grace_period", "kill_timeout", "wait_timeout", "release_command_timeout"]);
const memoryKeys = new Set(["memory"]);
const volumeSizeKeys = new Set(["initial_size", "auto_extend_size_increment", "auto_extend_size_limit"]);

/** Zero values of fields written without omitempty, per the section that holds them. */
const zeroValues: Record<string, Record<string, PlainValue>> = {
  "": { app: "" },
  services: { protocol: "", internal_port: 0 },
  statics: { guest_path: "", url_prefix: "", tigris_bucket: "" },
  // Build's fields are plain strings with omitempty (config.go Build): "" is not written, nor read as set.
  build: { "*": "" },
};

/** fly-go's MachinePersistRootfs decoder also takes the API's protobuf numbers (machine_types.go:381-425); normalize() keeps them. */
const persistRootfsNames: Record<string, string> = { "0": "", "1": "never", "2": "restart", "3": "always", none: "" };

function size(value: PlainValue, parse: (text: string) => { ok: true; value: number } | { ok: false }): PlainValue {
  if (typeof value !== "string" && typeof value !== "number") return value;
  const parsed = parse(String(value));
  return parsed.ok ? parsed.value : value;
}

function scalar(key: string, value: PlainValue): PlainValue {
  if (durationKeys.has(key) && typeof value === "number" && Number.isFinite(value)) return formatGoDuration(value);
  if (memoryKeys.has(key)) return size(value, parseMemoryMbResult);
  if (volumeSizeKeys.has(key)) return size(value, parseVolumeSizeGb);
  if (key === "persist_rootfs" && (typeof value === "number" || value === "none")) return persistRootfsNames[String(value)] ?? value;
  return value;
}

function isEmpty(value: PlainValue): boolean {
  return (Array.isArray(value) && value.length === 0) || (isTable(value) && Object.keys(value).length === 0);
}

function comparableValue(value: PlainValue, key: string, section: string): PlainValue | undefined {
  let out: PlainValue;
  if (Array.isArray(value)) {
    out = value.flatMap((item) => comparableValue(item, key, section) ?? []);
    if (key === "processes" && out.every((item) => typeof item === "string")) out = [...new Set(out as string[])].sort();
  } else if (isTable(value)) {
    const zeros = zeroValues[key] ?? {};
    const table: Table = {};
    for (const [k, v] of Object.entries(value)) {
      if ((k in zeros && v === zeros[k]) || ("*" in zeros && v === zeros["*"])) continue;
      const child = comparableValue(v, k, key);
      if (child !== undefined) setEntry(table, k, child);
    }
    out = table;
  } else if (key === "persist_rootfs" && scalar(key, value) === "") {
    return undefined;
  } else {
    out = section === "env" || section === "processes" ? value : scalar(key, value);
  }
  return isEmpty(out) ? undefined : out;
}

export interface ComparableOptions {
  /** Leave [build] out: `fly config show` has none, since the remote config does not keep it. */
  withoutBuild?: boolean;
}

export function comparableConfig(normalized: Table, options: ComparableOptions = {}): Table {
  const config = (comparableValue(normalized, "", "") ?? {}) as Table;
  if (options.withoutBuild) delete config["build"];
  return config;
}
