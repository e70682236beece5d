import { goValueString, parseMemoryMbResult } from "../model/sizes.js";
import type { Rule } from "./types.js";

/**
 * memory and memory_mb in one [[vm]] that disagree: memory_mb is applied last and wins silently
 * (machines.go:446-485), so the memory the file seems to ask for is not the one the Machine gets.
 */
export const vmMemoryConflict: Rule = {
  meta: {
    id: "vm-memory-conflict",
    description: "A [[vm]] should not set memory and memory_mb to different sizes.",
    severity: "warning",
    stage: "deploy",
  },
  check(context) {
    const model = context.model;
    for (const vm of model.vms) {
      const memory = model.location(`${vm.location.pointer}/memory`);
      const memoryMb = model.location(`${vm.location.pointer}/memory_mb`);
      const memoryValue = vm.table["memory"];
      const mb = vm.table["memory_mb"];
      if (!memory || !memoryMb || typeof mb !== "number" || mb === 0 || (typeof memoryValue !== "string" && typeof memoryValue !== "number")) continue;
      const parsed = parseMemoryMbResult(goValueString(memoryValue));
      if (parsed.ok && parsed.value === mb) continue;
      context.report({
        range: memory.entry?.keyRange ?? memory.node.range,
        message: `${vm.location.path} sets memory = ${JSON.stringify(memoryValue)} and memory_mb = ${String(mb)}; they disagree, and flyctl uses memory_mb (${String(mb)} MB). Keep one`,
      });
    }
  },
};
