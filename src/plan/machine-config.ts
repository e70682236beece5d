import type { PlainValue } from "../document/located.js";
import { formatGoDuration } from "../model/go-duration.js";
import { parseMemoryMbResult, parseVolumeSizeGb } from "../model/sizes.js";
import { vmPresets } from "../data/vm-presets.js";
import type { JsonValue, MachineCheck, MachineConfig, MachineGuest, MachinePort, MachineService } from "./machine-types.js";
import { appliesTo, checksFor, computeForGroup, defaultProcessName, entriesFor, httpServiceFor, isTable, tables, type Table } from "./process-groups.js";
import { shlexSplit } from "./shlex.js";

/**
 * flyctl's Config.ToMachineConfig(group, nil) (internal/appconfig/machines.go:16-23, 245-434) over a
 * loaded config (model/normalize.ts loadConfig): the machine config `fly deploy` sends for a new Machine
 * of the group, before it adds the image, files and release metadata. Each step cites the Go it follows.
 */
export interface MachineConfigOptions {
  /**
   * Reads a file the config refers to (a compose file, a machine_config .json), by the path as written;
   * undefined when it does not exist. Without it no file exists, which is what flyctl finds offline too.
   */
  readFile?: (path: string) => string | undefined;
  /** The load error flyctl keeps as v2UnmarshalError; every group then fails to flatten. */
  loadError?: string;
}

export type MachineConfigResult = { config: MachineConfig; error: null } | { config: null; error: string };

/** What every flyctl version writes in metadata.fly_flyctl_version: the version itself, unknown here. */
export const FLYCTL_VERSION_PLACEHOLDER = "<flyctl version>";

class ConfigError extends Error {}

/** A Go struct being written: its JSON keys so far. */
type Fields = { [key: string]: unknown };

const str = (value: PlainValue | undefined): string => (typeof value === "string" ? value : "");
const int = (value: PlainValue | undefined): number => (typeof value === "number" && Number.isFinite(value) ? Math.trunc(value) : 0);
const stringList = (value: PlainValue | undefined): string[] | undefined =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : undefined;

/** Copies the keys that are set (Go pointers that are non-nil, or non-zero omitempty fields) in the order given. */
function pick<T = Fields>(entries: [string, unknown][]): T {
  const out: Fields = {};
  for (const [key, value] of entries) if (value !== undefined) out[key] = value;
  return out as T;
}

const omitZero = <V>(value: V | undefined): V | undefined =>
  value === undefined || value === "" || value === 0 || value === false || (Array.isArray(value) && value.length === 0) ? undefined : value;

const pointer = <V extends JsonValue>(value: PlainValue | undefined, type: "string" | "number" | "boolean"): V | undefined =>
  typeof value === type ? (type === "number" ? (Math.trunc(value as number) as V) : (value as V)) : undefined;

const duration = (value: PlainValue | undefined): string | undefined => (typeof value === "number" ? formatGoDuration(value) : undefined);

/** A value as encoding/json writes what it decoded into `any` or a nested option struct (tables and lists as they are). */
function asJson(value: PlainValue | undefined): JsonValue | undefined {
  return value === undefined ? undefined : (value as JsonValue);
}

/** HTTP headers from a Go map become a list of {name, values}; Go's map order is random, so they are sorted by name. */
function headerList(headers: PlainValue | undefined): MachineCheck["headers"] {
  if (!isTable(headers)) return undefined;
  const names = Object.keys(headers).sort();
  return names.length > 0 ? names.map((name) => ({ name, values: [str(headers[name])] })) : undefined;
}

/** http_options as fly.HTTPOptions writes it (machine_types.go:753-765). */
function httpOptions(options: PlainValue | undefined): MachinePort["http_options"] {
  if (!isTable(options)) return undefined;
  const response = options["response"];
  return pick([
    ["compress", pointer(options["compress"], "boolean")],
    [
      "response",
      isTable(response)
        ? pick([
            ["headers", isTable(response["headers"]) && Object.keys(response["headers"]).length > 0 ? asJson(response["headers"]) : undefined],
            ["pristine", pointer(response["pristine"], "boolean")],
          ])
        : undefined,
    ],
    ["h2_backend", pointer(options["h2_backend"], "boolean")],
    ["idle_timeout", pointer(options["idle_timeout"], "number")],
    ["headers_read_timeout", pointer(options["headers_read_timeout"], "number")],
    [
      "replay_cache",
      omitZero(
        tables(options["replay_cache"]).map((cache) =>
          pick([
            ["path_prefix", str(cache["path_prefix"])],
            ["ttl_seconds", int(cache["ttl_seconds"])],
            ["type", str(cache["type"])],
            ["name", str(cache["name"])],
            ["allow_bypass", omitZero(cache["allow_bypass"] === true)],
          ]),
        ),
      ),
    ],
  ]);
}

