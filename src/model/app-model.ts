import type { LocatedNode, PlainValue } from "../document/located.js";
import { type SchemaAnalysis, type SchemaLocation } from "../schema/analyze.js";
import { defaultPresetName, vmPresets } from "../data/vm-presets.js";
import { findCaseSkippedConversions, type SkippedConversion } from "./case-skipped-patches.js";
import { parseGoDuration } from "./go-duration.js";
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
  table: { [key: string]: PlainValue };
  /** [[services.tcp_checks]], [[services.http_checks]] or [[http_service.checks]]. */
  checks: CheckView[];
  /** Whether the service lists ports ([http_service] always has 80 and 443). */
  hasPorts: boolean;
}

/** A table of fly.toml with where it is and its plain value. */
export interface TableView {
  location: SchemaLocation;
  table: { [key: string]: PlainValue };
}

/** A health check: top-level [checks.<name>], or a service's TCP/HTTP check. */
export interface CheckView extends TableView {
  kind: "tcp" | "http";
  /** How flyctl reads a bare number here: milliseconds where its patches convert them, else nanoseconds. */
  numbersAre: "ms" | "ns";
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
  /**
   * Whether flyctl's patches skip this legacy value because a key on its path is spelled in another case
   * (model/case-skipped-patches.ts): legacy-key-case reports it as a load error, so no migration rule may
   * say flyctl converts it.
   */
  isSkippedByPatches(node: LocatedNode): boolean {
    return this.memo("caseSkipped", () => new Set(this.caseSkippedConversions.map((skipped) => skipped.node))).has(node);
  }

  /** The legacy values flyctl's patches skip for a key's case, found once for the rule that reports them and the rules that ask. */
  get caseSkippedConversions(): SkippedConversion[] {
    return this.memo("caseSkippedConversions", () => {
      const root = this.analysis.locations.get("")?.node;
      return root?.kind === "table" ? findCaseSkippedConversions(root) : [];
    });
  }

  readonly root: Table;
  /** Rules ask the same questions many times per lint; each answer is computed once. */
  private readonly cache = new Map<string, unknown>();

  private memo<T>(key: string, compute: () => T): T {
    if (!this.cache.has(key)) this.cache.set(key, compute());
    return this.cache.get(key) as T;
  }

  constructor(readonly analysis: SchemaAnalysis) {
    this.root = isTable(analysis.canonical) ? analysis.canonical : {};
  }

  location(pointer: string): SchemaLocation | undefined {
    return this.analysis.locations.get(pointer);
  }

  /** The location of a top-level key's value, when the config has one. */
  private topLevel(key: string): SchemaLocation | undefined {
    return this.analysis.locations.get("")?.child(key);
  }

  /** The sorted names of [processes] (legacy [[processes]] included); `app` when there are none (processgroups.go:16-32). */
  get processGroups(): string[] {
    return this.memo("processGroups", () => {
      const processes = this.root["processes"];
      let names: string[] = [];
      if (isTable(processes)) names = Object.keys(processes);
      else if (Array.isArray(processes)) names = processes.flatMap((p) => (isTable(p) && typeof p["name"] === "string" ? [p["name"]] : []));
      return names.length > 0 ? [...new Set(names)].sort() : ["app"];
    });
  }

  /** `app` if it is a group, else the first in sorted order (processgroups.go:45-61). */
  get defaultGroup(): string {
    return this.memo("defaultGroup", () => (this.isProcessGroup("app") ? "app" : (this.processGroups[0] as string)));
  }

  /** Whether a process group of this name exists: rules ask it of every name a section lists. */
  isProcessGroup(name: string): boolean {
    return this.memo("processGroupSet", () => new Set(this.processGroups)).has(name);
  }

  /** The services that apply to a group, in order ([http_service] first). */
  servicesOf(group: string): ServiceView[] {
    return this.byGroup("servicesByGroup", () => this.services).get(group) ?? [];
  }

  /** The [[mounts]] entries that apply to a group, in order. */
  mountsOf(group: string): (TableView & { groups: string[] })[] {
    return this.byGroup("mountsByGroup", () => this.mounts).get(group) ?? [];
  }

