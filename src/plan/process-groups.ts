import type { PlainValue } from "../document/located.js";

/**
 * Process groups as flyctl derives them from a loaded config (internal/appconfig/processgroups.go), and
 * which sections apply to which group when it flattens the config for one group (Flatten, :97-196).
 */
export type Table = { [key: string]: PlainValue };

export function isTable(value: PlainValue | undefined): value is Table {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function tables(value: PlainValue | undefined): Table[] {
  return Array.isArray(value) ? value.filter(isTable) : [];
}

function strings(value: PlainValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** ProcessNames: the keys of [processes], sorted; ["app"] without any (processgroups.go:16-32). */
export function processNames(config: Table): string[] {
  const processes = config["processes"];
  const names = isTable(processes) ? Object.keys(processes) : [];
  return names.length > 0 ? [...names].sort() : ["app"];
}

/** DefaultProcessName: "app" when it is a group, else the first name (processgroups.go:45-61). */
export function defaultProcessName(config: Table): string {
  const names = processNames(config);
  return names.includes("app") ? "app" : (names[0] as string);
}

/**
 * flattenGroupsMatch (processgroups.go:66-92): a section applies to the group it names; a section that
 * names none (or names "") applies to the default group only.
 */
export function appliesTo(config: Table, group: string, processes: PlainValue | undefined): boolean {
  const list = strings(processes);
  const isDefault = group === defaultProcessName(config);
  if (list.length === 0) return isDefault;
  return list.some((name) => name === group || (name === "" && isDefault));
}

/**
 * ComputeForGroup (processgroups.go:198-214): among the [[vm]] entries without `processes` or applying
 * to the group, the last one that names the group, else the first of them (lo.MaxBy keeps the first
 * maximum and replaces it with every later entry that names the group).
 */
export function computeForGroup(config: Table, group: string): Table | undefined {
  const candidates = tables(config["vm"]).filter((vm) => strings(vm["processes"]).length === 0 || appliesTo(config, group, vm["processes"]));
  let chosen = candidates[0];
  for (const vm of candidates.slice(1)) if (strings(vm["processes"]).includes(group)) chosen = vm;
  return chosen;
}

/** The entries of a section (an array of tables after loading) that apply to the group. */
export function entriesFor(config: Table, group: string, key: string): Table[] {
  return tables(config[key]).filter((entry) => appliesTo(config, group, entry["processes"]));
}

/** [http_service] when it applies to the group. */
export function httpServiceFor(config: Table, group: string): Table | undefined {
  const http = config["http_service"];
  return isTable(http) && appliesTo(config, group, http["processes"]) ? http : undefined;
}

/** [checks.<name>] that apply to the group, in file order. */
export function checksFor(config: Table, group: string): [string, Table][] {
  const checks = config["checks"];
  if (!isTable(checks)) return [];
  return Object.entries(checks).flatMap(([name, check]) => (isTable(check) && appliesTo(config, group, check["processes"]) ? [[name, check] as [string, Table]] : []));
}
