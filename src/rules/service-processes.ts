import { didYouMean } from "../text/did-you-mean.js";
import type { Rule } from "./types.js";

/**
 * Services must name the process groups they serve once [processes] defines any (V-SVC-1), and only
 * groups [processes] defines (V-SVC-2; without [processes] the one group is "app") (validation.go:157-173).
 */
export const serviceProcesses: Rule = {
  meta: {
    id: "service-processes",
    description: "Services must list processes when [processes] defines groups, and only groups it defines.",
    severity: "error",
    stage: "validate",
  },
  check(context) {
    const model = context.model;
    const groups = model.processGroups;
    const count = model.processCount;
    for (const service of model.services) {
      // Worked out for a service that is reported only: a large config has thousands that are not.
      const labelOf = () => (service.source === "http_service" ? "[http_service]" : `[[services]] ${service.location.path}`);
      const names = Array.isArray(service.table["processes"]) ? service.table["processes"] : [];
      if (names.length === 0 && count > 0) {
        const list = service.location.child("processes");
        const label = labelOf();
        context.report({
          range: (list ?? service.location).node.anchor,
          message: `${label} has no processes, but [processes] defines ${count === 1 ? "a group" : `${count} groups`} (${groups.join(", ")}); set processes = ["${model.defaultGroup}"] (or the groups it serves)`,
        });
        continue;
      }
      names.forEach((name, index) => {
        if (typeof name !== "string" || model.isProcessGroup(name)) return;
        const item = service.location.child("processes")?.child(index);
        const label = labelOf();
        const defined = count > 0 ? `[processes] defines ${groups.map((g) => `"${g}"`).join(", ")}` : 'without [processes] the only group is "app"';
        context.report({
          range: (item ?? service.location).node.range,
          message: `${label} serves process group "${name}", which does not exist: ${defined}.${didYouMean(name, groups)}`,
        });
      });
    }
  },
};
