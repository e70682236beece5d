import type { FlyDocument } from "../document/parse.js";
import { replaceRange } from "../fixers/edits.js";
import { formatString } from "../fixers/text.js";
import type { SchemaLocation } from "../schema/analyze.js";
import type { Rule } from "./types.js";

/**
 * Fly.io suspends only Machines with at most 2 GB of memory, no swap and no GPU (docs: reference/suspend-resume).
 * GPUs are not checked here: Fly.io no longer creates GPU Machines, which gpu-unavailable reports as an error.
 */
const suspendMemoryLimitMb = 2048;

function where(document: FlyDocument, location: SchemaLocation | undefined): string {
  if (!location) return "";
  return ` (${location.path}, line ${document.lines.positionAt(location.node.range.start).line})`;
}

/**
 * `auto_stop_machines = "suspend"` on a service whose Machines cannot be suspended. The platform then
 * stops them instead, without a word ("falling back to a full stop if this is not possible", fly-go
 * machine_types.go:770-774); only `fly launch` downgrades it itself (launch.go:383-412).
 */
export const suspendIncompatible: Rule = {
  meta: {
    id: "suspend-incompatible",
    description: 'auto_stop_machines = "suspend" needs Machines with at most 2 GB of memory, no swap and no GPU.',
    severity: "warning",
    stage: "deploy",
    fix: "unsafe",
  },
  check(context) {
    const model = context.model;
    const swap = model.root["swap_size_mb"];
    for (const service of model.services) {
      const location = service.autostopLocation;
      if (service.autostop !== "suspend" || !location) continue;
      const reasons: string[] = [];
      for (const group of service.groups) {
        const guest = model.guestFor(group);
        if (guest?.memoryMb !== undefined && guest.memoryMb > suspendMemoryLimitMb) {
          reasons.push(`group "${group}" has ${guest.memoryMb} MB of memory${where(context.document, guest.memorySource)}, more than 2 GB`);
        }
      }
      if (typeof swap === "number" && swap > 0) reasons.push(`swap is configured${where(context.document, model.location("/swap_size_mb"))}`);
      if (reasons.length === 0) continue;
      const stop = formatString(context.document, "stop");
      context.report({
        range: location.node.range,
        message: `${location.path} = "suspend" will not suspend: ${reasons.join("; ")}. Fly.io then stops the Machines instead, without saying so; write "stop" to say what happens, or remove what prevents suspending`,
        fix: { title: `Replace "suspend" with ${stop}`, edits: [replaceRange(location.node.range, stop)] },
      });
    }
  },
};
