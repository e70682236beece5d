import { assumedRootfsGb, extraMemoryPerGb, gpuPerHour, hoursPerMonth, perCpuAtPresetMemory, publishedMonthly, regionMultiplier, stoppedRootfsPerGb, volumePerGb } from "../data/prices.js";

/** The size of a Machine, as its guest says it. */
export interface MachineSize {
  cpuKind: "shared" | "performance";
  cpus: number;
  memoryMb: number;
  gpus: number;
  gpuKind?: string;
}

/** What `fly deploy` gives a new Machine without a [[vm]]: shared-cpu-1x, 256 MB (flag/machines.go:14-18). */
export const defaultMachineSize: MachineSize = { cpuKind: "shared", cpus: 1, memoryMb: 256, gpus: 0 };

const cents = (value: number) => Math.round(value * 100) / 100;

/** Price multiplier of a region relative to iad, and whether the price data knows the region. */
export function regionFactor(region: string | undefined): { factor: number; known: boolean } {
  const factor = region ? regionMultiplier[region] : undefined;
  return factor === undefined ? { factor: 1, known: false } : { factor, known: true };
}

/** A running Machine of this size for 30 days, in USD (estimate; see src/data/prices.ts). */
export function runningMachineMonthly(size: MachineSize, region?: string): number {
  const presetMemoryMb = size.cpus * (size.cpuKind === "shared" ? 256 : 2048);
  const name = size.cpuKind === "shared" ? `shared-cpu-${size.cpus}x` : `performance-${size.cpus}x`;
  const base = publishedMonthly[`${name}:${size.memoryMb}`] ?? size.cpus * perCpuAtPresetMemory[size.cpuKind] + (Math.max(0, size.memoryMb - presetMemoryMb) / 1024) * extraMemoryPerGb;
  const gpu = size.gpus * (gpuPerHour[size.gpuKind ?? ""] ?? 0) * hoursPerMonth;
  return cents((base + gpu) * regionFactor(region).factor);
}

/** A stopped or suspended Machine for 30 days: its rootfs only, assumed to be 1 GB. */
export function stoppedMachineMonthly(): number {
  return cents(assumedRootfsGb * stoppedRootfsPerGb);
}

export function volumeMonthly(sizeGb: number): number {
  return cents(sizeGb * volumePerGb);
}

/**
 * A group's monthly cost: `max` with every started Machine running all month; `min` with auto-stop
 * stopping all but min_machines_running of them (which counts in the primary region, where the first
 * deploy puts every Machine). Standbys stay stopped. Volumes count in both.
 */
export interface MonthlyCost {
  currency: "USD";
  /** One running Machine for 30 days. */
  perMachine: number;
  min: number;
  max: number;
  volumes: number;
  /** The region priced; false when the price data does not know it and iad prices are used. */
  region: string | null;
  regionKnown: boolean;
}

export interface CostInput {
  size: MachineSize;
  started: number;
  standby: number;
  autostop: "off" | "stop" | "suspend";
  /** min_machines_running of the group's services (the largest), 0 when unset. */
  minRunning: number;
  volumeGb: number[];
  region?: string;
}

export function monthlyCost(input: CostInput): MonthlyCost {
  const perMachine = runningMachineMonthly(input.size, input.region);
  const stopped = stoppedMachineMonthly();
  const volumes = cents(input.volumeGb.reduce((sum, gb) => sum + volumeMonthly(gb), 0));
  const max = cents(input.started * perMachine + input.standby * stopped + volumes);
  const alwaysRunning = input.autostop === "off" ? input.started : Math.min(input.started, input.minRunning);
  const min = cents(alwaysRunning * perMachine + (input.started - alwaysRunning + input.standby) * stopped + volumes);
  const { known } = regionFactor(input.region);
  return { currency: "USD", perMachine, min, max, volumes, region: input.region ?? null, regionKnown: known };
}

export function sumCosts(costs: MonthlyCost[]): { currency: "USD"; min: number; max: number } {
  return { currency: "USD", min: cents(costs.reduce((s, c) => s + c.min, 0)), max: cents(costs.reduce((s, c) => s + c.max, 0)) };
}

/** "$1.94" */
export function formatUsd(value: number): string {
  return `$${value.toFixed(2)}`;
}
