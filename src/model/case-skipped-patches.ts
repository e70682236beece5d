import type { LocatedNode, LocatedTable } from "../document/located.js";
import { joinPath } from "../schema/analyze.js";
import { goValueString } from "./sizes.js";

/**
 * flyctl's legacy patches (internal/appconfig/patches.go) look keys up by their exact spelling
 * (`cfg["env"]`, `service["internal_port"]`, `case "cmd"`), while the JSON decode after them matches
 * keys ignoring case. A legacy shape under a key spelled in another case is therefore left as is, and
 * the decode refuses it: flyctl cannot load the file (serde.go:213-226). This finds each such value,
 * with the error flyctl gives for it.
 */
export interface SkippedConversion {
  /** The value the patch would have converted. */
  node: LocatedNode;
  /** Readable path as written, e.g. `experimental.Cmd`. */
  path: string;
  /** The keys on the path spelled otherwise than the patch looks them up. */
  variants: { written: string; expected: string }[];
  /** What the patch does with this shape when the key is spelled exactly. */
  conversion: string;
  /** flyctl's load error. */
  error: string;
}

/** A value on the way down, with how it was reached: its path is written only for a value reported. */
interface Step {
  node: LocatedNode;
  variants: SkippedConversion["variants"];
  parent?: Step;
  /** Its key in the parent table, or its index in the parent array. */
  segment?: string | number;
}

/** The readable path of a step as written, e.g. `services[0].Ports`. */
function pathOf(step: Step): string {
  if (step.parent === undefined || step.segment === undefined) return "";
  const parent = pathOf(step.parent);
  return typeof step.segment === "number" ? `${parent}[${step.segment}]` : joinPath(parent, step.segment);
}

/** Every key the patches look up (by these spellings; each is lower case), as `named` below is asked for them. */
const patchKeys = new Set(["env", "services", "concurrency", "ports", "port", "tcp_checks", "http_checks", "headers", "internal_port", "processes", "experimental", "cmd", "entrypoint", "exec", "checks", "name", "compute", "computes", "vm", "memory", "mount", "mounts", "initial_size", "metrics"]);

/**
 * Whether a key is a patch key spelled in another case (`Env`, `PORTS`): only such a key makes a variant.
 * An [env] name in upper case (nearly every config has one) is not one, unless it is ENV or PORT.
 */
function isVariantKey(key: string): boolean {
  const lower = key.toLowerCase();
  return lower !== key && patchKeys.has(lower);
}

/** Whether a table has a variant key, asked once per table. */
const hasVariantKey = new WeakMap<LocatedTable, boolean>();

function variantKeyIn(table: LocatedTable): boolean {
  let found = hasVariantKey.get(table);
  if (found === undefined) {
    found = false;
    for (const key of table.entries.keys()) {
      if (isVariantKey(key)) {
        found = true;
        break;
      }
    }
    hasVariantKey.set(table, found);
  }
  return found;
}

/** The entries of a table whose key is `name` ignoring case, each with the variants on its path. */
function named(step: Step, name: string): Step[] {
  // The quick paths below know only these names: any other would silently never find its variants.
  if (!patchKeys.has(name)) throw new Error(`case-skipped patches: "${name}" is not in patchKeys`);
  const table = step.node;
  if (table.kind !== "table") return [];
  // Almost every table has no variant key: then only `name` itself matches, and the patches' names are
  // looked up directly instead of lower-casing every key for each of them.
  if (!variantKeyIn(table)) {
    const entry = table.entries.get(name);
    return entry ? [{ node: entry.node, parent: step, segment: entry.key, variants: step.variants }] : [];
  }
  const found: Step[] = [];
  for (const entry of table.entries.values()) {
    // Lower case keeps the length of the ASCII names the patches look up, so other lengths never match.
    if (entry.key.length !== name.length || entry.key.toLowerCase() !== name) continue;
    found.push({
      node: entry.node,
      parent: step,
      segment: entry.key,
      variants: entry.key === name ? step.variants : [...step.variants, { written: entry.key, expected: name }],
    });
  }
  return found;
}

/** The tables of a value the patches treat as a list (ensureArrayOfMap): a table, or the tables of an array. */
function tablesOf(step: Step): Step[] {
  if (step.node.kind === "table") return [step];
  if (step.node.kind !== "array") return [];
  return step.node.items.flatMap((item, index) => (item.kind === "table" ? [{ node: item, parent: step, segment: index, variants: step.variants }] : []));
}

/** How encoding/json names a value in "cannot unmarshal X into ...": string, number, bool, array, object. */
function jsonKind(node: LocatedNode, intoInt = false): string {
  if (node.kind === "array") return "array";
  if (node.kind === "table") return "object";
  if (node.type === "string" || node.type === "datetime") return "string";
  if (node.type === "boolean") return "bool";
  const value = node.value as number;
  return intoInt && !Number.isInteger(value) ? `number ${goValueString(value)}` : "number";
}

