import type { Rule } from "./types.js";

/**
 * flyctl refuses the canary strategy for an app with volumes: a canary Machine would need a second
 * volume (V-DEP-3, validation.go:118-121).
 */
export const canaryWithMounts: Rule = {
  meta: {
    id: "canary-with-mounts",
    description: 'deploy.strategy = "canary" cannot be used with [[mounts]].',
    severity: "error",
    stage: "validate",
  },
  check(context) {
    const model = context.model;
    const location = model.location("/deploy/strategy");
    if (location?.node.kind !== "scalar" || location.node.value !== "canary") return;
    const [mount] = model.mounts;
    if (!mount) return;
    const line = context.document.lines.positionAt(mount.location.node.anchor.start).line;
    context.report({
      range: location.node.range,
      message: `deploy.strategy = "canary" does not work with volumes, and this app mounts one (${mount.location.path}, line ${line}); use "rolling" or "immediate"`,
    });
  },
};
