/**
 * Completion and hover from schema/fly.schema.json, the same model of fly.toml that flylint validates
 * against and that editors read through taplo. Works on text as typed, which often does not parse yet:
 * the cursor's place (table header, key, value) is read off the lines, not from a parse tree.
 */
import flySchemaJson from "../../schema/fly.schema.json" with { type: "json" };

// One description of schema/fly.schema.json's keywords, the schema layer's; a type-only import costs the
// bundle nothing (the page reads the full schema, with its documentation, not the stripped model).
import type { SchemaNode } from "../../src/schema/schema-model.js";

const flySchema = flySchemaJson as unknown as SchemaNode & { definitions: Record<string, SchemaNode> };

/** The schema a local `$ref` names (the only kind the schema has), or undefined for a dangling one. */
function target(ref: string): SchemaNode | undefined {
  return flySchema.definitions[ref.replace(/^#\/definitions\//, "")];
}

/** A node and the nodes its `$ref` chain leads to, nearest first: annotations on the nearest win. */
function refChain(node: SchemaNode): SchemaNode[] {
  const chain = [node];
  let current: SchemaNode | undefined = node;
  while (current?.$ref && chain.length < 32) {
    current = target(current.$ref);
    if (current) chain.push(current);
  }
  return chain;
}

/**
 * Every schema that may describe a value at a place: `$ref`s followed, every `anyOf`/`allOf`/conditional
 * branch taken, and an array's items (a `[[services]]` header's keys are those of one item).
 */
function expand(nodes: readonly SchemaNode[]): SchemaNode[] {
  const out = new Set<SchemaNode>();
  const visit = (node: SchemaNode): void => {
    for (const resolved of refChain(node)) {
      if (out.has(resolved)) continue;
      out.add(resolved);
      for (const branch of [...(resolved.anyOf ?? []), ...(resolved.allOf ?? []), resolved.then, resolved.else, resolved.items]) {
        if (branch) visit(branch);
      }
    }
  };
  nodes.forEach(visit);
  return [...out];
}

/** The schemas of the key at a path of names ([] is the whole file). */
function schemasAt(path: readonly string[]): SchemaNode[] {
  let nodes: SchemaNode[] = [flySchema];
  for (const name of path) {
    nodes = expand(nodes).flatMap((node) => {
      const property = node.properties?.[name];
      if (property) return [property];
      return typeof node.additionalProperties === "object" ? [node.additionalProperties] : [];
    });
    if (nodes.length === 0) return [];
  }
  return nodes;
}

function firstOf<T>(nodes: readonly SchemaNode[], pick: (node: SchemaNode) => T | undefined): T | undefined {
  for (const node of nodes) {
    for (const link of refChain(node)) {
      const value = pick(link);
      if (value !== undefined) return value;
    }
  }
  return undefined;
}

function types(node: SchemaNode): string[] {
  return node.type === undefined ? [] : Array.isArray(node.type) ? node.type : [node.type];
}

/** Whether a key holds a table or an array of tables, so it is written as a `[header]`. */
function isTable(nodes: readonly SchemaNode[]): boolean {
  const all = expand(nodes);
  return all.some((node) => types(node).includes("object") || node.properties !== undefined);
}

export interface KeyDoc {
  /** The key's dotted path, as a header would write it. */
  path: string;
  description?: string;
  /** What the value must be, in flylint's words ("an integer, such as 8080"). */
  expected?: string;
  link?: string;
  deprecated?: string;
}

/** What the schema says of the key at a path, or undefined for a key it does not know. */
export function describeKey(path: readonly string[]): KeyDoc | undefined {
  const nodes = schemasAt(path);
  if (nodes.length === 0) return undefined;
  const description = firstOf(nodes, (n) => n.markdownDescription ?? n.description);
  const expected = firstOf(nodes, (n) => n["x-expected"]);
  const link = firstOf(nodes, (n) => n["x-taplo"]?.links?.key);
  const deprecated = firstOf(nodes, (n) => n.deprecationMessage ?? (n.deprecated ? "Deprecated." : undefined));
  return {
    path: path.join("."),
    ...(description ? { description } : {}),
    ...(expected ? { expected } : {}),
    ...(link ? { link } : {}),
    ...(deprecated ? { deprecated } : {}),
  };
}

export interface KeyOption {
  name: string;
  description?: string;
  table: boolean;
}

/** The keys the schema knows under a path, deprecated ones left out (flylint would flag them). */
export function keysUnder(path: readonly string[]): KeyOption[] {
  const options = new Map<string, KeyOption>();
  for (const node of expand(schemasAt(path))) {
    for (const [name, property] of Object.entries(node.properties ?? {})) {
      if (options.has(name) || firstOf([property], (n) => (n.deprecated ? true : undefined))) continue;
      const description = firstOf([property], (n) => n.markdownDescription ?? n.description);
      options.set(name, { name, table: isTable([property]), ...(description ? { description } : {}) });
    }
  }
  return [...options.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The values the schema lists for a key, written as TOML: enum members, consts, and booleans. */
export function valuesFor(path: readonly string[]): string[] {
  const values = new Set<string>();
  for (const node of expand(schemasAt(path))) {
    for (const value of node.enum ?? []) values.add(JSON.stringify(value));
    if (node.const !== undefined) values.add(JSON.stringify(node.const));
    if (types(node).includes("boolean") && node.enum === undefined) ["true", "false"].forEach((v) => values.add(v));
  }
  return [...values];
}

/** A dotted TOML key split into its names, quotes removed (`"a.b".c` is two names). */
export function splitDottedKey(key: string): string[] {
  const names: string[] = [];
  const pattern = /\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]*))\s*(\.|$)/y;
  let match: RegExpExecArray | null;
  while (pattern.lastIndex < key.length && (match = pattern.exec(key)) !== null) {
    names.push(match[1] ?? match[2] ?? match[3] ?? "");
    if (match[4] === "") break;
  }
  return names;
}

const headerLine = /^\s*\[\[?\s*([^\]]*?)\s*\]\]?\s*(?:#.*)?$/;

/** The table a line of the text is in: the names of the nearest header above it ([] before any). */
export function tableAt(text: string, lineStart: number): string[] {
  let end = lineStart - 1;
  while (end > 0) {
    const start = text.lastIndexOf("\n", end - 1) + 1;
    const match = headerLine.exec(text.slice(start, end));
    if (match) return splitDottedKey(match[1] ?? "");
    end = start - 1;
  }
  return [];
}

/** Where the cursor is, as completion needs it. */
export type CursorPlace =
  | { kind: "header"; parent: string[]; from: number }
  | { kind: "key"; parent: string[]; from: number }
  | { kind: "value"; path: string[]; from: number }
  | { kind: "none" };

/** Reads the cursor's place off its line: inside a `[header`, at a key, or after `key =`. */
export function cursorPlace(text: string, offset: number): CursorPlace {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const header = /^(\s*\[\[?\s*)((?:[A-Za-z0-9_-]+\s*\.\s*)*)([A-Za-z0-9_-]*)$/.exec(before);
  if (header) return { kind: "header", parent: splitDottedKey((header[2] ?? "").replace(/\.\s*$/, "")).filter(Boolean), from: offset - (header[3] ?? "").length };
  const key = /^(\s*)((?:[A-Za-z0-9_-]+\s*\.\s*)*)([A-Za-z0-9_-]*)$/.exec(before);
  const table = () => tableAt(text, lineStart);
  if (key) return { kind: "key", parent: [...table(), ...splitDottedKey((key[2] ?? "").replace(/\.\s*$/, "")).filter(Boolean)], from: offset - (key[3] ?? "").length };
  const value = /^\s*([A-Za-z0-9_.\s-]*?)\s*=\s*("?[A-Za-z0-9_-]*)$/.exec(before);
  if (value) return { kind: "value", path: [...table(), ...splitDottedKey(value[1] ?? "")], from: offset - (value[2] ?? "").length };
  return { kind: "none" };
}

/** The key under the cursor (in a header or before a line's `=`), its span and its full path. */
export function keyAt(text: string, offset: number): { from: number; to: number; path: string[] } | undefined {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const lineEndAt = text.indexOf("\n", offset);
  const line = text.slice(lineStart, lineEndAt === -1 ? text.length : lineEndAt);
  const column = offset - lineStart;
  const isName = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_-]/.test(c);
  let from = column;
  let to = column;
  while (isName(line[from - 1])) from--;
  while (isName(line[to])) to++;
  if (from === to) return undefined;
  const header = /^\s*\[\[?/.exec(line);
  if (header) {
    const dotted = line.slice(header[0].length, to);
    return { from: lineStart + from, to: lineStart + to, path: splitDottedKey(dotted) };
  }
  const equals = line.indexOf("=");
  if (equals !== -1 && from > equals) return undefined;
  const dotted = line.slice(0, to);
  if (!/^\s*[A-Za-z0-9_.\s-]*$/.test(dotted)) return undefined;
  return { from: lineStart + from, to: lineStart + to, path: [...tableAt(text, lineStart), ...splitDottedKey(dotted)] };
}
