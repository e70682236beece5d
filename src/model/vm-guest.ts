import type { PlainValue } from "../document/located.js";
import { machineLimits } from "../data/machine-limits.js";
import { defaultPresetName, vmPresets } from "../data/vm-presets.js";
import { goValueString, parseMemoryMbResult } from "./sizes.js";

/** The CPU and memory of the Machine a [[vm]] entry becomes at deploy. */
export interface VmGuest {
  /** The preset flyctl starts from: `size`, else shared-cpu-1x (performance-8x with a gpu_kind). */
  presetName: string;
  cpuKind: string;
  cpus: number;
  /** Undefined when `memory` is a size flyctl cannot read (vm-memory reports that). */
  memoryMb: number | undefined;
}

type VmTable = { [key: string]: PlainValue };

const nonEmptyString = (value: PlainValue | undefined): value is string => typeof value === "string" && value !== "";
const nonZeroNumber = (value: PlainValue | undefined): value is number => typeof value === "number" && value !== 0;

/** True when the [[vm]] asks for a GPU by gpu_kind or gpus (a GPU size preset is looked up separately). */
export function asksForGpuKind(table: VmTable): boolean {
  return nonEmptyString(table["gpu_kind"]) || (typeof table["gpus"] === "number" && table["gpus"] > 0);
}

/**
 * flyctl's computeToGuest (internal/appconfig/machines.go:446-485): start from the `size` preset (or the
 * default), then `memory`, then copy the MachineGuest fields with copier's IgnoreEmpty, so an empty
 * cpu_kind or a zero cpus/memory_mb keeps the preset's value. Undefined for a size fly-go does not know.
 */
export function computeGuest(table: VmTable): VmGuest | undefined {
  const presetName = nonEmptyString(table["size"]) ? table["size"] : defaultPresetName(nonEmptyString(table["gpu_kind"]));
  const preset = vmPresets.get(presetName);
  if (!preset) return undefined;
  let memoryMb: number | undefined = preset.memoryMb;
  const memory = table["memory"];
  if ((typeof memory === "string" && memory !== "") || typeof memory === "number") {
    const parsed = parseMemoryMbResult(goValueString(memory));
    memoryMb = parsed.ok && parsed.value > 0 ? parsed.value : undefined;
  }
  if (nonZeroNumber(table["memory_mb"])) memoryMb = table["memory_mb"];
  return {
    presetName,
    cpuKind: nonEmptyString(table["cpu_kind"]) ? table["cpu_kind"] : preset.cpuKind,
    cpus: nonZeroNumber(table["cpus"]) ? table["cpus"] : preset.cpus,
    memoryMb,
  };
}

/** The parts of a Machine size a [[vm]] without `size` leaves to the default preset. */
export function sizePartsLeftOut(table: VmTable): ("cpu_kind" | "cpus" | "memory")[] {
  const left: ("cpu_kind" | "cpus" | "memory")[] = [];
  if (!nonEmptyString(table["cpu_kind"])) left.push("cpu_kind");
  if (!nonZeroNumber(table["cpus"])) left.push("cpus");
  const memory = table["memory"];
  if (!((typeof memory === "string" && memory !== "") || typeof memory === "number") && !nonZeroNumber(table["memory_mb"])) left.push("memory");
  return left;
}

/** True when a [[vm]] names no size preset, so flyctl fills what it leaves out from shared-cpu-1x. */
export function namesNoSize(table: VmTable): boolean {
  return !nonEmptyString(table["size"]);
}

/** Whether the platform creates a Machine of this CPU kind, count and memory (data/machine-limits.ts). */
export function withinMachineLimits(guest: VmGuest): boolean {
  if (guest.cpuKind !== "shared" && guest.cpuKind !== "performance") return false;
  if (guest.memoryMb === undefined) return false;
  const limits = machineLimits[guest.cpuKind];
  if (!limits.cpus.includes(guest.cpus)) return false;
  const memory = guest.memoryMb;
  return memory >= limits.minMemoryPerCpuMb * guest.cpus && memory <= limits.maxMemoryPerCpuMb * guest.cpus && memory % limits.memoryStepMb === 0;
}

/** Memory as a user writes it in [[vm]]: "1gb" for whole gigabytes, else "768mb". */
export function memoryText(memoryMb: number): string {
  return memoryMb % 1024 === 0 ? `${memoryMb / 1024}gb` : `${memoryMb}mb`;
}
