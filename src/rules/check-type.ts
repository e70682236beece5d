import type { Rule } from "./types.js";

/** A top-level check needs `type = "http"` or `"tcp"` (V-CHK-1, validation.go:129-132, toplevelcheck.go:56-58). */
export const checkType: Rule = {
  meta: {
    id: "check-type",
    description: 'Top-level [checks.<name>] need type = "http" or "tcp".',
    severity: "error",
    stage: "validate",
  },
  check(context) {
    const model = context.model;
    for (const check of model.topLevelChecks) {
      const type = check.table["type"];
      if (type === "http" || type === "tcp") continue;
      const typeLocation = check.location.child("type");
      context.report({
        range: (typeLocation ?? check.location).node.anchor,
        message:
          type === undefined
            ? `Check "${check.name}" has no type; add type = "http" or type = "tcp"`
            : `Check "${check.name}" has type ${JSON.stringify(type)}; it must be "http" or "tcp" (lower case)`,
      });
    }
  },
};
