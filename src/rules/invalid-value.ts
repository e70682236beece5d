import type { FlyDocument } from "../document/parse.js";
import { replaceRange } from "../fixers/edits.js";
import { validateSchema, type SchemaProblem } from "../schema/validate.js";
import type { Fix, Rule } from "./types.js";

/** Durations whose bare numbers mean seconds elsewhere in flyctl (kill_timeout; --wait-timeout and friends). */
const secondsDurations = /(^|\.)(kill_timeout|wait_timeout|release_command_timeout)$/;

/**
 * `kill_timeout = "30"`: a duration string without a unit fails to load. Seconds are what such a number
 * means there (a bare number is seconds for kill_timeout, and flyctl's timeout flags read one so), but a
 * guess all the same: unsafe.
 */
function unitFix(document: FlyDocument, problem: SchemaProblem): Fix | undefined {
  const node = problem.location.node;
  if (node.kind !== "scalar" || typeof node.value !== "string" || !/^\d+(\.\d+)?$/.test(node.value) || !secondsDurations.test(problem.path)) return undefined;
  const source = document.text.slice(node.range.start, node.range.end);
  const quote = source.startsWith("'") ? "'" : '"';
  if (source.length !== node.value.length + 2) return undefined;
  return { title: `Write ${quote}${node.value}s${quote}`, edits: [replaceRange(node.range, `${quote}${node.value}s${quote}`)] };
}

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
    fix: "unsafe",
  },
  check(context) {
    for (const problem of validateSchema(context.schema)) {
      const fix = unitFix(context.document, problem);
      context.report({ range: problem.range, message: problem.message, ...(fix ? { fix } : {}) });
    }
    for (const { location, node } of context.schema.nonFiniteNumbers) {
      context.report({
        range: node.range,
        message: `${location.path} is ${String(node.value).replace("Infinity", "inf").replace("NaN", "nan")}, which flyctl cannot load (json: unsupported value); use a finite number`,
      });
    }
  },
};
