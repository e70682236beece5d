import type { Rule } from "./types.js";

/**
 * A Machine attaches only the first [[mounts]] of its group (machines_launchinput.go:53-60); flyctl
 * rejects more only in `fly deploy --process-groups` (V-MNT-G), so `fly config validate` lets it pass.
 */
export const mountsPerGroup: Rule = {
  meta: {
    id: "mounts-per-group",
    description: "A process group can have only one [[mounts]].",
    severity: "error",
    stage: "deploy",
  },
  check(context) {
    const model = context.model;
    for (const group of model.processGroups) {
      const [first, ...extra] = model.mountsOf(group);
      if (!first) continue;
      const line = context.document.lines.positionAt(first.location.node.anchor.start).line;
      for (const mount of extra) {
        context.report({
          range: mount.location.node.anchor,
          message: `Process group "${group}" already mounts a volume (${first.location.path}, line ${line}); a Machine attaches only one, so this mount is never used (fly deploy --process-groups rejects it). Mount one volume per group`,
        });
      }
    }
  },
};
