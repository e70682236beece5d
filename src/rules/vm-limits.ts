import { machineLimits } from "../data/machine-limits.js";
import { vmPresets } from "../data/vm-presets.js";
import { asksForGpuKind, computeGuest, namesNoSize, sizePartsLeftOut } from "../model/vm-guest.js";
import type { Rule } from "./types.js";

/**
 * The Machine a [[vm]] describes must be one the platform creates: CPU counts and memory per CPU kind
 * (data/machine-limits.ts). flyctl sends the guest as is; the platform refuses it at deploy, e.g.
 * "invalid config.guest.memory_mb, minimum required 4096 MiB".
 */
export const vmLimits: Rule = {
  meta: {
    id: "vm-limits",
    description: "[[vm]] cpu_kind, cpus and memory must be a combination Fly.io Machines accept.",
    severity: "error",
    stage: "deploy",
  },
  check(context) {
    const model = context.model;
    for (const vm of model.vms) {
      const t = vm.table;
      if (["cpu_kind", "cpus", "memory", "memory_mb"].every((key) => t[key] === undefined)) continue;
      if (asksForGpuKind(t)) continue;
      const guest = computeGuest(t);
      if (!guest || (vmPresets.get(guest.presetName)?.gpus ?? 0) > 0) continue;
      const { cpuKind: kind, cpus, memoryMb: memory } = guest;
      if (memory === undefined) continue;
      const at = (key: string) => vm.location.child(key)?.node.range ?? vm.location.node.anchor;
      const label = vm.location.path;
      // vm-partial-size explains the defaults when the size is valid; when it is not, the reason belongs here.
      const leftOut = namesNoSize(t) ? sizePartsLeftOut(t) : [];
      const defaults = leftOut.length > 0 ? ` (${label} names no size, so its ${leftOut.join(" and ")} come${leftOut.length === 1 ? "s" : ""} from ${guest.presetName})` : "";
      if (kind !== "shared" && kind !== "performance") {
        context.report({ range: at("cpu_kind"), message: `${label}.cpu_kind "${kind}" is not a CPU kind; use "shared" or "performance"` });
        continue;
      }
      const limits = machineLimits[kind];
      const memoryKey = t["memory_mb"] !== undefined ? "memory_mb" : t["memory"] !== undefined ? "memory" : t["cpus"] !== undefined ? "cpus" : "cpu_kind";
      if (!limits.cpus.includes(cpus)) {
        context.report({ range: at("cpus"), message: `${label} asks for ${cpus} ${kind} CPUs; ${kind} Machines have ${limits.cpus.join(", ")}${defaults}` });
        continue;
      }
      const min = limits.minMemoryPerCpuMb * cpus;
      const max = limits.maxMemoryPerCpuMb * cpus;
      if (memory < min || memory > max) {
        context.report({ range: at(memoryKey), message: `${label} gives ${cpus} ${kind} CPU${cpus === 1 ? "" : "s"} ${memory} MB of memory; Fly.io accepts ${min} to ${max} MB for that, so fly deploy fails${defaults}` });
      } else if (memory % limits.memoryStepMb !== 0) {
        context.report({ range: at(memoryKey), message: `${label} memory is ${memory} MB; ${kind} Machines take memory in steps of ${limits.memoryStepMb} MB${defaults}` });
      }
    }
  },
};
