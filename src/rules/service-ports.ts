import type { Rule } from "./types.js";

/** A [[services]] entry without ports receives no traffic; fly config validate warns (V-SVC-3, validation.go:176-185). */
export const servicePorts: Rule = {
  meta: {
    id: "service-ports",
    description: "A [[services]] entry needs at least one [[services.ports]].",
    severity: "warning",
    stage: "validate",
  },
  check(context) {
    for (const service of context.model.services) {
      if (service.hasPorts) continue;
      context.report({
        range: service.location.node.anchor,
        message: `${service.location.path} exposes no port, so the Fly proxy sends it nothing; add a [[services.ports]] section (or use [http_service])`,
      });
    }
  },
};
