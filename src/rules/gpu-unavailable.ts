import { gpuMachines } from "../data/gpus.js";
import { vmPresets } from "../data/vm-presets.js";
import type { Rule } from "./types.js";

/** The [[vm]] key that asks for a GPU, in the order flyctl reads them: a GPU size preset, gpu_kind, gpus. */
function gpuKey(table: { [key: string]: unknown }): { key: string; shown: string } | undefined {
  const size = table["size"];
  if (typeof size === "string" && (vmPresets.get(size)?.gpus ?? 0) > 0) return { key: "size", shown: `size = "${size}"` };
  const kind = table["gpu_kind"];
  if (typeof kind === "string" && kind !== "") return { key: "gpu_kind", shown: `gpu_kind = "${kind}"` };
  const gpus = table["gpus"];
  if (typeof gpus === "number" && gpus > 0) return { key: "gpus", shown: `gpus = ${gpus}` };
  return undefined;
}

/**
 * A [[vm]] asking for a GPU. flyctl and fly-go still accept the GPU presets and gpu_kind (fly-go
 * machine_types.go:549-579), but Fly.io no longer creates GPU Machines (data/gpus.ts), so the deploy fails.
 */
export const gpuUnavailable: Rule = {
  meta: {
    id: "gpu-unavailable",
    description: "[[vm]] must not ask for a GPU: Fly.io no longer offers GPU Machines.",
    severity: "error",
    stage: "deploy",
  },
  check(context) {
    const model = context.model;
    for (const vm of model.vms) {
      const asked = gpuKey(vm.table);
      const location = asked && vm.location.child(asked.key);
      if (!asked || !location) continue;
      context.report({
        range: location.node.range,
        message: `${vm.location.path} asks for a GPU (${asked.shown}), but Fly.io no longer offers GPU Machines (unavailable after ${gpuMachines.unavailableAfterText}, ${gpuMachines.source}), so fly deploy cannot create it; remove the GPU settings and pick a CPU size such as size = "performance-8x"`,
      });
    }
  },
};
