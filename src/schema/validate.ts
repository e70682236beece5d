import validateFlySchema, { type GeneratedValidationError } from "../generated/fly-validator.js";
import type { LocatedNode, PlainValue, Range } from "../document/located.js";
import type { SchemaAnalysis, SchemaLocation } from "./analyze.js";
import { describeExpected } from "./schema-model.js";

/** One schema violation: where it is and a message that says what is wrong and what would be right. */
export interface SchemaProblem {
  range: Range;
  message: string;
  path: string;
  location: SchemaLocation;
}

const maxShownLength = 40;

/** How a value reads in a message: strings quoted (and shortened), sections by their TOML shape. */
export function describeActual(node: LocatedNode, key: string | undefined): string {
  switch (node.kind) {
    case "scalar": {
      if (node.type === "datetime") return `the date-time ${String(node.value)}`;
      if (typeof node.value !== "string") return String(node.value);
      const shown = node.value.length > maxShownLength ? `${node.value.slice(0, maxShownLength)}…` : node.value;
      return JSON.stringify(shown);
    }
    case "array":
      if (node.arrayOfTables && key) return `[[${key}]]`;
      return "an array";
    case "table":
      if (node.form === "header" && key) return `a [${key}] table`;
      if (node.form === "inline") return "an inline table";
      return "a table";
  }
}

function isStrictlyInside(pointer: string, ancestor: string): boolean {
  return pointer.startsWith(`${ancestor}/`);
}

/** The dotted header name of a location, for `[[name]]`-style descriptions. */
function sectionName(location: SchemaLocation): string | undefined {
  return location.path.replace(/\[\d+\]/g, "") || undefined;
}

function typeProblem(location: SchemaLocation): SchemaProblem {
  const label = location.path || "the document";
  const actual = describeActual(location.node, sectionName(location));
  return {
    range: location.node.anchor,
    path: location.path,
    location,
    message: `${label} must be ${describeExpected(location.schemas)} (got ${actual})`,
  };
}

function missingKeyProblem(location: SchemaLocation, missing: string): SchemaProblem {
  const label = location.path || "the document";
  return { range: location.node.anchor, path: location.path, location, message: `${label} needs a "${missing}" key` };
}

/**
 * Validates the canonical value with the compiled schema and turns ajv's errors into one problem per
 * location. When a union (`anyOf`) fails, the errors of the branch that matched the value's shape lie
 * deeper in the document; those are reported and the union's own failure is dropped, so one mistake
 * gives one message.
 */
/**
 * JSON Schema knows no nan or inf; the invalid-value rule reports them itself, so the schema sees 0. The
 * value itself when it holds none (nearly always): copying a large config for nothing is most of the cost.
 */
function withFiniteNumbers(value: PlainValue): PlainValue {
  if (typeof value === "number") return Number.isFinite(value) ? value : 0;
  if (typeof value !== "object") return value;
  if (Array.isArray(value)) {
    let copy: PlainValue[] | undefined;
    value.forEach((item, index) => {
      const finite = withFiniteNumbers(item);
      if (finite !== item) (copy ??= [...value])[index] = finite;
    });
    return copy ?? value;
  }
  let copy: { [key: string]: PlainValue } | undefined;
  for (const key of Object.keys(value)) {
    const item = value[key] as PlainValue;
    const finite = withFiniteNumbers(item);
    if (finite !== item) (copy ??= { ...value })[key] = finite;
  }
  return copy ?? value;
}

export function validateSchema(analysis: SchemaAnalysis): SchemaProblem[] {
  // The walk finds nan and inf in nearly no config: skip it when the schema walk saw none.
  if (validateFlySchema(analysis.hasNonFiniteNumbers ? withFiniteNumbers(analysis.canonical) : analysis.canonical)) return [];
  const errors: GeneratedValidationError[] = (validateFlySchema.errors ?? []).filter((e) => e.keyword !== "if");
  const pointers = errors.map((e) => e.instancePath);
  const problems: SchemaProblem[] = [];
  const reported = new Set<string>();
  for (const error of errors) {
    const location = analysis.locations.get(error.instancePath);
    if (!location) continue;
    if (error.keyword === "required") {
      const missing = String(error.params["missingProperty"]);
      const id = `${error.instancePath}#required:${missing}`;
      if (!reported.has(id)) problems.push(missingKeyProblem(location, missing));
      reported.add(id);
      continue;
    }
    if (pointers.some((p) => isStrictlyInside(p, error.instancePath))) continue;
    if (reported.has(error.instancePath)) continue;
    reported.add(error.instancePath);
    problems.push(typeProblem(location));
  }
  return problems;
}
