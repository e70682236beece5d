import { parseVolumeSizeGb } from "../model/sizes.js";
import type { Rule } from "./types.js";

function sizeGb(value: unknown): number {
  if (typeof value !== "string" || value === "") return 0;
  const parsed = parseVolumeSizeGb(value);
  return parsed.ok ? parsed.value : 0;
}

/**
 * Volume auto-extend needs its threshold (50-99 %) and increment (1-100 GB); the limit is optional
 * (1-500 GB) (V-MNT-6..9, validation.go:319-335). Unreadable sizes count as unset, as in flyctl.
 */
export const mountAutoExtend: Rule = {
  meta: {
    id: "mount-auto-extend",
    description: "[[mounts]] auto-extend needs a threshold of 50-99 and an increment of 1-100 GB; the limit must be 1-500 GB.",
    severity: "error",
    stage: "validate",
  },
  check(context) {
    const model = context.model;
    for (const mount of model.mounts) {
      const threshold = typeof mount.table["auto_extend_size_threshold"] === "number" ? mount.table["auto_extend_size_threshold"] : 0;
      const increment = sizeGb(mount.table["auto_extend_size_increment"]);
      const limit = sizeGb(mount.table["auto_extend_size_limit"]);
      if (threshold === 0 && increment === 0 && limit === 0) continue;
      const at = (key: string) => mount.location.child(key)?.node.range ?? mount.location.node.anchor;
      const label = mount.location.path;
      if (threshold !== 0 && increment === 0 && limit === 0) {
        context.report({ range: at("auto_extend_size_threshold"), message: `${label}.auto_extend_size_threshold is set without auto_extend_size_increment; set the increment too (1GB to 100GB), and optionally auto_extend_size_limit` });
      }
      if (threshold < 50 || threshold > 99) {
        const message = threshold === 0 ? `${label} sets auto-extend sizes without auto_extend_size_threshold; add a threshold between 50 and 99 (percent used)` : `${label}.auto_extend_size_threshold is ${threshold}; it must be between 50 and 99 (percent used)`;
        context.report({ range: at("auto_extend_size_threshold"), message });
      }
      if (increment < 1 || increment > 100) {
        const message = increment === 0 ? `${label} enables auto-extend without a valid auto_extend_size_increment; set one between 1GB and 100GB` : `${label}.auto_extend_size_increment is ${increment} GB; it must be between 1GB and 100GB`;
        context.report({ range: at("auto_extend_size_increment"), message });
      }
      if (limit !== 0 && (limit < 1 || limit > 500)) {
        context.report({ range: at("auto_extend_size_limit"), message: `${label}.auto_extend_size_limit is ${limit} GB; it must be between 1GB and 500GB` });
      }
    }
  },
};
