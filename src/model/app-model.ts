import type { PlainValue } from "../document/located.js";
import type { SchemaAnalysis, SchemaLocation } from "../schema/analyze.js";
import { defaultPresetName, vmPresets } from "../data/vm-presets.js";
import { parseMemoryMb } from "./sizes.js";

/**
 * A read-only view of a fly.toml as flyctl groups it into process groups (fly-toml-model.md §0): which
 * groups exist, which services, mounts and [[vm]] sections apply to each. Built from the canonical value,
 * so legacy shapes (a single [[services]] table, [compute], [mount]) are seen as flyctl sees them.
 */
export interface ServiceView {
  /** `[http_service]` or the index of a `[[services]]` entry. */
  source: "http_service" | number;
  location: SchemaLocation;
  /** Process groups it applies to (an absent or empty list means the default group). */
  groups: string[];
  /** auto_stop_machines as flyctl reads it: booleans mapped to "stop"/"off"; undefined when unset. */
  autostop: "off" | "stop" | "suspend" | undefined;
  autostopLocation: SchemaLocation | undefined;
  internalPort: number | undefined;
  protocol: string;
}

export interface VmView {
  location: SchemaLocation;
  /** The explicit `processes` list; empty means every group (the one exception to the default-group rule). */
  processes: string[];
  table: { [key: string]: PlainValue };
}

export interface Guest {
  memoryMb: number | undefined;
  gpu: boolean;
  /** Where each fact comes from, for messages. */
  memorySource: SchemaLocation | undefined;
  gpuSource: SchemaLocation | undefined;
}

type Table = { [key: string]: PlainValue };

