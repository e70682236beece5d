import { didYouMean } from "../text/did-you-mean.js";
import type { Rule } from "./types.js";

const policies = ["always", "never", "on-failure"];

/**
 * [[restart]] policy must be "always", "never" or "on-failure" ("no" is the Machines API's word, not
 * fly.toml's), and its processes must be groups [processes] defines (V-RST-1/2, validation.go:351-365).
 */
export const restartPolicy: Rule = {
  meta: {
    id: "restart-policy",
    description: '[[restart]] needs policy "always", "never" or "on-failure", for groups [processes] defines.',
    severity: "error",
    stage: "validate",
  },
  check(context) {
    const model = context.model;
    const groups = model.processGroups;
    for (const restart of model.tablesAt(model.root["restart"], model.location("/restart"))) {
      const label = restart.location.path;
      const names = Array.isArray(restart.table["processes"]) ? restart.table["processes"] : [];
      names.forEach((name, index) => {
        if (typeof name !== "string" || model.isProcessGroup(name)) return;
        const item = restart.location.child("processes")?.child(index);
        context.report({ range: (item ?? restart.location).node.range, message: `${label} applies to process group "${name}", which [processes] does not define.${didYouMean(name, groups)}` });
      });
      const policy = restart.table["policy"];
      if (typeof policy === "string" && policies.includes(policy)) continue;
      const location = restart.location.child("policy");
      const hint = policy === "no" ? ' ("no" is the Machines API name; fly.toml says "never")' : typeof policy === "string" ? didYouMean(policy, policies) : "";
      context.report({
        range: (location ?? restart.location).node.anchor,
        message: `${label}${policy === undefined ? " has no policy" : `.policy ${JSON.stringify(policy)} is not a restart policy`}; use "always", "never" or "on-failure"${hint}`,
      });
    }
  },
};
