import type { Rule } from "./types.js";

/**
 * Blue-green deploys wait for health checks on the new Machines; with none, fly deploy stops with "You
 * need to define at least 1 check in order to use blue-green deployments" (strategy_bluegreen.go:966-990).
 */
export const bluegreenChecks: Rule = {
  meta: {
    id: "bluegreen-checks",
    description: 'deploy.strategy = "bluegreen" needs at least one health check.',
    severity: "error",
    stage: "deploy",
  },
  check(context) {
    const model = context.model;
    const strategy = model.location("/deploy/strategy");
    if (strategy?.node.kind !== "scalar" || strategy.node.value !== "bluegreen") return;
    const hasCheck = model.topLevelChecks.length > 0 || model.services.some((service) => service.checks.length > 0);
    if (hasCheck) return;
    context.report({
      range: strategy.node.range,
      message: 'deploy.strategy = "bluegreen" needs a health check to know the new Machines work, and this config defines none, so fly deploy fails; add [[http_service.checks]], [[services.tcp_checks]] or [checks.<name>]',
    });
  },
};