function tlsOptions(options: PlainValue | undefined): MachinePort["tls_options"] {
  if (!isTable(options)) return undefined;
  return pick([
    ["alpn", omitZero(stringList(options["alpn"]))],
    ["versions", omitZero(stringList(options["versions"]))],
    ["default_self_signed", pointer(options["default_self_signed"], "boolean")],
  ]);
}

/** fly.MachinePort (machine_types.go:671-680). */
function machinePort(port: Table): MachinePort {
  const proxy = port["proxy_proto_options"];
  return pick([
    ["port", pointer(port["port"], "number")],
    ["start_port", pointer(port["start_port"], "number")],
    ["end_port", pointer(port["end_port"], "number")],
    ["handlers", omitZero(stringList(port["handlers"]))],
    ["force_https", omitZero(port["force_https"] === true)],
    ["tls_options", tlsOptions(port["tls_options"])],
    ["http_options", httpOptions(port["http_options"])],
    ["proxy_proto_options", isTable(proxy) ? pick([["version", omitZero(str(proxy["version"]))]]) : undefined],
  ]);
}

/** The check timings and HTTP fields shared by service checks and top-level checks. */
function checkFields(check: Table, method: string | undefined): [string, unknown][] {
  return [
    ["interval", duration(check["interval"])],
    ["timeout", duration(check["timeout"])],
    ["grace_period", duration(check["grace_period"])],
    ["method", method],
    ["path", pointer(check["path"], "string")],
    ["protocol", pointer(check["protocol"], "string")],
    ["tls_skip_verify", pointer(check["tls_skip_verify"], "boolean")],
    ["tls_server_name", pointer(check["tls_server_name"], "string")],
    ["headers", headerList(check["headers"])],
  ];
}

/** ServiceTCPCheck/ServiceHTTPCheck.toMachineCheck (service.go:145-172): the method as written. */
function serviceCheck(check: Table, type: "tcp" | "http"): MachineCheck {
  if (type === "tcp") return pick([["type", "tcp"], ...checkFields(check, undefined).slice(0, 3)]);
  return pick([["type", "http"], ...checkFields(check, pointer(check["method"], "string"))]);
}

const autostopJson = (value: PlainValue | undefined): MachineService["autostop"] =>
  value === "stop" ? true : value === "off" ? false : value === "suspend" ? "suspend" : undefined;

/** Service.toMachineService (service.go:125-143). */
function machineService(service: Table): MachineService {
  const concurrency = service["concurrency"];
  const checks = [...tables(service["tcp_checks"]).map((c) => serviceCheck(c, "tcp")), ...tables(service["http_checks"]).map((c) => serviceCheck(c, "http"))];
  return {
    ...pick<Omit<MachineService, "force_instance_key">>([
      ["protocol", omitZero(str(service["protocol"]))],
      ["internal_port", omitZero(int(service["internal_port"]))],
      ["autostop", autostopJson(service["auto_stop_machines"])],
      ["autostart", pointer(service["auto_start_machines"], "boolean")],
      ["min_machines_running", pointer(service["min_machines_running"], "number")],
      ["ports", omitZero(tables(service["ports"]).map(machinePort))],
      ["checks", omitZero(checks)],
      [
        "concurrency",
        isTable(concurrency)
          ? pick([
              ["type", omitZero(str(concurrency["type"]))],
              ["hard_limit", omitZero(int(concurrency["hard_limit"]))],
              ["soft_limit", omitZero(int(concurrency["soft_limit"]))],
            ])
          : undefined,
      ],
    ]),
    force_instance_key: null,
  };
}

/** HTTPService.ToService (service.go:71-94): ports 80 (http) and 443 (http, tls), sharing http_options. */
function httpServiceAsService(http: Table): Table {
  const port80: Table = { port: 80, handlers: ["http"], force_https: http["force_https"] === true };
  const port443: Table = { port: 443, handlers: ["http", "tls"] };
  if (http["http_options"] !== undefined) port80["http_options"] = port443["http_options"] = http["http_options"];
  if (http["tls_options"] !== undefined) port443["tls_options"] = http["tls_options"];
  const service: Table = { protocol: "tcp", ports: [port80, port443] };
  for (const key of ["internal_port", "concurrency", "auto_stop_machines", "auto_start_machines", "min_machines_running"]) {
    if (http[key] !== undefined) service[key] = http[key];
  }
  if (http["checks"] !== undefined) service["http_checks"] = http["checks"];
  return service;
}

