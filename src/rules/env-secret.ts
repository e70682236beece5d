import type { Rule } from "./types.js";

/** Substrings flyctl warns about in [env] names at deploy, and its exemptions (deploy.go:357-362, common_secrets.go). */
const sensitiveNameParts = ["KEY", "PRIVATE", "DATABASE_URL", "PASSWORD", "SECRET"];
const exemptNames = new Set(["AWS_ACCESS_KEY_ID", "TIGRIS_ACCESS_KEY_ID"]);

/** Prefixes and shapes of well-known credentials. */
const credentialPatterns: [RegExp, string][] = [
  [/^(sk|rk|pk)_(live|test)_[A-Za-z0-9]{10,}/, "a Stripe key"],
  [/^(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}|^github_pat_/, "a GitHub token"],
  [/^glpat-[A-Za-z0-9_-]{16,}/, "a GitLab token"],
  [/^xox[abpors]-[A-Za-z0-9-]{10,}/, "a Slack token"],
  [/^(AKIA|ASIA)[0-9A-Z]{16}$/, "an AWS access key"],
  [/^AIza[0-9A-Za-z_-]{35}$/, "a Google API key"],
  [/^sk-[A-Za-z0-9_-]{20,}/, "an API secret key"],
  [/^eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, "a JSON Web Token"],
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----/, "a private key"],
  [/^[a-z][a-z0-9+.-]*:\/\/[^\s:@/]+:[^\s@/]+@/i, "a URL with a password"],
];

/** Shannon entropy in bits per character. */
function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) bits -= (count / text.length) * Math.log2(count / text.length);
  return bits;
}

/** What a value looks like, when it looks like a credential. */
function credentialKind(value: string): string | undefined {
  for (const [pattern, kind] of credentialPatterns) if (pattern.test(value)) return kind;
  // Long random-looking strings: letters and digits mixed, no spaces, not a path or plain URL.
  if (value.length >= 24 && !/[\s/]/.test(value) && /[a-z]/.test(value) && /[A-Z0-9]/.test(value) && /\d/.test(value) && entropy(value) >= 4.2) {
    return "a random secret";
  }
  return undefined;
}

/**
 * [env] is committed with the config and visible to everyone with the repository; secrets belong in
 * `fly secrets`. The message never repeats the value.
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
      const kind = credentialKind(value);
      const namedSensitive = !exemptNames.has(name) && sensitiveNameParts.some((part) => name.includes(part));
      if (!kind && !namedSensitive) continue;
      const why = kind ? `its value looks like ${kind}` : `flyctl warns that a name like ${name} may be sensitive`;
      context.report({
        range: kind ? entry.node.range : entry.keyRange,
        message: `env.${name} may be a secret (${why}): anything in fly.toml is visible to everyone who can read the repository. Remove the line and run fly secrets set ${name}=…${kind ? ", and rotate it: it has been committed" : ""}`,
      });
    }
  },
};
