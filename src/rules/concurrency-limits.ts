import type { Rule } from "./types.js";

/**
 * Concurrency: `type` is "connections" or "requests" (flyctl passes anything through), and the soft
 * limit should be below the hard one; above it, the proxy never gets to balance before refusing
 * (docs: reference/concurrency).
 */
export const concurrencyLimits: Rule = {
  meta: {
    id: "concurrency-limits",
    description: 'Concurrency type must be "connections" or "requests", with soft_limit at most hard_limit.',
    severity: "warning",
    stage: "deploy",
  },
  check(context) {
    const model = context.model;
    for (const service of model.services) {
      const concurrency = service.location.child("concurrency");
      const value = service.table["concurrency"];
      if (!concurrency || typeof value !== "object" || value === null || Array.isArray(value)) continue;
      const type = value["type"];
      const typeLocation = concurrency.child("type");
      if (typeof type === "string" && type !== "connections" && type !== "requests" && typeLocation) {
        context.report({ range: typeLocation.node.range, message: `${concurrency.path}.type "${type}" is not a concurrency type; use "requests" (recommended for HTTP) or "connections" (the default)` });
      }
      const soft = value["soft_limit"];
      const hard = value["hard_limit"];
      const softLocation = concurrency.child("soft_limit");
      if (typeof soft === "number" && typeof hard === "number" && soft > hard && softLocation) {
        context.report({ range: softLocation.node.range, message: `${concurrency.path}.soft_limit (${soft}) is above hard_limit (${hard}): a Machine refuses work before the proxy ever sees it as busy. Keep soft_limit below hard_limit` });
      }
    }
  },
};
