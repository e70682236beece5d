import type { PlainValue } from "../document/located.js";
import { sensitiveName } from "../secrets/credentials.js";
import { MASK, maskText, secretValuesOf } from "../secrets/redact.js";
import type { KeyChange } from "./compare.js";
import type { ConfigDiff } from "./index.js";

/**
 * A diff ready to print: no value in it holds a secret (src/secrets/). A value under a key named like a
 * credential (`env.DATABASE_URL`, a check header `Authorization`) is masked whole, on both sides, so the
 * diff says that it changed and nothing about it; any other string is scrubbed of the secrets found in
 * either text and of anything shaped like a credential.
 */
function pathSegments(path: string): string[] {
  // Item labels ([8080/tcp], [/static]) name sections, not keys; quoted keys may hold dots.
  const keys = path.replace(/\[[^\]]*\]/g, "");
  return keys.split(/\.(?=(?:[^"]*"[^"]*")*[^"]*$)/).map(unquote);
}

function unquote(segment: string): string {
  try {
    return segment.startsWith('"') ? String(JSON.parse(segment)) : segment;
  } catch {
    return segment.replace(/"/g, "");
  }
}

function maskWhole(value: PlainValue): PlainValue {
  if (Array.isArray(value)) return value.map(maskWhole);
  return typeof value === "boolean" ? value : MASK;
}

export function redactDiff(diff: ConfigDiff, ...texts: string[]): ConfigDiff {
  const secrets = secretValuesOf(...texts);
  const scrub = (value: PlainValue): PlainValue => {
    if (typeof value === "string") return maskText(value, secrets);
    if (Array.isArray(value)) return value.map(scrub);
    if (typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sensitiveName(k) ? maskWhole(v) : scrub(v)]));
    return value;
  };
  const redact = (change: KeyChange): KeyChange => {
    const secret = pathSegments(change.path).some((segment) => sensitiveName(segment) !== undefined);
    const mask = secret ? maskWhole : scrub;
    return {
      ...change,
      ...(change.before !== undefined ? { before: mask(change.before) } : {}),
      ...(change.after !== undefined ? { after: mask(change.after) } : {}),
    };
  };
  // A group's error quotes flyctl's message about the config, which may quote a value.
  const groups = diff.groups.map((group) => ({
    ...group,
    machineConfig: group.machineConfig.map(redact),
    error: { before: group.error.before === null ? null : maskText(group.error.before, secrets), after: group.error.after === null ? null : maskText(group.error.after, secrets) },
  }));
  return { ...diff, changes: diff.changes.map(redact), groups };
}