  /** Items by the groups they apply to, built in one pass so that asking for every group stays linear. */
  private byGroup<T extends { groups: string[] }>(key: string, items: () => T[]): Map<string, T[]> {
    return this.memo(key, () => {
      const map = new Map<string, T[]>();
      for (const item of items()) {
        for (const group of new Set(item.groups)) {
          const list = map.get(group);
          if (list) list.push(item);
          else map.set(group, [item]);
        }
      }
      return map;
    });
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
    const location = this.location("/processes")?.child(group);
    return location ? { command: processes[group] as string, location } : undefined;
  }

  /** [http_service] and every [[services]] entry (a single [services] table counts as one). */
  get services(): ServiceView[] {
    return this.memo("services", () => {
      const views: ServiceView[] = [];
      const add = (value: PlainValue | undefined, location: SchemaLocation | undefined, source: ServiceView["source"]) => {
        if (!isTable(value) || !location) return;
        const raw = value["auto_stop_machines"];
        const autostop = raw === true ? "stop" : raw === false ? "off" : raw === "off" || raw === "stop" || raw === "suspend" ? raw : undefined;
        const port = value["internal_port"];
        views.push({
          source,
          location,
          groups: this.groupsFor(value["processes"]),
          autostop,
          // Only a key the config has has a location (the walk records every value it keeps).
          autostopLocation: raw === undefined ? undefined : location.child("auto_stop_machines"),
          internalPort: typeof port === "number" ? Math.trunc(port) : typeof port === "string" && /^\d+$/.test(port) ? Number(port) : undefined,
          protocol: source === "http_service" ? "tcp" : typeof value["protocol"] === "string" ? value["protocol"] : "",
          table: value,
          checks:
            source === "http_service"
              ? this.tablesAt(value["checks"], location.child("checks")).map((t) => ({ ...t, kind: "http" as const, numbersAre: "ns" as const }))
              : [
                  ...this.tablesAt(value["tcp_checks"], location.child("tcp_checks")).map((t) => ({ ...t, kind: "tcp" as const, numbersAre: "ms" as const })),
                  ...this.tablesAt(value["http_checks"], location.child("http_checks")).map((t) => ({ ...t, kind: "http" as const, numbersAre: "ms" as const })),
                ],
          hasPorts: source === "http_service" || this.hasTableAt(value["ports"], location.child("ports")),
        });
      };
      add(this.root["http_service"], this.location("/http_service"), "http_service");
      const services = this.root["services"];
      const servicesLocation = this.location("/services");
      // patchServices drops empty service tables (patches.go:377-379).
      if (Array.isArray(services)) services.forEach((service, i) => isTable(service) && Object.keys(service).length > 0 && add(service, servicesLocation?.child(i), i));
      else if (isTable(services) && Object.keys(services).length > 0) add(services, servicesLocation, 0);
      return views;
    });
  }

  /** The tables of a table-or-array-of-tables value (at `at`), with their locations. */
  tablesAt(value: PlainValue | undefined, at: SchemaLocation | undefined): TableView[] {
    const views: TableView[] = [];
    const add = (table: PlainValue, location: SchemaLocation | undefined) => {
      if (isTable(table) && location) views.push({ location, table });
    };
    if (Array.isArray(value)) value.forEach((item, i) => add(item, at?.child(i)));
    else if (value !== undefined) add(value, at);
    return views;
  }

  /** Whether tablesAt would find any table, without making the views. */
  private hasTableAt(value: PlainValue | undefined, at: SchemaLocation | undefined): boolean {
    if (Array.isArray(value)) return value.some((item, i) => isTable(item) && at?.child(i) !== undefined);
    return isTable(value) && at !== undefined;
  }

  /** Top-level checks by name: [checks.<name>] tables, and legacy [[checks]] entries keyed by their name (P5). */
  get topLevelChecks(): (TableView & { name: string })[] {
    return this.memo("topLevelChecks", () => {
      const checks = this.root["checks"];
      if (Array.isArray(checks)) {
        return this.tablesAt(checks, this.location("/checks")).flatMap((view) => (typeof view.table["name"] === "string" ? [{ ...view, name: view.table["name"] }] : []));
      }
      if (!isTable(checks)) return [];
      const checksLocation = this.location("/checks");
      return Object.keys(checks).flatMap((name) => {
        const view = this.tablesAt(checks[name], checksLocation?.child(name))[0];
        return view ? [{ ...view, name }] : [];
      });
    });
  }

