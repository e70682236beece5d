import { availableVmPresetNames, vmPresets } from "../data/vm-presets.js";
import { didYouMean } from "../text/did-you-mean.js";
import type { Rule } from "./types.js";

/** [[vm]] size must be a preset fly-go knows; an unknown one fails only at deploy (machine_types.go:477-499). */
export const vmSize: Rule = {
  meta: {
    id: "vm-size",
    description: "[[vm]] size must be a Machine size preset.",
    severity: "error",
    stage: "deploy",
  },
  check(context) {
    const model = context.model;
    const sizes = availableVmPresetNames;
    for (const vm of model.vms) {
      const size = vm.table["size"];
      const location = vm.location.child("size");
      if (typeof size !== "string" || !location || vmPresets.has(size)) continue;
      context.report({
        range: location.node.range,
        message: `${vm.location.path}.size "${size}" is not a Machine size, so fly deploy fails; use one of ${sizes.join(", ")}.${didYouMean(size, sizes)}`,
      });
    }
  },
};
