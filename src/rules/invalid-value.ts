import { validateSchema } from "../schema/validate.js";
import type { Rule } from "./types.js";

/**
 * A value flyctl cannot load: a wrong type, a shape it does not accept (`[[http_service]]`, a single
 * `[restart]` table), an autostop string it does not know, a duration without a unit, and `nan`/`inf`
 * outside [env]. flyctl replaces the whole config with an error in these cases (serde.go:213-226).
 */
export const invalidValue: Rule = {
  meta: {
    id: "invalid-value",
    description: "Every key must have a value of a type and shape flyctl can load.",
    severity: "error",
    stage: "load",
  },
  check(context) {
    for (const problem of validateSchema(context.schema)) {
      context.report({ range: problem.range, message: problem.message });
    }
    for (const { location, node } of context.schema.nonFiniteNumbers) {
      context.report({
        range: node.range,
        message: `${location.path} is ${String(node.value).replace("Infinity", "inf").replace("NaN", "nan")}, which flyctl cannot load (json: unsupported value); use a finite number`,
      });
    }
  },
};
