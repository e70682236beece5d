import { gpuMachines } from "./gpus.js";

/**
 * Machine size presets flyctl knows, as `size = "..."` in [[vm]].
 * Source: superfly/fly-go v0.9.6 machine_types.go:549-579 (MachinePresets), pinned by flyctl ad0172fa
 * (2026-08-21); read through ../shared/reference/fly-toml-model.md §1.10. The GPU presets are still
 * known to flyctl but no longer available on Fly.io after 2026-08-01 (data/gpus.ts, superfly/docs 84fd3d00).
 */
export interface VmPreset {
  cpuKind: "shared" | "performance";
  cpus: number;
  memoryMb: number;
  gpus: number;
  gpuKind?: string;
  /** For sizes Fly.io withdrew: the day after which it creates no Machine of this size (ISO date). */
  unavailableAfter?: string;
}

function series(kind: "shared" | "performance", perCpuMb: number, counts: number[]): [string, VmPreset][] {
  const name = (cpus: number) => (kind === "shared" ? `shared-cpu-${cpus}x` : `performance-${cpus}x`);
  return counts.map((cpus) => [name(cpus), { cpuKind: kind, cpus, memoryMb: perCpuMb * cpus, gpus: 0 }]);
}

function gpuPreset(gpuKind: string): VmPreset {
  return { cpuKind: "performance", cpus: 8, memoryMb: 32768, gpus: 1, gpuKind, unavailableAfter: gpuMachines.unavailableAfter };
}

export const vmPresets: ReadonlyMap<string, VmPreset> = new Map([
  ...series("shared", 256, [1, 2, 4, 6, 8]),
  ...series("performance", 2048, [1, 2, 4, 6, 8, 10, 12, 14, 16]),
  ["a100-40gb", gpuPreset("a100-pcie-40gb")],
  ["a100-80gb", gpuPreset("a100-sxm4-80gb")],
  ["l40s", gpuPreset("l40s")],
  ["a10", gpuPreset("a10")],
]);

/** The presets Fly.io still creates Machines of, in fly-go's order (what messages suggest). */
export const availableVmPresetNames: readonly string[] = [...vmPresets].filter(([, preset]) => preset.unavailableAfter === undefined).map(([name]) => name);

/** What flyctl sends when [[vm]] names no size: shared-cpu-1x, or performance-8x when gpu_kind is set (machines.go:446-453). */
export function defaultPresetName(hasGpuKind: boolean): string {
  return hasGpuKind ? "performance-8x" : "shared-cpu-1x";
}
