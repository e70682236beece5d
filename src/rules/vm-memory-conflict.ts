import { goValueString, parseMemoryMbResult } from "../model/sizes.js";
import type { Rule } from "./types.js";

/**
 * memory and memory_mb in one [[vm]]: memory_mb is applied last and wins silently (machines.go:446-485),
 * so when they disagree the memory the file seems to ask for is not the one the Machine gets.
 */
export const vmMemoryConflict: Rule = {
  meta: {
    id: "vm-memory-conflict",
    description: "A [[vm]] should set memory or memory_mb, not both.",
    severity: "warning",
    stage: "deploy",
  },
  check(context) {
    const model = context.model;
    for (const vm of model.vms) {
      const memory = vm.location.child("memory");
      const memoryMb = vm.location.child("memory_mb");
      const memoryValue = vm.table["memory"];
      const mb = vm.table["memory_mb"];
      if (!memory || !memoryMb || typeof mb !== "number" || mb === 0 || (typeof memoryValue !== "string" && typeof memoryValue !== "number")) continue;
      const parsed = parseMemoryMbResult(goValueString(memoryValue));
      const same = parsed.ok && parsed.value === mb;
      context.report({
        range: memory.entry?.keyRange ?? memory.node.range,
        message: same
          ? `${vm.location.path} sets memory and memory_mb to the same ${String(mb)} MB; flyctl uses memory_mb, so memory only waits to disagree one day. Keep one`
          : `${vm.location.path} sets memory = ${JSON.stringify(memoryValue)} and memory_mb = ${String(mb)}; they disagree, and flyctl uses memory_mb (${String(mb)} MB). Keep one`,
      });
    }
  },
};
