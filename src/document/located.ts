import type { Span, TomlContentNode, TomlKeyPart, TomlKeyValue, TomlProgram, TomlTable, TomlValue } from "./ast.js";

/** Offsets into the document text (BOM excluded), end exclusive: the AST's spans, shared with it. */
export type Range = Span;

/** The value of a TOML document as plain data (datetimes keep their TOML spelling). */
export type PlainValue = string | number | boolean | PlainValue[] | { [key: string]: PlainValue };

export type ScalarType = "string" | "integer" | "float" | "boolean" | "datetime";

interface NodeBase {
  /** The whole extent of the value (for a `[table]`, header and body). */
  range: Range;
  /** Where a diagnostic about this value points: the value itself, or a section's header key. */
  anchor: Range;
}

export interface LocatedScalar extends NodeBase {
  kind: "scalar";
  type: ScalarType;
  value: string | number | boolean;
  /** For integers: whether the literal fits in a signed 64-bit integer, as TOML requires. */
  outOfRange?: boolean;
}

export interface LocatedArray extends NodeBase {
  kind: "array";
  items: LocatedNode[];
  /** True for `[[name]]` arrays of tables. */
  arrayOfTables: boolean;
}

/** How a table came to exist: `[header]`, `{ inline }`, `[[array item]]`, or implied by a dotted key or header. */
export type TableForm = "header" | "inline" | "array-item" | "implicit" | "root";

export interface LocatedTable extends NodeBase {
  kind: "table";
  form: TableForm;
  entries: Map<string, LocatedEntry>;
  /** The `[a.b]` or `[[a.b]]` header text range, when the table has one. */
  header?: Range;
}

export type LocatedNode = LocatedScalar | LocatedArray | LocatedTable;

/** The value of a scalar node; undefined for a missing node, an array or a table. */
export function scalarValue(node: LocatedNode | undefined): LocatedScalar["value"] | undefined {
  return node?.kind === "scalar" ? node.value : undefined;
}

export interface LocatedEntry {
  key: string;
  /** The range of the key segment that names this entry (its first definition). */
  keyRange: Range;
  /** The whole `key = value` line range, for key/value entries. */
  lineRange?: Range;
  node: LocatedNode;
}

function keyName(part: TomlKeyPart): string {
  return part.type === "TOMLBare" ? part.name : part.value;
}

function newTable(form: TableForm, range: Range, anchor: Range): LocatedTable {
  return { kind: "table", form, entries: new Map(), range, anchor };
}

/** The table an implicit path step lands in: an existing table, or the last item of an array of tables. */
function descend(table: LocatedTable, part: TomlKeyPart): LocatedTable {
  const name = keyName(part);
  const existing = table.entries.get(name);
  if (existing) {
    const node = existing.node;
    if (node.kind === "table") return node;
    if (node.kind === "array") {
      const last = node.items[node.items.length - 1];
      if (last && last.kind === "table") return last;
    }
  }
  // The parser has already rejected redefinitions, so anything else here is a fresh implicit table.
  const range = part.range;
  const created = newTable("implicit", range, range);
  table.entries.set(name, { key: name, keyRange: range, node: created });
  return created;
}

function scalarFromValue(value: TomlValue): LocatedScalar {
  const range = value.range;
  // Object literals of one shape, not spreads: a large file has hundreds of thousands of scalars.
  switch (value.kind) {
    case "string":
      return { kind: "scalar", range, anchor: range, type: "string", value: value.value };
    case "integer":
      return {
        kind: "scalar",
        range,
        anchor: range,
        type: "integer",
        value: value.value,
        outOfRange: value.outOfRange === true,
      };
    case "float":
      return { kind: "scalar", range, anchor: range, type: "float", value: value.value };
    case "boolean":
      return { kind: "scalar", range, anchor: range, type: "boolean", value: value.value };
    default:
      return { kind: "scalar", range, anchor: range, type: "datetime", value: value.datetime };
  }
}