const unmarshal = (node: LocatedNode, field: string, type: string, intoInt = false) =>
  `json: cannot unmarshal ${jsonKind(node, intoInt)} into Go struct field ${field} of type ${type}`;

/** A string strconv.Atoi reads, or a number castToInt truncates (patches.go castToInt): what the patch would make an int. */
function convertsToInt(node: LocatedNode): boolean {
  if (node.kind !== "scalar") return false;
  if (typeof node.value === "string") return /^[-+]?\d+$/.test(node.value);
  return node.type === "float" && Number.isFinite(node.value) && !Number.isInteger(node.value);
}

/** `concurrency = "20,25"` as _patchService reads it: two integers around the first comma. */
function isConcurrencyString(node: LocatedNode): boolean {
  if (node.kind !== "scalar" || typeof node.value !== "string") return false;
  const comma = node.value.indexOf(",");
  return comma >= 0 && /^[-+]?\d+$/.test(node.value.slice(0, comma)) && /^[-+]?\d+$/.test(node.value.slice(comma + 1));
}

const isNonStringScalar = (node: LocatedNode) => node.kind !== "scalar" || (node.type !== "string" && node.type !== "datetime");

/** Whether any table at or below a node has a variant key. */
function anyVariantKey(node: LocatedNode): boolean {
  if (node.kind === "array") return node.items.some(anyVariantKey);
  if (node.kind !== "table") return false;
  for (const entry of node.entries.values()) {
    if (isVariantKey(entry.key) || anyVariantKey(entry.node)) return true;
  }
  return false;
}