  /**
   * The checks whose bare numbers flyctl's patches read as milliseconds: top-level [checks] and the
   * [[services]] TCP and HTTP checks (not [[http_service.checks]], where numbers are nanoseconds).
   */
  get patchedChecks(): TableView[] {
    return this.memo("patchedChecks", () => [...this.topLevelChecks, ...this.services.filter((s) => s.source !== "http_service").flatMap((s) => s.checks)]);
  }

  /** How many groups [processes] defines (legacy [[processes]] entries merged by name). */
  get processCount(): number {
    return this.memo("processCount", () => {
      const processes = this.root["processes"];
      if (isTable(processes)) return Object.keys(processes).length;
      if (Array.isArray(processes)) return new Set(processes.flatMap((p) => (isTable(p) && typeof p["name"] === "string" ? [p["name"]] : []))).size;
      return 0;
    });
  }

  /**
   * A check timing as flyctl reads it, in nanoseconds: numbers are milliseconds where patches convert
   * them, nanoseconds elsewhere; "" and other types are unset where patches drop them.
   */
  timing(check: CheckView | (TableView & { numbersAre?: "ms" | "ns" }), key: string): number | undefined {
    const value = check.table[key];
    const unit = check.numbersAre ?? "ms";
    if (typeof value === "number") return unit === "ms" ? Math.trunc(value) * 1e6 : Math.trunc(value);
    if (typeof value === "string" && value !== "") return parseGoDuration(value);
    return undefined;
  }

  /** The tables of sections given as a table or an array of tables, legacy aliases included, in flyctl's order. */
  entriesOf(keys: string[]): TableView[] {
    return keys.flatMap((key) => this.tablesAt(this.root[key], this.topLevel(key)));
  }

  /** Every [[vm]] entry, with [compute] and [computes] first, as patchCompute concatenates them (P6). */
  get vms(): VmView[] {
    return this.memo("vms", () => {
      return this.entriesOf(["compute", "computes", "vm"]).map(({ table, location }) => ({ location, processes: stringList(table["processes"]), table }));
    });
  }

  /** Every [[mounts]] entry ([mount] first), with the groups it applies to. */
  get mounts(): (TableView & { groups: string[] })[] {
    return this.memo("mounts", () => {
      return this.entriesOf(["mount", "mounts"]).map(({ table, location }) => ({ location, table, groups: this.groupsFor(table["processes"]) }));
    });
  }

  /** A top-level table such as [build] or [deploy], when it is one. */
  section(key: string): TableView | undefined {
    return this.tablesAt(isTable(this.root[key]) ? this.root[key] : undefined, this.topLevel(key))[0];
  }

  /** The [[vm]] flyctl uses for a group: the last entry naming it, else the first that applies to all (processgroups.go:198-214). */
  vmFor(group: string): VmView | undefined {
    const { lastNaming, firstForAll } = this.memo("vmsByGroup", () => {
      const lastNaming = new Map<string, VmView>();
      let firstForAll: VmView | undefined;
      for (const vm of this.vms) {
        if (vm.processes.length === 0) firstForAll ??= vm;
        for (const name of vm.processes) lastNaming.set(name, vm);
      }
      return { lastNaming, firstForAll };
    });
    return lastNaming.get(group) ?? firstForAll;
  }

  /**
   * The Machine guest flyctl builds for a group from its [[vm]] (machines.go:446-485): the size preset,
   * then `memory`, then `memory_mb`; a GPU from the preset, `gpu_kind` or `gpus`. Undefined without a
   * [[vm]], when flyctl sends no guest at all and the Machine keeps its size.
   */
  guestFor(group: string): Guest | undefined {
    const vm = this.vmFor(group);
    if (!vm) return undefined;
    const at = (key: string) => vm.location.child(key);
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
