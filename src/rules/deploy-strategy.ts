import { didYouMean } from "../text/did-you-mean.js";
import type { Rule } from "./types.js";
import { scalarValue } from "../document/located.js";

/** The strategies flyctl deploys with (internal/appconfig/validation.go:22). */
export const deployStrategies = ["canary", "rolling", "immediate", "bluegreen"] as const;

/** `fly config validate` fails on any other strategy (V-DEP-2, validation.go:109-116). */
export const deployStrategy: Rule = {
  meta: {
    id: "deploy-strategy",
    description: 'deploy.strategy must be "rolling", "immediate", "canary" or "bluegreen".',
    severity: "error",
    stage: "validate",
  },
  check(context) {
    const location = context.model.location("/deploy/strategy");
    const value = scalarValue(location?.node);
    if (!location || typeof value !== "string" || value === "" || (deployStrategies as readonly string[]).includes(value)) return;
    context.report({
      range: location.node.range,
      message: `deploy.strategy "${value}" is not a deploy strategy; use "rolling" (the default), "immediate", "canary" or "bluegreen".${didYouMean(value, deployStrategies)}`,
    });
  },
};