function contentNode(value: TomlContentNode): LocatedNode {
  const range = value.range;
  if (value.type === "TOMLArray") {
    return { kind: "array", items: value.elements.map(contentNode), arrayOfTables: false, range, anchor: range };
  }
  if (value.type === "TOMLInlineTable") {
    const table = newTable("inline", range, range);
    for (const keyValue of value.body) addKeyValue(table, keyValue);
    return table;
  }
  return scalarFromValue(value);
}

function addKeyValue(table: LocatedTable, keyValue: TomlKeyValue): void {
  const parts = keyValue.key.keys;
  let target = table;
  for (let i = 0; i < parts.length - 1; i++) target = descend(target, parts[i] as TomlKeyPart);
  const last = parts[parts.length - 1] as TomlKeyPart;
  const name = keyName(last);
  target.entries.set(name, {
    key: name,
    keyRange: last.range,
    lineRange: keyValue.range,
    node: contentNode(keyValue.value),
  });
}

/** The `[a.b]` / `[[a.b]]` text: from the opening bracket to the closing one. */
function headerRange(text: string, table: TomlTable): Range {
  const closing = table.kind === "array" ? "]]" : "]";
  const closeAt = text.indexOf(closing, table.key.range.end);
  const end = closeAt < 0 ? table.key.range.end : closeAt + closing.length;
  return { start: table.range.start, end };
}

function addTable(root: LocatedTable, table: TomlTable, text: string): void {
  const parts = table.key.keys;
  let parent = root;
  for (let i = 0; i < parts.length - 1; i++) parent = descend(parent, parts[i] as TomlKeyPart);
  const last = parts[parts.length - 1] as TomlKeyPart;
  const name = keyName(last);
  const keyRange = last.range;
  const header = headerRange(text, table);
  const range = table.range;
  let target: LocatedTable;
  if (table.kind === "array") {
    target = newTable("array-item", range, keyRange);
    target.header = header;
    const existing = parent.entries.get(name);
    if (existing && existing.node.kind === "array") {
      existing.node.items.push(target);
      existing.node.range = { start: existing.node.range.start, end: range.end };
    } else {
      const array: LocatedArray = { kind: "array", items: [target], arrayOfTables: true, range, anchor: keyRange };
      parent.entries.set(name, { key: name, keyRange, node: array });
    }
  } else {
    const existing = parent.entries.get(name);
    if (existing && existing.node.kind === "table") {
      // A header for a table that a dotted key or a sub-table header implied earlier.
      target = existing.node;
      target.form = "header";
      target.range = range;
      target.anchor = keyRange;
      existing.keyRange = keyRange;
    } else {
      target = newTable("header", range, keyRange);
      parent.entries.set(name, { key: name, keyRange, node: target });
    }
    target.header = header;
  }
  for (const keyValue of table.body) addKeyValue(target, keyValue);
}

/** Builds the located tree of a parsed TOML document. */
export function buildLocatedTree(program: TomlProgram, text: string): LocatedTable {
  const top = program.body[0];
  const root = newTable("root", { start: 0, end: text.length }, { start: 0, end: 0 });
  for (const item of top.body) {
    if (item.type === "TOMLKeyValue") addKeyValue(root, item);
    else addTable(root, item, text);
  }
  return root;
}

/**
 * Sets a key of a plain table as its own property. `table[key] = value` sets the object's prototype when
 * the key is `__proto__` (a TOML key like any other), so the table would inherit the value's keys and
 * lose the key itself.
 */
export function setEntry(table: { [key: string]: PlainValue }, key: string, value: PlainValue): void {
  if (key === "__proto__") Object.defineProperty(table, key, { value, enumerable: true, writable: true, configurable: true });
  else table[key] = value;
}

/** The plain value of a located node. */
export function toPlainValue(node: LocatedNode): PlainValue {
  switch (node.kind) {
    case "scalar":
      return node.value;
    case "array":
      return node.items.map(toPlainValue);
    case "table": {
      const out: { [key: string]: PlainValue } = {};
      for (const [key, entry] of node.entries) setEntry(out, key, toPlainValue(entry.node));
      return out;
    }
  }
}
