import type { PlainValue } from "../document/located.js";
import { parseVolumeSizeGb } from "../model/sizes.js";
import { defaultMachineSize, monthlyCost, sumCosts, type MachineSize, type MonthlyCost } from "./cost.js";
import { hasMountsFor, servicesFor, toMachineConfig, toReleaseMachineConfig, type MachineConfigOptions, type MachineConfigResult } from "./machine-config.js";
import type { MachineConfig, MachineGuest } from "./machine-types.js";
import { entriesFor, isTable, processNames, type Table } from "./process-groups.js";

/**
 * What `fly deploy` makes of a loaded config, group by group: the machine config, how many Machines
 * the first deploy creates, how they stop when idle, and what they cost. Pure: the config in, the plan out.
 */
export type Autostop = "off" | "stop" | "suspend";

export interface FirstDeploy {
  total: number;
  started: number;
  standby: number;
}

export interface GroupPlan {
  name: string;
  config: MachineConfig | null;
  error: string | null;
  /**
   * Machines the first deploy creates for the group (machines_deploymachinesapp.go:407-436); null when
   * its machine config fails. Groups are created in sorted order and the first failure ends the deploy
   * (firstDeployAbortGroup), so groups after it get theirs only once that is fixed.
   */
  firstDeploy: FirstDeploy | null;
  /** What the services ask for: the least stopping of them, unset counting as off (machines_deploymachinesapp.go:387-404). */
  autostopRequested: Autostop;
  /** What runs: "suspend" is a full stop on a Machine with more than 2 GB, swap or a GPU. */
  autostop: Autostop;
  monthlyCost: MonthlyCost | null;
  /** Facts about the group a reader of the plan should know, in plain sentences. */
  notes: string[];
}

/** Where the image every Machine runs comes from: fly deploy sets config.image to it. */
export interface ImageSource {
  from: "--image" | "[build] image" | "buildpacks" | "Dockerfile" | "builtin";
  /** The image reference, builder, Dockerfile path or builtin name; null when there is none to name. */
  ref: string | null;
}

export interface ConfigPlan {
  app: string | null;
  primaryRegion: string | null;
  image: ImageSource;
  groups: GroupPlan[];
  /** The Machine `fly deploy` runs [deploy] release_command in before updating the groups; null without one. */
  releaseCommand: MachineConfigResult | null;
  /** The first group, in sorted order, whose error stops the first deploy, if any. */
  firstDeployAbortGroup: string | null;
  monthlyCost: { currency: "USD"; min: number; max: number };
}

export interface PlanOptions extends MachineConfigOptions {
  /** fly deploy --ha (default true): a second Machine, or a standby, for each new group. */
  ha?: boolean;
  /** fly deploy --image: an image to run instead of [build]. */
  image?: string;
}

/**
 * fetchImageRef (deploy_build.go:348-360): --image, then [build] image; else fly deploy builds one,
 * trying buildpacks, a Dockerfile, then a builtin in that order (imgsrc/resolver.go:302-307), each only
 * when the config asks for it, and ./Dockerfile by default.
 */
function imageSource(config: Table, flag: string | undefined): ImageSource {
  const build = isTable(config["build"]) ? config["build"] : {};
  const text = (key: string) => (typeof build[key] === "string" && build[key] !== "" ? (build[key] as string) : undefined);
  if (flag) return { from: "--image", ref: flag };
  if (text("image")) return { from: "[build] image", ref: text("image") as string };
  if (text("builder") || (Array.isArray(build["buildpacks"]) && build["buildpacks"].length > 0)) return { from: "buildpacks", ref: text("builder") ?? null };
  if (text("dockerfile")) return { from: "Dockerfile", ref: text("dockerfile") as string };
  if (text("builtin")) return { from: "builtin", ref: text("builtin") as string };
  return { from: "Dockerfile", ref: "Dockerfile" };
}

/** The first-deploy rule of reference §4.1: one Machine; with --ha a second for services without mounts, else a standby. */
function firstDeployCount(config: Table, group: string, ha: boolean): FirstDeploy {
  if (!ha || hasMountsFor(config, group)) return { total: 1, started: 1, standby: 0 };
  if (servicesFor(config, group).length > 0) return { total: 2, started: 2, standby: 0 };
  return { total: 2, started: 1, standby: 1 };
}

const restrictiveness: Record<Autostop, number> = { off: 0, stop: 1, suspend: 2 };

function requestedAutostop(services: Table[]): Autostop {
  if (services.length === 0) return "off";
  let least: Autostop = "suspend";
  for (const service of services) {
    const raw = service["auto_stop_machines"];
    const mode: Autostop = raw === "stop" || raw === "suspend" ? raw : "off";
    if (restrictiveness[mode] < restrictiveness[least]) least = mode;
  }
  return least;
}

/** The size a new Machine of the group gets: its guest, else fly deploy's default. */
export function machineSize(config: MachineConfig | null): MachineSize {
  return guestSize(config?.guest);
}

/** The size of a Machine with this guest (toMachineGuest's, say): none is fly deploy's default. */
export function guestSize(guest: MachineGuest | undefined | null): MachineSize {
  if (!guest) return defaultMachineSize;
  return {
    cpuKind: guest.cpu_kind === "performance" ? "performance" : "shared",
    cpus: guest.cpus ?? 1,
    memoryMb: guest.memory_mb ?? defaultMachineSize.memoryMb,
    gpus: guest.gpus ?? (guest.gpu_kind ? 1 : 0),
    ...(guest.gpu_kind ? { gpuKind: guest.gpu_kind } : {}),
  };
}

