import { credentialKind, findCredentials, sensitiveName } from "../secrets/credentials.js";
import type { Rule } from "./types.js";

/** What an [env] value holds when it looks like a credential, as a whole or inside (a DSN's password). */
function valueKind(value: string): string | undefined {
  // Every credential shape has characters; a numeric [env] value (read here as "") skips fifteen searches.
  if (value === "") return undefined;
  const whole = credentialKind(value);
  if (whole) return `its value looks like ${whole}`;
  const inside = findCredentials(value)[0];
  return inside ? `its value holds ${inside.kind}` : undefined;
}

/**
 * [env] is committed with the config and visible to everyone with the repository; secrets belong in
 * `fly secrets`. What counts as a secret lives in src/secrets/credentials.ts, shared with the masking that
 * keeps secrets out of every output. The message never repeats the value.
 */
export const envSecret: Rule = {
  meta: {
    id: "env-secret",
    description: "[env] must not hold secrets; use fly secrets set.",
    severity: "warning",
    stage: "deploy",
  },
  check(context) {
    const env = context.model.location("/env");
    if (env?.node.kind !== "table") return;
    for (const [name, entry] of env.node.entries) {
      const value = entry.node.kind === "scalar" && typeof entry.node.value === "string" ? entry.node.value : "";
      const kind = valueKind(value);
      const named = sensitiveName(name);
      if (!kind && !named) continue;
      const why = kind ?? (named === "flyctl" ? `flyctl warns that a name like ${name} may be sensitive` : `a name like ${name} usually holds a credential`);
      context.report({
        range: kind ? entry.node.range : entry.keyRange,
        message: `env.${name} may be a secret (${why}): anything in fly.toml is visible to everyone who can read the repository. Remove the line and run fly secrets set ${name}=…${kind ? ", and rotate it: it has been committed" : ""}`,
      });
    }
  },
};
