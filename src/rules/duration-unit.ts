import type { LocatedNode } from "../document/located.js";
import { replaceRange } from "../fixers/edits.js";
import { formatString } from "../fixers/text.js";
import { formatGoDuration, goDurationFromMilliseconds, isGoDuration } from "../model/go-duration.js";
import type { SchemaLocation } from "../schema/analyze.js";
import type { Rule } from "./types.js";

interface Trap {
  location: SchemaLocation;
  /** What flyctl reads the number as, and what its author most likely meant. */
  readAs: string;
  meant: "ms" | "s";
}

function numberAt(location: SchemaLocation | undefined): number | undefined {
  const node: LocatedNode | undefined = location?.node;
  return node?.kind === "scalar" && typeof node.value === "number" ? node.value : undefined;
}

/**
 * Bare numbers where flyctl does not convert them are nanoseconds (fly.Duration, fly-go duration.go):
 * [[http_service.checks]] timings (Fly's docs say milliseconds, but that holds only for [[services]]
 * checks), deploy.wait_timeout, deploy.release_command_timeout and machine_checks kill_timeout. A
 * fractional kill_timeout is cut to whole seconds (patches.go _castDuration).
 */
export const durationUnit: Rule = {
  meta: {
    id: "duration-unit",
    description: "Durations that flyctl would read as nanoseconds (or cut to whole seconds) should be written with a unit.",
    severity: "warning",
    stage: "deploy",
    fix: "unsafe",
  },
  check(context) {
    const model = context.model;
    const traps: Trap[] = [];
    const nanoseconds = (location: SchemaLocation | undefined, meant: "ms" | "s") => {
      const value = numberAt(location);
      // nan, inf and numbers past int64 are not durations at all; invalid-value and flyctl refuse them.
      if (location && value !== undefined && isGoDuration(Math.trunc(value))) traps.push({ location, readAs: formatGoDuration(Math.trunc(value)), meant });
    };
    const http = model.root["http_service"];
    if (http && typeof http === "object" && !Array.isArray(http)) {
      for (const check of model.tablesAt(http["checks"], model.location("/http_service/checks"))) {
        for (const key of ["interval", "timeout", "grace_period"]) nanoseconds(check.location.child(key), "ms");
      }
    }
    nanoseconds(model.location("/deploy/wait_timeout"), "s");
    nanoseconds(model.location("/deploy/release_command_timeout"), "s");
    const machineChecks = [
      ...model.tablesAt(model.root["machine_checks"], model.location("/machine_checks")),
      ...model.services.flatMap((service) => model.tablesAt(service.table["machine_checks"], service.location.child("machine_checks"))),
    ];
    for (const check of machineChecks) nanoseconds(check.location.child("kill_timeout"), "s");

    for (const trap of traps) {
      const value = numberAt(trap.location) as number;
      if (!isGoDuration(trap.meant === "ms" ? Math.trunc(value) * 1e6 : value * 1e9)) continue;
      const intended = trap.meant === "ms" ? goDurationFromMilliseconds(value) : formatGoDuration(value * 1e9);
      const text = formatString(context.document, intended);
      context.report({
        range: trap.location.node.range,
        message: `${trap.location.path} = ${value} is read as ${trap.readAs}: flyctl takes a bare number here as nanoseconds. Write the unit, e.g. ${text} if you meant ${trap.meant === "ms" ? "milliseconds" : "seconds"}`,
        fix: { title: `Write ${text}`, edits: [replaceRange(trap.location.node.range, text)] },
      });
    }

    const kill = model.location("/kill_timeout");
    const killValue = numberAt(kill);
    if (kill && killValue !== undefined && !Number.isInteger(killValue) && isGoDuration(killValue * 1e9)) {
      const text = formatString(context.document, formatGoDuration(Math.round(killValue * 1e9)));
      context.report({
        range: kill.node.range,
        message: `kill_timeout = ${killValue} is cut to ${formatGoDuration(Math.trunc(killValue) * 1e9)}: flyctl reads a bare number here as whole seconds. Write ${text}`,
        fix: { title: `Write ${text}`, edits: [replaceRange(kill.node.range, text)] },
      });
    }
  },
};
