import type { Rule } from "./types.js";

/** [env] names cannot begin with FLY_: the platform reserves them (docs: configuration, env). */
export const envFlyPrefix: Rule = {
  meta: {
    id: "env-fly-prefix",
    description: "[env] names must not begin with FLY_.",
    severity: "error",
    stage: "deploy",
  },
  check(context) {
    const env = context.model.location("/env");
    if (env?.node.kind !== "table") return;
    for (const [name, entry] of env.node.entries) {
      if (!name.startsWith("FLY_")) continue;
      context.report({ range: entry.keyRange, message: `env.${name}: names beginning with FLY_ are reserved for the variables Fly.io sets itself; rename it` });
    }
  },
};
