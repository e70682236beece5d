// schema/fly.schema.json without its documentation keywords (scripts/build.mjs writes it).
import flySchemaJson from "../generated/schema-model.json" with { type: "json" };

/** The subset of JSON Schema that schema/fly.schema.json uses. */
export interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  allOf?: SchemaNode[];
  then?: SchemaNode;
  else?: SchemaNode;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  required?: string[];
  description?: string;
  /** Editors (taplo, the playground) show this instead of `description` where it is given. */
  markdownDescription?: string;
  deprecated?: boolean;
  deprecationMessage?: string;
  "x-expected"?: string;
  "x-patch-alias"?: boolean;
  /** flyctl's patches convert values here (numbers to strings or durations, anything to strings) before decoding. */
  "x-flyctl-converts"?: boolean;
  /** flyctl's patches read this legacy key and then leave it behind; encoding/json ignores it. */
  "x-flyctl-ignored"?: boolean;
  /** flyctl parses this field but nothing uses it. */
  "x-flyctl-unused"?: boolean;
  "x-taplo"?: { links?: { key?: string } };
}

export const flySchema = flySchemaJson as unknown as SchemaNode & { definitions: Record<string, SchemaNode> };

/** Follows `$ref`s (only local `#/definitions/...` ones exist) to the schema that holds keywords. */
export function resolveRef(schema: SchemaNode): SchemaNode {
  let current = schema;
  for (let depth = 0; current.$ref && depth < 32; depth++) {
    const name = current.$ref.replace(/^#\/definitions\//, "");
    const target = flySchema.definitions[name];
    if (!target) throw new Error(`schema: unresolved $ref ${current.$ref}`);
    current = target;
  }
  return current;
}

/** A schema and every schema its `$ref` chain leads to, nearest first (annotations on the nearest win). */
export function refChain(schema: SchemaNode): SchemaNode[] {
  const chain = [schema];
  let current = schema;
  for (let depth = 0; current.$ref && depth < 32; depth++) {
    current = resolveRef({ $ref: current.$ref });
    chain.push(current);
  }
  return chain;
}

export type ValueKind = "object" | "array" | "string" | "integer" | "float" | "boolean";

function typeAccepts(type: string | string[] | undefined, kind: ValueKind): boolean {
  if (type === undefined) return true;
  const types = Array.isArray(type) ? type : [type];
  return types.some(
    (t) => t === kind || (t === "number" && (kind === "integer" || kind === "float")) || (t === "string" && kind === "string"),
  );
}

/**
 * The schemas that may describe a value of this kind at a location: `anyOf` branches of another type are
 * dropped, `allOf` branches and conditional `then`/`else` branches are all kept (their keys all exist).
 */
export function applicableSchemas(schemas: SchemaNode[], kind: ValueKind): SchemaNode[] {
  const out: SchemaNode[] = [];
  const visit = (schema: SchemaNode): void => {
    const resolved = resolveRef(schema);
    if (!typeAccepts(resolved.type, kind)) return;
    out.push(resolved);
    for (const branch of resolved.anyOf ?? []) visit(branch);
    for (const branch of resolved.allOf ?? []) visit(branch);
    if (resolved.then) visit(resolved.then);
    if (resolved.else) visit(resolved.else);
  };
  for (const schema of schemas) visit(schema);
  return out;
}

/** The first annotation found along the schemas' `$ref` chains. */
export function firstAnnotation<K extends keyof SchemaNode>(schemas: SchemaNode[], key: K): SchemaNode[K] | undefined {
  for (const schema of schemas) {
    for (const link of refChain(schema)) {
      if (link[key] !== undefined) return link[key];
    }
  }
  return undefined;
}

function quoteList(values: unknown[]): string {
  const quoted = values.map((v) => JSON.stringify(v));
  if (quoted.length <= 1) return quoted.join("");
  return `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}`;
}

const typeNames: Record<string, string> = {
  string: "a string",
  integer: "an integer",
  number: "a number",
  boolean: "true or false",
  object: "a table",
  array: "an array",
};

/** A short phrase for what a schema accepts, e.g. `an integer from 0 to 4294967295`. */
export function describeExpected(schemas: SchemaNode[]): string {
  const explicit = firstAnnotation(schemas, "x-expected");
  if (explicit) return explicit;
  // Some locations carry an annotation-only schema (e.g. a deprecated key) beside the one that constrains it.
  const first = schemas.map(resolveRef).find((s) => s.type !== undefined || s.enum !== undefined || s.anyOf !== undefined);
  if (!first) return "a valid value";
  if (first.enum) return `one of ${quoteList(first.enum)}`;
  if (first.anyOf) return first.anyOf.map((branch) => describeExpected([branch])).join(" or ");
  const type = first.type;
  if (Array.isArray(type)) return type.map((t) => typeNames[t] ?? t).join(" or ");
  if (type === "integer" && first.minimum !== undefined && first.maximum !== undefined) {
    return `an integer from ${first.minimum} to ${first.maximum}`;
  }
  if (type === "array" && first.items) {
    const items = resolveRef(first.items);
    if (items.type === "string") return "an array of strings";
    if (items.type === "object") return "an array of tables";
  }
  return (type && typeNames[type]) ?? "a valid value";
}
