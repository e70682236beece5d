import { replaceRange } from "../fixers/edits.js";
import type { SchemaLocation } from "../schema/analyze.js";
import type { Rule } from "./types.js";

/**
 * Quoted or fractional ports in [[services]]: flyctl converts internal_port and ports' port with
 * strconv.Atoi or truncation (P2, patches.go:578-608); [http_service] would refuse them. Write the integer.
 */
export const portString: Rule = {
  meta: {
    id: "port-string",
    description: "Ports in [[services]] should be integers, not strings or fractions.",
    severity: "warning",
    stage: "advice",
    fix: "safe",
  },
  check(context) {
    const model = context.model;
    const candidates: SchemaLocation[] = [];
    for (const service of model.services) {
      if (service.source === "http_service") continue;
      const internal = service.location.child("internal_port");
      if (internal) candidates.push(internal);
      for (const port of model.tablesAt(service.table["ports"], service.location.child("ports"))) {
        const location = port.location.child("port");
        if (location) candidates.push(location);
      }
    }
    for (const location of candidates) {
      const node = location.node;
      if (node.kind !== "scalar" || model.isSkippedByPatches(node)) continue;
      const value = node.value;
      let integer: number | undefined;
      if (typeof value === "string" && /^[-+]?\d+$/.test(value)) integer = Number(value);
      else if (typeof value === "number" && Number.isFinite(value) && node.type === "float") integer = Math.trunc(value);
      if (integer === undefined) continue;
      context.report({
        range: node.range,
        message: `${location.path} = ${context.document.text.slice(node.range.start, node.range.end)} is read as the integer ${integer}; write ${integer}`,
        fix: { title: `Write ${integer}`, edits: [replaceRange(node.range, String(integer))] },
      });
    }
  },
};
