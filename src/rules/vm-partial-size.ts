import { asksForGpuKind, computeGuest, memoryText, namesNoSize, sizePartsLeftOut, withinMachineLimits } from "../model/vm-guest.js";
import type { Rule } from "./types.js";

const keysWritten = (table: { [key: string]: unknown }) =>
  ["cpu_kind", "cpus", "memory", "memory_mb"].filter((key) => table[key] !== undefined && table[key] !== "" && table[key] !== 0);

/**
 * A [[vm]] without `size` that leaves out cpu_kind, cpus or memory. flyctl builds the guest from
 * shared-cpu-1x and overlays what the entry sets (computeToGuest, internal/appconfig/machines.go:446-485),
 * and fly deploy sends that guest on every deploy, replacing what `fly scale vm` / `fly scale memory` set
 * (superfly/flyctl#4544, #1310). Any [[vm]] that sets a size replaces a `fly scale` size the same way
 * (superfly/docs#1993); a partial one does it with sizes the user never wrote.
 */
export const vmPartialSize: Rule = {
  meta: {
    id: "vm-partial-size",
    description: "A [[vm]] without size should set cpu_kind, cpus and memory together.",
    severity: "warning",
    stage: "deploy",
  },
  check(context) {
    for (const vm of context.model.vms) {
      const table = vm.table;
      if (!namesNoSize(table) || asksForGpuKind(table)) continue;
      const leftOut = sizePartsLeftOut(table);
      const guest = computeGuest(table);
      // A size the platform refuses is vm-limits' error, which names the defaults itself.
      if (leftOut.length === 0 || !guest || !withinMachineLimits(guest) || guest.memoryMb === undefined) continue;
      const label = vm.location.path;
      const written = keysWritten(table);
      const sets = written.length === 0 ? "sets no size" : `sets only ${written.join(" and ")}`;
      const machine = `${guest.cpus} ${guest.cpuKind} CPU${guest.cpus === 1 ? "" : "s"} with ${guest.memoryMb} MB`;
      const whole = `cpu_kind = "${guest.cpuKind}", cpus = ${guest.cpus}, memory = "${memoryText(guest.memoryMb)}"`;
      context.report({
        range: vm.location.node.anchor,
        message: `${label} ${sets}, so every fly deploy gives its Machines ${machine}: flyctl takes the ${leftOut.join(" and ")} it leaves out from ${guest.presetName} and replaces any size set with fly scale. Write the whole size you want, e.g. ${whole}, or a size preset such as size = "shared-cpu-2x"`,
      });
    }
  },
};
