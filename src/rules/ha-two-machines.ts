import type { PlainValue } from "../document/located.js";
import { type ServiceView } from "../model/app-model.js";
import { loadConfig } from "../model/normalize.js";
import { formatUsd, runningMachineMonthly } from "../plan/cost.js";
import { toMachineGuest } from "../plan/machine-config.js";
import { guestSize } from "../plan/plan.js";
import type { Rule } from "./types.js";

const restrictiveness = { off: 0, stop: 1, suspend: 2 } as const;

/** The group's autostop as flyctl sums it up: the least stopping of its services, unset counting as off (machines_deploymachinesapp.go:387-404). */
function effectiveAutostop(services: ServiceView[]): "off" | "stop" | "suspend" {
  let least: "off" | "stop" | "suspend" = "suspend";
  for (const service of services) {
    const mode = service.autostop ?? "off";
    if (restrictiveness[mode] < restrictiveness[least]) least = mode;
  }
  return least;
}

/**
 * Sections that neither give a Machine its guest nor make ToMachineConfig fail (only checks, [[vm]], the
 * restart policy, process commands and a machine_config or compose source do, src/plan/machine-config.ts):
 * left out of the load for the estimate, since loading copies all it is given, and a large config's [env]
 * and [[services]] cost more to copy than everything else the lint does with them.
 */
const notSizing = new Set(["env", "services", "statics", "mounts", "mount", "files", "metrics", "metric"]);

function sizingSections(canonical: PlainValue): PlainValue {
  if (canonical === null || typeof canonical !== "object" || Array.isArray(canonical)) return canonical;
  return Object.fromEntries(Object.entries(canonical).filter(([key]) => !notSizing.has(key)));
}

/**
 * What one always-on Machine of the group costs a month, from the guest its machine config gets and price
 * data (src/data/prices.ts). Only the guest is built (toMachineGuest), not the group's whole machine config:
 * its services cost a folder run more than the estimate needs.
 */
function monthlyPerMachine(loaded: { [key: string]: PlainValue }, group: string): number {
  const region = typeof loaded["primary_region"] === "string" ? loaded["primary_region"] : undefined;
  return runningMachineMonthly(guestSize(toMachineGuest(loaded, group)), region);
}

/**
 * A process group with a service and no volume gets a second Machine the first time a deploy creates the
 * group: `fly deploy --ha` defaults to true (deploy.go:94-98, machines_deploymachinesapp.go:418-427).
 * With autostop off both run all the time. flyctl's own hint to set min_machines_running is wrong: that
 * key is never consulted there.
 */
export const haTwoMachines: Rule = {
  meta: {
    id: "ha-two-machines",
    description: "A process group with a service and no volume gets two always-on Machines on its first deploy.",
    severity: "info",
    stage: "advice",
  },
  check(context) {
    const model = context.model;
    // Loaded once for all the groups it reports.
    let loaded: { [key: string]: PlainValue } | undefined;
    for (const group of model.processGroups) {
      const groupServices = model.servicesOf(group);
      const first = groupServices[0];
      if (!first || model.mountsOf(group).length > 0) continue;
      if (effectiveAutostop(groupServices) !== "off") continue;
      loaded ??= loadConfig(sizingSections(context.schema.canonical));
      const one = monthlyPerMachine(loaded, group);
      context.report({
        range: first.location.node.anchor,
        message:
          `Process group "${group}" gets 2 always-on Machines on its first deploy: ≈ ${formatUsd(2 * one)}/month instead of ${formatUsd(one)} (estimate). ` +
          `fly deploy --ha is on by default and creates a second Machine for a group with a service and no volume, and with auto_stop_machines off both run all the time. ` +
          `For one Machine, deploy with --ha=false or run fly scale count 1 afterwards; or set auto_stop_machines = "stop" so idle Machines stop. ` +
          `min_machines_running does not change how many Machines are created`,
      });
    }
  },
};
