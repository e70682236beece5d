import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseDocument } from "../src/document/parse.js";
import { lintText } from "../src/engine/lint.js";
import { analyzeDocument, type SchemaAnalysis, type SchemaLocation } from "../src/schema/analyze.js";
import { applicableSchemas, flySchema, type SchemaNode } from "../src/schema/schema-model.js";
import { unmark } from "./helpers/marked.js";
import { allSections } from "./schema-cases.js";

/** What flyctl refuses at load time; fly config validate's own checks are other rules' business. */
function errorsOf(text: string) {
  return lintText(text).diagnostics.filter((d) => d.severity === "error" && d.stage === "load");
}

/** Test names on one line: `⏎` stands for a line break. */
const oneLine = (text: string) => text.replace(/\n/g, " ⏎ ");

describe.each(Object.entries(allSections))("schema: %s", (_name, cases) => {
  it.each(cases.valid.map((text) => [oneLine(text), text]))("loads: %s", (_title, text) => {
    expect(errorsOf(text)).toEqual([]);
  });

  it.each(cases.invalid.map(([marked, message]) => [oneLine(marked), marked, message]))("refuses: %s", (_title, marked, message) => {
    const { text, ranges } = unmark(marked);
    const errors = errorsOf(text).map((d) => ({
      ruleId: d.ruleId,
      message: d.message,
      line: d.start.line,
      column: d.start.column,
      endLine: d.end.line,
      endColumn: d.end.column,
    }));
    expect(errors).toEqual([{ ruleId: "invalid-value", message, ...ranges[0] }]);
  });
});

// --- Every property of the schema has a valid and an invalid case ---------------------------------

/** Every schema object that declares properties, named by where it sits in the schema. */
function schemaOwners(): Map<SchemaNode, string> {
  const owners = new Map<SchemaNode, string>();
  const visit = (node: unknown, path: string): void => {
    if (Array.isArray(node)) return node.forEach((item, i) => visit(item, `${path}/${i}`));
    if (node === null || typeof node !== "object") return;
    const schema = node as SchemaNode & Record<string, unknown>;
    if (schema.properties) owners.set(schema, path);
    for (const [key, value] of Object.entries(schema)) {
      // The root's conditional branches only repeat properties declared elsewhere.
      if (path === "#" && key === "allOf") continue;
      visit(value, `${path}/${key}`);
    }
  };
  visit(flySchema, "#");
  return owners;
}

const owners = schemaOwners();

/** Properties flyctl accepts with any value, so no value of theirs can fail to load. */
const acceptsAnything = new Set([
  "#/definitions/legacyProcess name", // [[processes]] name: elements without one are skipped
  "#/definitions/legacyProcess command", // stringified with %v
  "#/definitions/anyHeaders/anyOf/1/items value", // stringified; a missing value is ""
]);

function ownedKeys(analysis: SchemaAnalysis, location: SchemaLocation): string[] {
  if (!location.entry) return [];
  const parentPointer = location.pointer.slice(0, location.pointer.lastIndexOf("/"));
  const parent = analysis.locations.get(parentPointer);
  if (!parent) return [];
  const canonical = location.pointer.slice(location.pointer.lastIndexOf("/") + 1);
  return applicableSchemas(parent.schemas, "object")
    .filter((schema) => schema.properties?.[canonical] !== undefined && owners.has(schema))
    .map((schema) => `${owners.get(schema)} ${canonical}`);
}

function analyze(text: string): SchemaAnalysis {
  const parsed = parseDocument(text);
  if (!parsed.ok) throw new Error(`case does not parse: ${text}`);
  return analyzeDocument(parsed.document.root);
}

describe("schema coverage", () => {
  const all = new Set<string>();
  for (const [schema, path] of owners) for (const key of Object.keys(schema.properties ?? {})) all.add(`${path} ${key}`);
  const validCovered = new Set<string>();
  const invalidCovered = new Set<string>();
  for (const cases of Object.values(allSections)) {
    for (const text of cases.valid) {
      const analysis = analyze(text);
      for (const location of analysis.locations.values()) ownedKeys(analysis, location).forEach((k) => validCovered.add(k));
    }
    for (const [marked] of cases.invalid) {
      const { text } = unmark(marked);
      const analysis = analyze(text);
      const [diagnostic] = errorsOf(text);
      if (!diagnostic) continue;
      let location = [...analysis.locations.values()].find(
        (l) => l.node.anchor.start === diagnostic.range.start && l.node.anchor.end === diagnostic.range.end,
      );
      while (location && !location.entry) location = analysis.locations.get(location.pointer.slice(0, location.pointer.lastIndexOf("/")));
      if (location) ownedKeys(analysis, location).forEach((k) => invalidCovered.add(k));
    }
  }

  it("has a loading case for every property", () => {
    expect([...all].filter((k) => !validCovered.has(k))).toEqual([]);
  });

  it("has a refused case for every property that can be refused", () => {
    expect([...all].filter((k) => !invalidCovered.has(k) && !acceptsAnything.has(k))).toEqual([]);
  });
});

describe("schema for editors", () => {
  const source = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), "..", "schema", "fly.schema.json"), "utf8")) as SchemaNode & {
    definitions: Record<string, SchemaNode>;
  };
  const chain = (schema: SchemaNode): SchemaNode[] => {
    const out = [schema];
    while (out[out.length - 1]?.$ref) out.push(source.definitions[(out[out.length - 1]?.$ref ?? "").split("/").pop() ?? ""] as SchemaNode);
    return out;
  };
  const properties: [string, SchemaNode][] = [];
  const visit = (node: unknown, path: string): void => {
    if (Array.isArray(node)) return node.forEach((item, i) => visit(item, `${path}/${i}`));
    if (node === null || typeof node !== "object") return;
    const schema = node as SchemaNode & Record<string, unknown>;
    if (schema.properties && !path.includes("/allOf/")) for (const [key, value] of Object.entries(schema.properties)) properties.push([`${path} ${key}`, value]);
    for (const [key, value] of Object.entries(schema)) visit(value, `${path}/${key}`);
  };
  visit(source, "#");

  it.each(properties)("%s has a description and a Fly.io docs link", (_path, schema) => {
    const links = chain(schema);
    expect(links.some((s) => typeof s.description === "string" && s.description.length > 0)).toBe(true);
    expect(links.some((s) => s["x-taplo"]?.links?.key?.startsWith("https://fly.io/docs/"))).toBe(true);
  });
});
