import { goValueString, parseMemoryMbResult } from "../model/sizes.js";
import type { Rule } from "./types.js";

/**
 * [[vm]] memory must parse to more than 0 MB. flyctl reads it only at deploy (machines.go:464-474): a bare
 * integer is MB, "1gb" is 1024 MB, and a fractional number such as 1.5 becomes the text "1.5", 1 byte.
 */
export const vmMemory: Rule = {
  meta: {
    id: "vm-memory",
    description: "[[vm]] memory must be a size such as \"1gb\" or a whole number of MB, more than zero.",
    severity: "error",
    stage: "deploy",
  },
  check(context) {
    const model = context.model;
    for (const vm of model.vms) {
      const memory = vm.table["memory"];
      const location = vm.location.child("memory");
      if ((typeof memory !== "string" && typeof memory !== "number") || !location) continue;
      const text = goValueString(memory);
      const parsed = parseMemoryMbResult(text);
      const label = `${vm.location.path}.memory`;
      if (!parsed.ok) {
        context.report({ range: location.node.range, message: `${label} "${text}" is not a size flyctl can read (${parsed.error}), so fly deploy fails; write a size such as "1gb" or "512mb"` });
      } else if (parsed.value <= 0) {
        const why = typeof memory === "number" && !Number.isInteger(memory) ? ` (a fractional number is read as "${text}" bytes)` : "";
        context.report({ range: location.node.range, message: `${label} is ${parsed.value} MB${why}, so fly deploy fails with "memory cannot be zero"; write a size such as "1gb" or "512mb"` });
      }
    }
  },
};
