import { replaceRange } from "../fixers/edits.js";
import { formatString } from "../fixers/text.js";
import type { Rule } from "./types.js";

/**
 * `concurrency = "20,25"` is the legacy string form in [[services]]: flyctl reads it as
 * `{ type = "requests", soft_limit = 20, hard_limit = 25 }` (P2, patches.go:390-417). [http_service] does
 * not accept it at all.
 */
export const concurrencyString: Rule = {
  meta: {
    id: "concurrency-string",
    description: 'concurrency = "soft,hard" should be written as a table.',
    severity: "warning",
    stage: "advice",
    fix: "safe",
  },
  check(context) {
    const model = context.model;
    for (const service of model.services) {
      if (service.source === "http_service") continue;
      const location = service.location.child("concurrency");
      const node = location?.node;
      if (!location || node?.kind !== "scalar" || typeof node.value !== "string" || model.isSkippedByPatches(node)) continue;
      const match = /^([-+]?\d+),([-+]?\d+)$/.exec(node.value);
      if (!match) continue;
      const table = `{ type = ${formatString(context.document, "requests")}, soft_limit = ${Number(match[1])}, hard_limit = ${Number(match[2])} }`;
      context.report({
        range: node.range,
        message: `${location.path} = "${node.value}" is the legacy form; flyctl reads it as ${table}: counting requests, not connections. Write the table`,
        fix: { title: `Write ${table}`, edits: [replaceRange(node.range, table)] },
      });
    }
  },
};