/** AllServices (service.go:96-103) of the flattened config: [http_service] first, then [[services]]. */
export function servicesFor(config: Table, group: string): Table[] {
  const http = httpServiceFor(config, group);
  return [...(http ? [httpServiceAsService(http)] : []), ...entriesFor(config, group, "services")];
}

/** ToplevelCheck.toMachineCheck (toplevelcheck.go:56-83) plus the port taken from [http_service] (machines.go:305-320). */
function topLevelCheck(name: string, check: Table, group: string, http: Table | undefined): MachineCheck {
  const type = check["type"];
  if (type !== "http" && type !== "tcp") throw new ConfigError("Missing or invalid check type, must be 'http' or 'tcp'");
  let port = pointer<number>(check["port"], "number");
  if (port === undefined) {
    if (!http) throw new ConfigError(`Check '${name}' for process group '${group}' has no port set and the group has no http_service to take it from`);
    port = int(http["internal_port"]);
  }
  const method = typeof check["method"] === "string" ? check["method"].toUpperCase() : undefined;
  return pick([["port", port], ["type", type], ...checkFields(check, method)]);
}

const guestFields = ["cpu_kind", "cpus", "memory_mb", "max_memory_mb", "gpus", "gpu_kind", "host_dedication_id", "persist_rootfs", "kernel_args"] as const;

/** Whether encoding/json allocated the [[vm]]'s inline *fly.MachineGuest: it did when any of its fields was given. */
function hasMachineGuest(compute: Table): boolean {
  return guestFields.some((key) => compute[key] !== undefined);
}

/** MachineGuest.SetSize's error for a size that is no preset (machine_types.go:477-499). */
function sizeError(size: string): string {
  const kind = size.startsWith("shared") ? "shared" : size.startsWith("performance") ? "performance" : undefined;
  if (!kind) return `invalid machine preset requested, '${size}', expected to start with 'shared' or 'performance'`;
  const valid = [...vmPresets.keys()].filter((name) => name.startsWith(kind)).sort();
  return `'${size}' is an invalid machine size, choose one of: [${valid.join(" ")}]`;
}

/** persist_rootfs as fly-go decodes it: "" and "none" are none (omitted), numbers 0-3 name the modes (machine_types.go:381-425). */
function persistRootfs(value: PlainValue | undefined): string | undefined {
  const modes = ["", "never", "restart", "always"];
  if (typeof value === "number") return modes[value] || undefined;
  return typeof value === "string" && value !== "none" ? value || undefined : undefined;
}

/** computeToGuest (machines.go:446-485): preset, top-level host_dedication_id, `memory`, then every non-zero guest field. */
function computeToGuest(compute: Table, hostDedicationId: string): MachineGuest {
  const guestGiven = hasMachineGuest(compute);
  let size = "shared-cpu-1x";
  if (str(compute["size"]) !== "") size = str(compute["size"]);
  else if (guestGiven && str(compute["gpu_kind"]) !== "") size = "performance-8x";
  const preset = vmPresets.get(size);
  if (!preset) throw new ConfigError(sizeError(size));
  const guest: { [key: string]: JsonValue } = { cpu_kind: preset.cpuKind, cpus: preset.cpus, memory_mb: preset.memoryMb };
  if (preset.gpus > 0) Object.assign(guest, { gpus: preset.gpus, gpu_kind: preset.gpuKind as string });
  if (hostDedicationId !== "") guest["host_dedication_id"] = hostDedicationId;
  const memory = str(compute["memory"]);
  if (memory !== "") {
    const parsed = parseMemoryMbResult(memory);
    if (!parsed.ok) throw new ConfigError(parsed.error);
    if (parsed.value === 0) throw new ConfigError("memory cannot be zero");
    guest["memory_mb"] = parsed.value;
  }
  // copier.CopyWithOption(IgnoreEmpty): each field of the [[vm]]'s guest that is not its zero value wins.
  if (guestGiven) {
    for (const key of guestFields) {
      const value = key === "persist_rootfs" ? persistRootfs(compute[key]) : compute[key];
      if (value === undefined || value === "" || value === 0 || value === false) continue;
      guest[key] = typeof value === "number" ? Math.trunc(value) : (value as JsonValue);
    }
  }
  // encoding/json order of fly.MachineGuest, and omitempty for what ended up zero.
  return pick(guestFields.map((key) => [key, omitZero(guest[key])]));
}

