/**
 * CPU and memory combinations the Machines platform accepts per CPU kind.
 * Source: fly-go v0.9.6 MIN/MAX_MEMORY_MB_PER_(SHARED_)CPU and Fly.io docs machines/guides-examples/
 * machine-sizing, as collected in ../shared/reference/gotchas.md §6 (read 2026-08). Performance memory
 * steps follow flyctl's `machine update` validation (1024 MB); the docs say 2048, which is stricter.
 */
export interface CpuKindLimits {
  cpus: readonly number[];
  minMemoryPerCpuMb: number;
  maxMemoryPerCpuMb: number;
  memoryStepMb: number;
}

export const machineLimits: Readonly<Record<"shared" | "performance", CpuKindLimits>> = {
  shared: { cpus: [1, 2, 4, 6, 8], minMemoryPerCpuMb: 256, maxMemoryPerCpuMb: 2048, memoryStepMb: 256 },
  performance: { cpus: [1, 2, 4, 6, 8, 10, 12, 14, 16], minMemoryPerCpuMb: 2048, maxMemoryPerCpuMb: 8192, memoryStepMb: 1024 },
};