/** A schedule only comes from a machine_config JSON; fly.toml has no key for it. */
const isScheduled = (machine: MachineConfig | null) => typeof machine?.["schedule"] === "string" && machine["schedule"] !== "";

/** Why a Machine of this size cannot suspend, or undefined when it can. */
export function suspendObstacle(size: MachineSize, swapMb: number, scheduled: boolean): string | undefined {
  if (size.gpus > 0) return "it has a GPU";
  if (size.memoryMb > 2048) return `it has ${size.memoryMb} MB of memory (more than 2 GB)`;
  if (swapMb > 0) return `it has ${swapMb} MB of swap`;
  if (scheduled) return "it runs on a schedule";
  return undefined;
}

/**
 * A Machine can suspend with at most 2 GB of memory, no swap and no schedule
 * (fly.io/docs/reference/suspend-resume/, "Requirements", read 2026-12-02), and no GPU (flyctl's own
 * launch rule, launch/launch.go:383-412); otherwise Fly's proxy stops it instead ("we'll fall back to
 * autostopping them", community.fly.io/t/20942; fly-go machine_types.go:770-774).
 */
export function effectiveAutostop(requested: Autostop, size: MachineSize, swapMb: number, scheduled = false): Autostop {
  if (requested !== "suspend") return requested;
  return suspendObstacle(size, swapMb, scheduled) ? "stop" : "suspend";
}

/** Volume sizes the first deploy creates for the group: initial_size, else 100 GB with a GPU, else 1 GB (deploy_first.go:126-201). */
function volumeSizes(config: Table, group: string, size: MachineSize): number[] {
  return entriesFor(config, group, "mounts").map((mount) => {
    const initial = mount["initial_size"];
    const parsed = typeof initial === "string" && initial !== "" ? parseVolumeSizeGb(initial) : undefined;
    if (parsed?.ok && parsed.value > 0) return parsed.value;
    return size.gpus > 0 ? 100 : 1;
  });
}

function minMachinesRunning(services: Table[]): number {
  return Math.max(0, ...services.map((service) => (typeof service["min_machines_running"] === "number" ? Math.trunc(service["min_machines_running"]) : 0)));
}

/** The sentences a plan adds to a group: why suspend is a stop, what min_machines_running and a missing [[vm]] mean. */
function groupNotes(machine: MachineConfig | null, requested: Autostop, effective: Autostop, size: MachineSize, swapMb: number, minRunning: number, region: string | undefined): string[] {
  const notes: string[] = [];
  if (!machine) return notes;
  const obstacle = suspendObstacle(size, swapMb, isScheduled(machine));
  if (requested !== effective && obstacle) notes.push(`auto_stop_machines = "suspend" runs as "stop": a Machine cannot suspend when ${obstacle}`);
  if (minRunning > 0) notes.push(`min_machines_running = ${minRunning} keeps Machines running in the primary region${region ? ` (${region})` : ""} only`);
  if (!machine.guest) notes.push("no [[vm]] applies: new Machines get shared-cpu-1x with 256 MB, existing ones keep their size");
  return notes;
}

/** The plan of a loaded config (model/normalize.ts loadConfig, or the JSON `fly config show` prints run through it). */
export function planConfig(loaded: PlainValue, options: PlanOptions = {}): ConfigPlan {
  const config: Table = isTable(loaded) ? loaded : {};
  const ha = options.ha ?? true;
  const region = typeof config["primary_region"] === "string" && config["primary_region"] !== "" ? config["primary_region"] : undefined;
  const swapMb = typeof config["swap_size_mb"] === "number" ? config["swap_size_mb"] : 0;
  // With a load error flyctl holds an empty config (serde.go:213-226): one group, "app".
  const names = options.loadError !== undefined ? ["app"] : processNames(config);
  let abort: string | null = null;
  const groups = names.map((name): GroupPlan => {
    const { config: machine, error } = toMachineConfig(config, name, options);
    if (error !== null && abort === null) abort = name;
    const services = options.loadError !== undefined ? [] : servicesFor(config, name);
    const size = machineSize(machine);
    const autostopRequested = requestedAutostop(services);
    const autostop = effectiveAutostop(autostopRequested, size, swapMb, isScheduled(machine));
    const firstDeploy = error === null ? firstDeployCount(config, name, ha) : null;
    const cost =
      firstDeploy && machine
        ? monthlyCost({ size, started: firstDeploy.started, standby: firstDeploy.standby, autostop, minRunning: minMachinesRunning(services), volumeGb: volumeSizes(config, name, size), ...(region ? { region } : {}) })
        : null;
    const notes = groupNotes(machine, autostopRequested, autostop, size, swapMb, minMachinesRunning(services), region);
    return { name, config: machine, error, firstDeploy, autostopRequested, autostop, monthlyCost: cost, notes };
  });
  return {
    app: typeof config["app"] === "string" ? config["app"] : null,
    primaryRegion: region ?? null,
    image: imageSource(config, options.image),
    groups,
    releaseCommand: toReleaseMachineConfig(config, options) ?? null,
    firstDeployAbortGroup: abort,
    monthlyCost: sumCosts(groups.flatMap((g) => (g.monthlyCost ? [g.monthlyCost] : []))),
  };
}
