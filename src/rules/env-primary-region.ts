import type { Rule } from "./types.js";

/** flyctl sets PRIMARY_REGION from primary_region on every Machine, over [env] (machines.go:333-337). */
export const envPrimaryRegion: Rule = {
  meta: {
    id: "env-primary-region",
    description: "[env] PRIMARY_REGION is overridden when primary_region is set.",
    severity: "warning",
    stage: "deploy",
  },
  check(context) {
    const model = context.model;
    const region = model.root["primary_region"];
    const env = model.location("/env");
    const entry = env?.node.kind === "table" ? env.node.entries.get("PRIMARY_REGION") : undefined;
    if (typeof region !== "string" || !entry) return;
    const value = entry.node.kind === "scalar" ? String(entry.node.value) : "";
    const differs = value !== region ? ` (${JSON.stringify(value)} here, "${region}" there)` : "";
    context.report({ range: entry.keyRange, message: `env.PRIMARY_REGION is replaced by primary_region on every Machine${differs}; remove it from [env]` });
  },
};
