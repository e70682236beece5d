import type { Rule } from "./types.js";

/**
 * A volume attaches to one Machine. A process group that mounts one and keeps two or more Machines running
 * (min_machines_running) needs as many volumes, each with its own data: nothing is shared or replicated, and
 * a Machine without a free volume in its region cannot start ("needs an unattached volume",
 * deploy/machines.go:568-667). Fly.io docs: volumes/overview.
 */
export const volumePerMachine: Rule = {
  meta: {
    id: "volume-per-machine",
    description: "Several Machines of a group with [[mounts]] each need their own volume, with their own data.",
    severity: "warning",
    stage: "deploy",
  },
  check(context) {
    const model = context.model;
    for (const group of model.processGroups) {
      const mount = model.mountsOf(group)[0];
      if (!mount) continue;
      for (const service of model.servicesOf(group)) {
        const min = service.table["min_machines_running"];
        const location = service.location.child("min_machines_running");
        if (typeof min !== "number" || min < 2 || !location) continue;
        const source = typeof mount.table["source"] === "string" ? mount.table["source"] : "the volume";
        context.report({
          range: location.node.range,
          message: `Process group "${group}" keeps ${min} Machines running and mounts "${source}", but a volume attaches to one Machine: each needs its own "${source}" volume in the region (fly volumes create ${source} --count ${min}), and their data is not shared`,
        });
      }
    }
  },
};
