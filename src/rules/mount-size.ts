import type { PlainValue } from "../document/located.js";
import { goValueString, parseVolumeSizeGb } from "../model/sizes.js";
import type { Rule } from "./types.js";

const sizeKeys = ["initial_size", "auto_extend_size_increment", "auto_extend_size_limit"] as const;

/** The size text flyctl validates: numbers in initial_size are rendered with %v by patchMounts (P7). */
function sizeText(value: PlainValue | undefined): string | undefined {
  if (typeof value === "string") return value === "" ? undefined : value;
  return typeof value === "number" ? goValueString(value) : undefined;
}

/**
 * Volume sizes must parse and be at least 1 GB (V-MNT-1/2/4/5, validation.go:277-317). Sizes use decimal
 * units (1 GB = 1000 MB) and are truncated to whole GB, so "500mb" and 10.5 (read as "10.5" bytes) are 0 GB.
 */
export const mountSize: Rule = {
  meta: {
    id: "mount-size",
    description: "[[mounts]] sizes must parse and be at least 1 GB.",
    severity: "error",
    stage: "validate",
  },
  check(context) {
    const model = context.model;
    for (const mount of model.mounts) {
      for (const key of sizeKeys) {
        const text = sizeText(mount.table[key]);
        const location = mount.location.child(key);
        if (text === undefined || !location) continue;
        const parsed = parseVolumeSizeGb(text);
        const label = `${mount.location.path}.${key}`;
        if (!parsed.ok) {
          context.report({ range: location.node.range, message: `${label} "${text}" is not a size flyctl can read (${parsed.error}); write a size such as "10gb"` });
        } else if (parsed.value < 1) {
          const why = typeof mount.table[key] === "number" && !Number.isInteger(mount.table[key]) ? " (a fractional number is read as that many bytes)" : "";
          context.report({ range: location.node.range, message: `${label} "${text}" is less than 1 GB${why}; volumes are at least 1 GB (sizes use 1 GB = 1000 MB)` });
        }
      }
    }
  },
};
