import type { Rule } from "./types.js";

/** snapshot_retention is a number of days from 1 to 60 (V-MNT-3, validation.go:289-292). */
export const mountSnapshotRetention: Rule = {
  meta: {
    id: "mount-snapshot-retention",
    description: "[[mounts]] snapshot_retention must be between 1 and 60 days.",
    severity: "error",
    stage: "validate",
  },
  check(context) {
    const model = context.model;
    for (const mount of model.mounts) {
      const value = mount.table["snapshot_retention"];
      const location = mount.location.child("snapshot_retention");
      if (typeof value !== "number" || !location || (value >= 1 && value <= 60)) continue;
      context.report({ range: location.node.range, message: `${mount.location.path}.snapshot_retention is ${value}; it must be between 1 and 60 days` });
    }
  },
};
