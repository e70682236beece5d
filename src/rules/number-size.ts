import { replaceRange } from "../fixers/edits.js";
import { formatString } from "../fixers/text.js";
import { type TableView } from "../model/app-model.js";
import { goValueString } from "../model/sizes.js";
import type { Rule } from "./types.js";

/**
 * [[vm]] memory and [[mounts]] initial_size given as numbers: flyctl renders them with %v into the size
 * string it parses (P6/P7), where a bare integer is MB (memory) or GB (initial_size).
 */
export const numberSize: Rule = {
  meta: {
    id: "number-size",
    description: "[[vm]] memory and [[mounts]] initial_size should be size strings.",
    severity: "warning",
    stage: "advice",
    fix: "safe",
  },
  check(context) {
    const model = context.model;
    const targets: [TableView, string, string][] = [
      ...model.vms.map((vm): [TableView, string, string] => [vm, "memory", "MB"]),
      ...model.mounts.map((mount): [TableView, string, string] => [mount, "initial_size", "GB"]),
    ];
    for (const [section, key, unit] of targets) {
      const location = section.location.child(key);
      const node = location?.node;
      if (!location || node?.kind !== "scalar" || typeof node.value !== "number" || !Number.isFinite(node.value) || model.isSkippedByPatches(node)) continue;
      const text = formatString(context.document, goValueString(node.value));
      const note = Number.isInteger(node.value) ? ` (${goValueString(node.value)} ${unit})` : " (a fraction here is read as bytes, which is surely not meant: write a size with a unit)";
      context.report({
        range: node.range,
        message: `${location.path} is a number; flyctl reads it as the size ${text}${note}. Write it as a string`,
        ...(Number.isInteger(node.value) ? { fix: { title: `Write ${text}`, edits: [replaceRange(node.range, text)] } } : {}),
      });
    }
  },
};