/** parseRestartPolicy (machines.go:412-423). */
function restartPolicy(policy: string): string {
  if (policy === "always" || policy === "on-failure") return policy;
  if (policy === "never") return "no";
  throw new ConfigError(`invalid restart policy: ${policy}`);
}

/** A size in GB as [[mounts]] auto-extend sizes are read; invalid ones are 0, as flyctl ignores the error (machines.go:352-360). */
function sizeGb(value: PlainValue | undefined): number | undefined {
  if (typeof value !== "string" || value === "") return undefined;
  const parsed = parseVolumeSizeGb(value);
  return parsed.ok && parsed.value !== 0 ? parsed.value : undefined;
}

/**
 * containerconfig.ParseContainerConfig (internal/containerconfig/parse.go): a compose file or a
 * machine_config JSON is the base the rest is written over. A flattened config's path is "--flatten--",
 * so flyctl resolves both relative to the working directory.
 */
function containerBase(config: Table, options: MachineConfigOptions): { [key: string]: JsonValue } {
  const build = config["build"];
  const compose = isTable(build) ? build["compose"] : undefined;
  const read = options.readFile ?? (() => undefined);
  if (isTable(compose)) {
    const explicit = str(compose["file"]);
    const path = explicit !== "" ? explicit : ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"].find((name) => read(name) !== undefined);
    if (path !== undefined) {
      if (read(path) === undefined) throw new ConfigError(`failed to read compose file: open ${path}: no such file or directory`);
      throw new ConfigError(`flylint does not translate compose files into Machine configs yet (${path})`);
    }
  }
  const experimental = config["experimental"];
  const source = (isTable(experimental) ? str(experimental["machine_config"]) : "") || str(config["machine_config"]);
  if (source === "") return {};
  let text: string;
  if (source.startsWith("{")) text = source;
  else if (source.endsWith(".json")) {
    const content = read(source);
    if (content === undefined) throw new ConfigError(`open ${source}: no such file or directory`);
    text = content;
  } else throw new ConfigError(`invalid machine config source: ${JSON.stringify(source)}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`invalid machine config ${JSON.stringify(source)}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(`invalid machine config ${JSON.stringify(source)}: json: cannot unmarshal ${Array.isArray(parsed) ? "array" : typeof parsed} into Go value of type fly.MachineConfig`);
  }
  return parsed as { [key: string]: JsonValue };
}

/** The fields a fly.MachineConfig is written with, in encoding/json's order (machine_types.go:796-851). */
const machineConfigFields = [
  "env", "init", "guest", "metadata", "mounts", "services", "metrics", "checks", "statics", "image", "files", "schedule", "auto_destroy", "restart",
  "dns", "processes", "standbys", "stop_config", "containers", "volumes", "rootfs", "cache_drive", "spot", "size", "disable_machine_autostart",
];

/**
 * What ToMachineConfig builds that can make it fail, and the guest: the base (a machine_config or compose
 * source), the group's command, its checks, its [[vm]]'s guest and its restart policy. build() writes the
 * rest around them; toMachineGuest() needs no more, since any of them failing fails the whole config.
 */
function failingParts(config: Table, group: string, options: MachineConfigOptions) {
  const base = containerBase(config, options);
  const experimental = isTable(config["experimental"]) ? config["experimental"] : undefined;

  // The group's command split like a shell, else [experimental] cmd (machines.go:277-296).
  const processes = isTable(config["processes"]) ? config["processes"] : {};
  let cmd: string[] | undefined;
  const command = processes[group];
  if (typeof command === "string" && command !== "") {
    const split = shlexSplit(command);
    if (!split.ok) throw new ConfigError(`could not parse command for ${group} process group: ${split.error}`);
    cmd = split.words;
  }
  if (cmd === undefined && experimental) cmd = stringList(experimental["cmd"]);

  // Checks: top-level checks of the group; a check without a port takes [http_service]'s (machines.go:298-322).
  const http = httpServiceFor(config, group);
  const checks = checksFor(config, group);
  const machineChecks = checks.length > 0 ? Object.fromEntries(checks.map(([name, check]) => [name, topLevelCheck(name, check, group, http)])) : undefined;

  // Guest: only when a [[vm]] applies; otherwise the Machine keeps what it has (machines.go:376-382, 439-444).
  const compute = computeForGroup(config, group);
  let guest: MachineGuest | undefined;
  if (compute) {
    // Flatten copies a [[vm]]'s host_dedication_id to the top level when the [[vm]] has guest fields (processgroups.go:181-186).
    const dedication = hasMachineGuest(compute) && str(compute["host_dedication_id"]) !== "" ? str(compute["host_dedication_id"]) : str(config["host_dedication_id"]);
    guest = computeToGuest(compute, dedication);
  }

  // Restart: the last [[restart]] of the group; an invalid policy anywhere fails (machines.go:384-400).
  let restart: Fields | undefined;
  for (const entry of entriesFor(config, group, "restart")) {
    restart = pick([["policy", restartPolicy(str(entry["policy"]))], ["max_retries", omitZero(int(entry["retries"]))]]);
  }
  return { base, experimental, cmd, checks: machineChecks, guest, restart };
}

