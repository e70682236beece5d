import type { Rule } from "./types.js";

/**
 * Blue-green deploys start a second set of Machines beside the first; a volume attaches to one Machine
 * only, so Fly.io does not support blue-green for apps with volumes (docs: launch/deploy, deployment strategy).
 */
export const bluegreenWithMounts: Rule = {
  meta: {
    id: "bluegreen-with-mounts",
    description: 'deploy.strategy = "bluegreen" does not work with [[mounts]].',
    severity: "error",
    stage: "deploy",
  },
  check(context) {
    const model = context.model;
    const strategy = model.location("/deploy/strategy");
    const [mount] = model.mounts;
    if (strategy?.node.kind !== "scalar" || strategy.node.value !== "bluegreen" || !mount) return;
    const line = context.document.lines.positionAt(mount.location.node.anchor.start).line;
    context.report({
      range: strategy.node.range,
      message: `deploy.strategy = "bluegreen" needs a second set of Machines, but a volume attaches to one Machine and this app mounts one (${mount.location.path}, line ${line}); use "rolling" or "immediate"`,
    });
  },
};
