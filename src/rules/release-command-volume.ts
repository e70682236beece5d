import type { Rule } from "./types.js";
import { scalarValue } from "../document/located.js";

/**
 * release_command runs in a temporary Machine that has no volumes (machines.go:25-78), so a command that
 * works on files under a mount path (a SQLite database on /data) sees an empty folder there.
 */
export const releaseCommandVolume: Rule = {
  meta: {
    id: "release-command-volume",
    description: "release_command runs without volumes, so it must not rely on files under a mount path.",
    severity: "warning",
    stage: "deploy",
  },
  check(context) {
    const model = context.model;
    const location = model.location("/deploy/release_command");
    const command = scalarValue(location?.node);
    if (!location || typeof command !== "string") return;
    for (const mount of model.mounts) {
      const destination = mount.table["destination"];
      if (typeof destination !== "string" || destination === "" || destination === "/") continue;
      const escaped = destination.replace(/\/+$/, "").replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      if (!new RegExp(`(^|[\\s'"=:])${escaped}(/|$|[\\s'"])`).test(command)) continue;
      context.report({
        range: location.node.range,
        message: `deploy.release_command uses ${destination}, where a volume is mounted, but the release command runs in a temporary Machine without volumes and sees nothing there; run it at start-up in the app's Machine instead (for example in its process command)`,
      });
      return;
    }
  },
};
