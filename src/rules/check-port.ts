import type { Rule } from "./types.js";

/**
 * A top-level check without `port` takes the group's [http_service] internal_port; without one, fly
 * deploy fails: "Check '...' for process group '...' has no port set and the group has no http_service
 * to take it from" (machines.go:319-327).
 */
export const checkPort: Rule = {
  meta: {
    id: "check-port",
    description: "A top-level check needs a port unless its process group has an [http_service].",
    severity: "error",
    stage: "deploy",
  },
  check(context) {
    const model = context.model;
    const http = model.services.find((service) => service.source === "http_service");
    const httpGroups = new Set(http?.groups);
    for (const check of model.topLevelChecks) {
      if (check.table["port"] !== undefined) continue;
      const missing = model.groupsFor(check.table["processes"]).filter((group) => !httpGroups.has(group));
      if (missing.length === 0) continue;
      context.report({
        range: check.location.node.anchor,
        message: `Check "${check.name}" has no port, and process group "${missing[0]}" has no [http_service] to take one from, so fly deploy fails; add port = <the port to check>`,
      });
    }
  },
};