function isTable(value: PlainValue | undefined): value is Table {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function stringList(value: PlainValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

export class AppModel {
  readonly root: Table;

  constructor(readonly analysis: SchemaAnalysis) {
    this.root = isTable(analysis.canonical) ? analysis.canonical : {};
  }

  location(pointer: string): SchemaLocation | undefined {
    return this.analysis.locations.get(pointer);
  }

  /** The sorted names of [processes] (legacy [[processes]] included); `app` when there are none (processgroups.go:16-32). */
  get processGroups(): string[] {
    const processes = this.root["processes"];
    let names: string[] = [];
    if (isTable(processes)) names = Object.keys(processes);
    else if (Array.isArray(processes)) names = processes.flatMap((p) => (isTable(p) && typeof p["name"] === "string" ? [p["name"]] : []));
    return names.length > 0 ? [...new Set(names)].sort() : ["app"];
  }

  /** `app` if it is a group, else the first in sorted order (processgroups.go:45-61). */
  get defaultGroup(): string {
    const groups = this.processGroups;
    return groups.includes("app") ? "app" : (groups[0] as string);
  }

  /** The groups a section with this `processes` list applies to. */
  groupsFor(processes: PlainValue | undefined): string[] {
    const list = stringList(processes);
    return list.length > 0 ? list : [this.defaultGroup];
  }

  /** The command of a process group, with its location, when [processes] is a table. */
  processCommand(group: string): { command: string; location: SchemaLocation } | undefined {
    const processes = this.root["processes"];
    if (!isTable(processes) || typeof processes[group] !== "string") return undefined;
    const location = this.location(`/processes/${group.replace(/~/g, "~0").replace(/\//g, "~1")}`);
    return location ? { command: processes[group] as string, location } : undefined;
  }

  /** [http_service] and every [[services]] entry (a single [services] table counts as one). */
  get services(): ServiceView[] {
    const views: ServiceView[] = [];
    const add = (value: PlainValue | undefined, pointer: string, source: ServiceView["source"]) => {
      const location = this.location(pointer);
      if (!isTable(value) || !location) return;
      const raw = value["auto_stop_machines"];
      const autostop = raw === true ? "stop" : raw === false ? "off" : raw === "off" || raw === "stop" || raw === "suspend" ? raw : undefined;
      const port = value["internal_port"];
      views.push({
        source,
        location,
        groups: this.groupsFor(value["processes"]),
        autostop,
        autostopLocation: this.location(`${pointer}/auto_stop_machines`),
        internalPort: typeof port === "number" ? Math.trunc(port) : typeof port === "string" && /^\d+$/.test(port) ? Number(port) : undefined,
        protocol: source === "http_service" ? "tcp" : typeof value["protocol"] === "string" ? value["protocol"] : "",
      });
    };
    add(this.root["http_service"], "/http_service", "http_service");
    const services = this.root["services"];
    if (Array.isArray(services)) services.forEach((service, i) => add(service, `/services/${i}`, i));
    else add(services, "/services", 0);
    return views;
  }

  /** Sections that may be a table or an array of tables, with their legacy aliases, in flyctl's order. */
  private entries(keys: string[]): { table: Table; pointer: string }[] {
    return keys.flatMap((key) => {
      const value = this.root[key];
      if (Array.isArray(value)) return value.flatMap((item, i) => (isTable(item) ? [{ table: item, pointer: `/${key}/${i}` }] : []));
      return isTable(value) ? [{ table: value, pointer: `/${key}` }] : [];
    });
  }

  /** Every [[vm]] entry, with [compute] and [computes] first, as patchCompute concatenates them (P6). */
  get vms(): VmView[] {
    return this.entries(["compute", "computes", "vm"]).flatMap(({ table, pointer }) => {
      const location = this.location(pointer);
      return location ? [{ location, processes: stringList(table["processes"]), table }] : [];
    });
  }

  /** Every [[mounts]] entry ([mount] first), with the groups it applies to. */
  get mounts(): { location: SchemaLocation; groups: string[] }[] {
    return this.entries(["mount", "mounts"]).flatMap(({ table, pointer }) => {
      const location = this.location(pointer);
      return location ? [{ location, groups: this.groupsFor(table["processes"]) }] : [];
    });
  }

  /** The [[vm]] flyctl uses for a group: the last entry naming it, else the first that applies to all (processgroups.go:198-214). */
  vmFor(group: string): VmView | undefined {
    const candidates = this.vms.filter((vm) => vm.processes.length === 0 || vm.processes.includes(group));
    const explicit = candidates.filter((vm) => vm.processes.includes(group));
    return explicit[explicit.length - 1] ?? candidates[0];
  }

  /**
   * The Machine guest flyctl builds for a group from its [[vm]] (machines.go:446-485): the size preset,
   * then `memory`, then `memory_mb`; a GPU from the preset, `gpu_kind` or `gpus`. Undefined without a
   * [[vm]], when flyctl sends no guest at all and the Machine keeps its size.
   */
  guestFor(group: string): Guest | undefined {
    const vm = this.vmFor(group);
    if (!vm) return undefined;
    const at = (key: string) => this.location(`${vm.location.pointer}/${key}`);
    const gpuKind = typeof vm.table["gpu_kind"] === "string" && vm.table["gpu_kind"] !== "";
    const sizeName = typeof vm.table["size"] === "string" ? vm.table["size"] : defaultPresetName(gpuKind);
    const preset = vmPresets.get(sizeName);
    let memoryMb = preset?.memoryMb;
    let memorySource = typeof vm.table["size"] === "string" ? at("size") : undefined;
    const memory = vm.table["memory"];
    if (typeof memory === "string" || typeof memory === "number") {
      memoryMb = parseMemoryMb(memory) ?? memoryMb;
      memorySource = at("memory");
    }
    const memoryMbKey = vm.table["memory_mb"];
    if (typeof memoryMbKey === "number" && memoryMbKey !== 0) {
      memoryMb = memoryMbKey;
      memorySource = at("memory_mb");
    }
    const gpus = vm.table["gpus"];
    const gpuSource = gpuKind ? at("gpu_kind") : typeof gpus === "number" && gpus > 0 ? at("gpus") : preset && preset.gpus > 0 ? at("size") : undefined;
    return { memoryMb, gpu: gpuSource !== undefined, memorySource, gpuSource };
  }
}
