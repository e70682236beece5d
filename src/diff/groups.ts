import type { PlainValue } from "../document/located.js";
import { machineSize, type Autostop, type ConfigPlan, type FirstDeploy, type GroupPlan } from "../plan/index.js";
import { compareConfigs, type KeyChange } from "./compare.js";

/**
 * The diff Machine by Machine: each process group's plan (src/plan/: the machine config flyctl would
 * send, how many Machines a first deploy creates, how they stop when idle, what they cost) on both
 * sides, and what changes between them. A key that changes nothing a group's Machines get (`app`,
 * [build] options) changes no group.
 */
export interface GroupSize {
  cpuKind: string;
  cpus: number;
  memoryMb: number;
  gpus: number;
}

export interface CostRange {
  min: number;
  max: number;
}

export interface GroupChange {
  name: string;
  status: "added" | "removed" | "changed";
  /** The Machine size on each side (fly deploy's default when the group has no [[vm]]); null where the group is absent or fails. */
  size: { before: GroupSize | null; after: GroupSize | null };
  /** The machine config's changes, at key paths of the Machines API config (`guest.memory_mb`, `services[8080/tcp]...`). */
  machineConfig: KeyChange[];
  firstDeploy: { before: FirstDeploy | null; after: FirstDeploy | null };
  autostop: { before: Autostop | null; after: Autostop | null };
  /** Estimated USD per month, stopped most of the time (min) to always on (max); see src/data/prices.ts. */
  monthlyCost: { before: CostRange | null; after: CostRange | null; delta: CostRange };
  error: { before: string | null; after: string | null };
}

function sizeOf(group: GroupPlan | undefined): GroupSize | null {
  if (!group || group.error !== null) return null;
  const { cpuKind, cpus, memoryMb, gpus } = machineSize(group.config);
  return { cpuKind, cpus, memoryMb, gpus };
}

function costOf(group: GroupPlan | undefined): CostRange | null {
  return group?.monthlyCost ? { min: group.monthlyCost.min, max: group.monthlyCost.max } : null;
}

const cents = (value: number) => Math.round(value * 100) / 100;

/** Machine config fields that say nothing about the group's Machines here: flyctl's version is not known offline. */
function comparableMachineConfig(group: GroupPlan | undefined, withoutImage: boolean): { [key: string]: PlainValue } {
  const config = structuredClone((group?.config ?? {}) as unknown as { [key: string]: PlainValue });
  const metadata = config["metadata"];
  if (metadata && typeof metadata === "object" && !Array.isArray(metadata)) delete metadata["fly_flyctl_version"];
  // Where the image comes from is [build]; a side from the Fly service has none (see DiffOptions.compareBuild).
  if (withoutImage) delete config["image"];
  // The proxy takes a port's handlers as a set; flyctl compares them so too (config.go:229-255).
  for (const service of Array.isArray(config["services"]) ? config["services"] : []) {
    const ports = typeof service === "object" && !Array.isArray(service) ? service["ports"] : undefined;
    for (const port of Array.isArray(ports) ? ports : []) {
      if (typeof port === "object" && !Array.isArray(port) && Array.isArray(port["handlers"])) port["handlers"] = [...port["handlers"]].map(String).sort();
    }
  }
  return config;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function groupChange(name: string, before: GroupPlan | undefined, after: GroupPlan | undefined, withoutImage: boolean): GroupChange | undefined {
  const costBefore = costOf(before);
  const costAfter = costOf(after);
  const change: GroupChange = {
    name,
    status: !before ? "added" : !after ? "removed" : "changed",
    size: { before: sizeOf(before), after: sizeOf(after) },
    machineConfig: compareConfigs(comparableMachineConfig(before, withoutImage), comparableMachineConfig(after, withoutImage)),
    firstDeploy: { before: before?.firstDeploy ?? null, after: after?.firstDeploy ?? null },
    autostop: { before: before && before.error === null ? before.autostop : null, after: after && after.error === null ? after.autostop : null },
    monthlyCost: {
      before: costBefore,
      after: costAfter,
      delta: { min: cents((costAfter?.min ?? 0) - (costBefore?.min ?? 0)), max: cents((costAfter?.max ?? 0) - (costBefore?.max ?? 0)) },
    },
    error: { before: before?.error ?? null, after: after?.error ?? null },
  };
  if (change.status !== "changed") return change;
  const unchanged =
    change.machineConfig.length === 0 &&
    same(change.size.before, change.size.after) &&
    same(change.firstDeploy.before, change.firstDeploy.after) &&
    change.autostop.before === change.autostop.after &&
    same(costBefore, costAfter) &&
    change.error.before === change.error.after;
  return unchanged ? undefined : change;
}

/** The groups whose Machines change, in sorted order (the order flyctl creates them in). */
export function compareGroups(before: ConfigPlan, after: ConfigPlan, options: { withoutImage: boolean }): GroupChange[] {
  const byName = (plan: ConfigPlan) => new Map(plan.groups.map((group) => [group.name, group]));
  const a = byName(before);
  const b = byName(after);
  const names = [...new Set([...a.keys(), ...b.keys()])].sort();
  return names.flatMap((name) => groupChange(name, a.get(name), b.get(name), options.withoutImage) ?? []);
}