function build(config: Table, group: string, options: MachineConfigOptions): MachineConfig {
  const parts = failingParts(config, group, options);
  const { base, experimental } = parts;
  const out: Fields = { ...base };

  // Metrics: the first [[metrics]] entry of the group, when it set any metrics field (machines.go:270-275).
  const metrics = entriesFor(config, group, "metrics")[0];
  out["metrics"] =
    metrics && ["port", "path", "https"].some((key) => metrics[key] !== undefined)
      ? pick([["port", omitZero(int(metrics["port"]))], ["path", omitZero(str(metrics["path"]))], ["https", omitZero(metrics["https"] === true)]])
      : undefined;

  // Init: the command; entrypoint and exec from [experimental] (machines.go:277-296).
  const baseInit = isTable(base["init"] as PlainValue) ? (base["init"] as { [key: string]: JsonValue }) : {};
  out["init"] = pick([
    ["exec", omitZero(experimental ? stringList(experimental["exec"]) : undefined)],
    ["entrypoint", omitZero(experimental ? stringList(experimental["entrypoint"]) : undefined)],
    ["cmd", omitZero(parts.cmd)],
    ["tty", omitZero(baseInit["tty"] === true)],
    ["swap_size_mb", pointer(config["swap_size_mb"], "number")],
    ["kernel_args", omitZero(Array.isArray(baseInit["kernel_args"]) ? baseInit["kernel_args"] : undefined)],
  ]);

  const baseMetadata = isTable(base["metadata"] as PlainValue) ? (base["metadata"] as { [key: string]: string }) : {};
  out["metadata"] = { ...baseMetadata, fly_flyctl_version: FLYCTL_VERSION_PLACEHOLDER, fly_platform_version: "v2", fly_process_group: group };

  const services = servicesFor(config, group);
  out["services"] = services.length > 0 ? services.map(machineService) : undefined;

  out["checks"] = parts.checks;

  const env = isTable(config["env"]) ? Object.fromEntries(Object.entries(config["env"]).map(([k, v]) => [k, str(v)])) : {};
  env["FLY_PROCESS_GROUP"] = group;
  if (str(config["primary_region"]) !== "") env["PRIMARY_REGION"] = str(config["primary_region"]);
  out["env"] = env;

  // Statics are not per group: every group serves them (Flatten keeps them all).
  const statics = tables(config["statics"]).map((s) => ({ guest_path: str(s["guest_path"]), url_prefix: str(s["url_prefix"]), tigris_bucket: str(s["tigris_bucket"]), index_document: str(s["index_document"]) }));
  out["statics"] = statics.length > 0 ? statics : undefined;

  const mounts = entriesFor(config, group, "mounts").map((m) =>
    pick([
      ["path", omitZero(str(m["destination"]))],
      ["name", omitZero(str(m["source"]))],
      ["extend_threshold_percent", omitZero(int(m["auto_extend_size_threshold"]))],
      ["add_size_gb", sizeGb(m["auto_extend_size_increment"])],
      ["size_gb_limit", sizeGb(m["auto_extend_size_limit"])],
    ]),
  );
  out["mounts"] = mounts.length > 0 ? mounts : undefined;

  // StopConfig from kill_signal and kill_timeout (machines.go:425-437).
  const signal = pointer<string>(config["kill_signal"], "string");
  const timeout = duration(config["kill_timeout"]);
  out["stop_config"] = signal !== undefined || timeout !== undefined ? pick([["timeout", timeout], ["signal", signal]]) : undefined;

  // Files: only fly deploy merges them in (MergedFiles); the config alone sends none.
  out["files"] = undefined;

  if (parts.guest) out["guest"] = parts.guest;
  out["restart"] = parts.restart;

  const ordered: Fields = {};
  for (const key of machineConfigFields) if (out[key] !== undefined) ordered[key] = out[key];
  for (const [key, value] of Object.entries(out)) if (!(key in ordered) && value !== undefined) ordered[key] = value;
  return ordered as unknown as MachineConfig;
}