/** Every legacy value flyctl's patches skip because a key on its path is spelled in another case. */
export function findCaseSkippedConversions(root: LocatedTable): SkippedConversion[] {
  // Only a variant key makes a variant, and every finding has one: a config with none (nearly every one)
  // has no finding, which one walk over its keys tells.
  if (!anyVariantKey(root)) return [];
  const found: SkippedConversion[] = [];
  const top: Step = { node: root, variants: [] };
  const add = (step: Step, conversion: string, error: string) => {
    if (step.variants.length > 0) found.push({ node: step.node, path: pathOf(step), variants: step.variants, conversion, error });
  };
  // A string map's values (env, check headers): the patches stringify them; unpatched, a non-string fails.
  const stringValues = (step: Step, conversion: string, field: string) => {
    // Its values are reached with its own variants: with none on the way, none of them is skipped.
    if (step.node.kind !== "table" || step.variants.length === 0) return;
    for (const entry of step.node.entries.values()) {
      if (isNonStringScalar(entry.node)) add({ node: entry.node, parent: step, segment: entry.key, variants: step.variants }, conversion, unmarshal(entry.node, field, "string"));
    }
  };

  // P1 patchEnv (patches.go:67-116)
  for (const env of named(top, "env")) {
    if (env.node.kind === "array") add(env, "[[env]] tables merged into one [env]", unmarshal(env.node, "Config.env", "map[string]string"));
    else stringValues(env, "[env] values turned into strings", "Config.env");
  }

  // P2 patchServices / _patchService (patches.go:364-465)
  for (const services of named(top, "services")) {
    if (services.node.kind === "table" && services.variants.length > 0) {
      add(services, "a single [services] table read as a list of one", unmarshal(services.node, "Config.services", "[]appconfig.Service"));
      continue;
    }
    for (const service of tablesOf(services)) {
      for (const concurrency of named(service, "concurrency")) {
        if (isConcurrencyString(concurrency.node)) add(concurrency, 'concurrency = "soft,hard" turned into a table', unmarshal(concurrency.node, "Service.services.concurrency", "fly.MachineServiceConcurrency"));
      }
      for (const ports of named(service, "ports")) {
        if (ports.node.kind === "table" && ports.variants.length > 0) {
          add(ports, "a single [services.ports] table read as a list of one", unmarshal(ports.node, "Service.services.ports", "[]fly.MachinePort"));
          continue;
        }
        for (const port of tablesOf(ports).flatMap((p) => named(p, "port"))) {
          if (convertsToInt(port.node)) add(port, "port turned into an integer", unmarshal(port.node, "MachinePort.services.ports.port", "int", true));
        }
      }
      for (const [kind, type] of [["tcp_checks", "[]*appconfig.ServiceTCPCheck"], ["http_checks", "[]*appconfig.ServiceHTTPCheck"]] as const) {
        for (const checks of named(service, kind)) {
          if (checks.node.kind === "table" && checks.variants.length > 0) {
            add(checks, `a single [services.${kind}] table read as a list of one`, unmarshal(checks.node, `Service.services.${kind}`, type));
            continue;
          }
          if (kind !== "http_checks") continue;
          for (const headers of tablesOf(checks).flatMap((c) => named(c, "headers"))) {
            const field = "ServiceHTTPCheck.services.http_checks.headers";
            if (headers.node.kind === "array") add(headers, "headers as { name, value } tables turned into a table", unmarshal(headers.node, field, "map[string]string"));
            else stringValues(headers, "header values turned into strings", field);
          }
        }
      }
      for (const internalPort of named(service, "internal_port")) {
        if (convertsToInt(internalPort.node)) add(internalPort, "internal_port turned into an integer", unmarshal(internalPort.node, "Service.services.internal_port", "int", true));
      }
    }
  }

  // P3 patchProcesses (patches.go:118-157)
  for (const processes of named(top, "processes")) {
    if (processes.node.kind === "array") add(processes, "[[processes]] with name and command turned into [processes]", unmarshal(processes.node, "Config.processes", "map[string]string"));
  }

  // P4 patchExperimental (patches.go:187-228)
  for (const experimental of named(top, "experimental")) {
    for (const key of ["cmd", "entrypoint", "exec"]) {
      for (const command of named(experimental, key)) {
        if (command.node.kind === "scalar" && typeof command.node.value === "string") add(command, "a string turned into a list of one", unmarshal(command.node, `Experimental.experimental.${key}`, "[]string"));
      }
    }
  }

  // P5 patchTopLevelChecks (patches.go:294-362)
  for (const checks of named(top, "checks")) {
    if (checks.node.kind === "array" && checks.variants.length > 0) {
      add(checks, "[[checks]] with a name turned into [checks.<name>]", unmarshal(checks.node, "Config.checks", "map[string]*appconfig.ToplevelCheck"));
      continue;
    }
    const items: Step[] = [];
    if (checks.node.kind === "array") {
      for (const item of tablesOf(checks)) {
        const names = named(item, "name");
        const exact = names.some((n) => n.variants.length === item.variants.length && n.node.kind === "scalar" && typeof n.node.value === "string");
        const variant = names.find((n) => n.variants.length > item.variants.length);
        // The patch reads cast2["name"] only; a Name alone is no name, and the patch stops with this error.
        if (!exact && variant) {
          add(variant, "[[checks]] named by their name key", "check item name not a string");
          continue;
        }
        items.push(item);
      }
    } else if (checks.node.kind === "table") {
      for (const entry of checks.node.entries.values()) {
        items.push({ node: entry.node, parent: checks, segment: entry.key, variants: checks.variants });
      }
    }
    for (const headers of items.flatMap((item) => named(item, "headers"))) {
      const field = "ToplevelCheck.checks.headers";
      if (headers.node.kind === "array") add(headers, "headers as { name, value } tables turned into a table", unmarshal(headers.node, field, "map[string]string"));
      else stringValues(headers, "header values turned into strings", field);
    }
  }

  // P6 patchCompute (patches.go:230-252): compute and computes are looked up exactly or not at all.
  const computeEntries = [...named(top, "compute"), ...named(top, "computes")].filter((s) => s.variants.length === 0);
  for (const vm of named(top, "vm")) {
    if (vm.node.kind === "table" && vm.variants.length > 0) {
      add(vm, "a single [vm] table read as a list of one", unmarshal(vm.node, "Config.vm", "[]*appconfig.Compute"));
      continue;
    }
    computeEntries.push(vm);
  }
  for (const memory of computeEntries.flatMap(tablesOf).flatMap((entry) => named(entry, "memory"))) {
    if (memory.node.kind === "scalar" && typeof memory.node.value === "number") add(memory, "a memory number turned into a size string", unmarshal(memory.node, "Compute.vm.memory", "string"));
  }

  // P7 patchMounts (patches.go:254-275)
  const mountEntries = named(top, "mount").filter((s) => s.variants.length === 0);
  for (const mounts of named(top, "mounts")) {
    if (mounts.node.kind === "table" && mounts.variants.length > 0) {
      add(mounts, "a single [mounts] table read as a list of one", unmarshal(mounts.node, "Config.mounts", "[]appconfig.Mount"));
      continue;
    }
    mountEntries.push(mounts);
  }
  for (const size of mountEntries.flatMap(tablesOf).flatMap((mount) => named(mount, "initial_size"))) {
    if (size.node.kind === "scalar" && typeof size.node.value === "number") add(size, "an initial_size number turned into a size string", unmarshal(size.node, "Mount.mounts.initial_size", "string"));
  }

  // P8 patchMetrics (patches.go:277-292)
  for (const metrics of named(top, "metrics")) {
    if (metrics.node.kind === "table" && metrics.variants.length > 0) add(metrics, "a single [metrics] table read as a list of one", unmarshal(metrics.node, "Config.metrics", "[]*appconfig.Metrics"));
  }
  return found;
}