/**
 * The guest of the group's Machines as ToMachineConfig gives it (a [[vm]]'s, else a machine_config's, else
 * none: the Machine keeps its own), or null when ToMachineConfig fails. What sizes and prices a group: it
 * builds only what can fail and the guest, not the services, env, mounts and metadata.
 */
export function toMachineGuest(config: Table, group: string, options: MachineConfigOptions = {}): MachineGuest | undefined | null {
  if (options.loadError !== undefined) return null;
  try {
    const parts = failingParts(config, group || defaultProcessName(config), options);
    return parts.guest ?? (parts.base["guest"] as MachineGuest | undefined);
  } catch (error) {
    if (error instanceof ConfigError) return null;
    throw error;
  }
}

/** ToMachineConfig for one group: the config, or flyctl's error for it. */
export function toMachineConfig(config: Table, group: string, options: MachineConfigOptions = {}): MachineConfigResult {
  if (options.loadError !== undefined) return { config: null, error: `can not flatten an invalid v2 application config: ${options.loadError}` };
  try {
    return { config: build(config, group || defaultProcessName(config), options), error: null };
  } catch (error) {
    if (error instanceof ConfigError) return { config: null, error: error.message };
    throw error;
  }
}

/**
 * ToReleaseMachineConfig (machines.go:25-72): the throwaway Machine `fly deploy` runs
 * [deploy] release_command in, from the whole config (not one group's): no restart, destroyed when done,
 * not registered in DNS, sized by [deploy.release_command_vm] when given. Undefined without a release command.
 */
export function toReleaseMachineConfig(config: Table, options: MachineConfigOptions = {}): MachineConfigResult | undefined {
  const deploy = isTable(config["deploy"]) ? config["deploy"] : {};
  const command = str(deploy["release_command"]);
  if (command === "") return undefined;
  if (options.loadError !== undefined) return { config: null, error: `can not flatten an invalid v2 application config: ${options.loadError}` };
  const split = shlexSplit(command);
  if (!split.ok) return { config: null, error: split.error };
  const group = "fly_app_release_command";
  const experimental = isTable(config["experimental"]) ? config["experimental"] : undefined;
  const env = isTable(config["env"]) ? Object.fromEntries(Object.entries(config["env"]).map(([k, v]) => [k, str(v)])) : {};
  env["RELEASE_COMMAND"] = "1";
  env["FLY_PROCESS_GROUP"] = group;
  if (str(config["primary_region"]) !== "") env["PRIMARY_REGION"] = str(config["primary_region"]);
  const signal = pointer<string>(config["kill_signal"], "string");
  const timeout = duration(config["kill_timeout"]);
  let guest: MachineGuest | undefined;
  const vm = deploy["release_command_vm"];
  if (isTable(vm)) {
    try {
      guest = computeToGuest(vm, str(config["host_dedication_id"]));
    } catch (error) {
      if (error instanceof ConfigError) return { config: null, error: error.message };
      throw error;
    }
  }
  const machine = pick<MachineConfig>([
    ["env", env],
    ["init", pick([["entrypoint", omitZero(experimental ? stringList(experimental["entrypoint"]) : undefined)], ["cmd", omitZero(split.words)], ["swap_size_mb", pointer(config["swap_size_mb"], "number")]])],
    ["guest", guest],
    ["metadata", { fly_flyctl_version: FLYCTL_VERSION_PLACEHOLDER, fly_platform_version: "v2", fly_process_group: group }],
    ["auto_destroy", true],
    ["restart", { policy: "no" }],
    ["dns", { skip_registration: true }],
    ["stop_config", signal !== undefined || timeout !== undefined ? pick([["timeout", timeout], ["signal", signal]]) : undefined],
  ]);
  return { config: machine, error: null };
}

/** Whether the flattened config of the group has a [[mounts]] entry (what makes fly deploy create one Machine). */
export function hasMountsFor(config: Table, group: string): boolean {
  return entriesFor(config, group, "mounts").length > 0;
}

export { appliesTo };
