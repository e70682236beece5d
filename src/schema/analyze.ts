import { setEntry, type LocatedEntry, type LocatedNode, type LocatedScalar, type LocatedTable, type PlainValue } from "../document/located.js";
import { applicableSchemas, firstAnnotation, flySchema, refChain, type SchemaNode } from "./schema-model.js";

/** Where a value sits: its JSON pointer (canonical key names), its readable path, its node and the schemas for it. */
export interface SchemaLocation {
  readonly pointer: string;
  /** Readable path as the user wrote it, e.g. `services[0].ports[1].port`. */
  readonly path: string;
  readonly node: LocatedNode;
  /** The table entry holding this value (absent for array items and the root). */
  readonly entry?: LocatedEntry;
  readonly schemas: SchemaNode[];
  /**
   * The location of the value under a key (as flyctl matches it) or at an index, when the config has one:
   * what `locations.get(`${pointer}/${key}`)` finds, without making and hashing that pointer.
   */
  child(key: string | number): SchemaLocation | undefined;
}

/** Every location of a document, by JSON pointer, and all of them in document order (parents first). */
export interface LocationIndex {
  get(pointer: string): SchemaLocation | undefined;
  values(): IterableIterator<SchemaLocation>;
}

/**
 * A location as the walk makes one for every value, kept in a tree: each table's locations by key, each
 * array's by index. Its pointer and readable path are spelled out only when asked, from its parent's.
 * A map of every value's pointer cost a large config's lint a fifth of its time: a pointer string made and
 * hashed per value, then made and hashed again for every lookup of a rule (`${service.pointer}/ports`).
 */
class WalkedLocation implements SchemaLocation {
  private spelledPointer: string | undefined;
  private spelledPath: string | undefined;
  /** The values' locations: by pointer segment (unescaped) for a table, by index for an array; set by the walk. */
  children: Map<string, WalkedLocation> | WalkedLocation[] | undefined;

  constructor(
    readonly node: LocatedNode,
    readonly schemas: SchemaNode[],
    /** Its parent (absent for the root), and its pointer segment there: the key as flyctl matches it, or the index. */
    private readonly parent: WalkedLocation | undefined,
    private readonly segment: string | number,
    readonly entry: LocatedEntry | undefined,
  ) {}

  get pointer(): string {
    if (this.spelledPointer === undefined) {
      const segment = typeof this.segment === "number" ? String(this.segment) : escapePointer(this.segment);
      this.spelledPointer = this.parent === undefined ? "" : `${this.parent.pointer}/${segment}`;
    }
    return this.spelledPointer;
  }

  get path(): string {
    if (this.spelledPath === undefined) {
      const parent = this.parent?.path ?? "";
      // The key as written, which a case variant's segment is not.
      this.spelledPath = this.parent === undefined ? "" : typeof this.segment === "number" ? `${parent}[${this.segment}]` : joinPath(parent, this.entry?.key ?? this.segment);
    }
    return this.spelledPath;
  }

  child(key: string | number): WalkedLocation | undefined {
    const children = this.children;
    if (children === undefined) return undefined;
    if (!Array.isArray(children)) return children.get(String(key));
    const index = typeof key === "number" ? key : arrayIndex(key);
    return index === undefined ? undefined : children[index];
  }
}

/** An array index as a pointer writes it ("0", "12"; not "01" or "-1"). */
function arrayIndex(segment: string): number | undefined {
  return /^(?:0|[1-9]\d*)$/.test(segment) ? Number(segment) : undefined;
}

/** A JSON-pointer segment read back (RFC 6901: `~1` is `/`, then `~0` is `~`). */
function unescapePointer(segment: string): string {
  if (!segment.includes("~")) return segment;
  return segment.replace(/~1/g, "/").replace(/~0/g, "~");
}

class LocationTree implements LocationIndex {
  constructor(
    /** Every location in the order the walk made them: document order, parents first, so the root first. */
    private readonly all: readonly WalkedLocation[],
  ) {}

  get(pointer: string): SchemaLocation | undefined {
    if (pointer === "") return this.all[0];
    if (!pointer.startsWith("/")) return undefined;
    let at: WalkedLocation | undefined = this.all[0];
    for (let from = 1; at !== undefined; ) {
      const slash = pointer.indexOf("/", from);
      at = at.child(unescapePointer(pointer.slice(from, slash < 0 ? pointer.length : slash)));
      if (slash < 0) return at;
      from = slash + 1;
    }
    return undefined;
  }

  values(): IterableIterator<SchemaLocation> {
    return this.all.values();
  }
}

export type KeyFinding =
  | { kind: "unknown"; location: SchemaLocation; entry: LocatedEntry; knownKeys: readonly string[]; section: string }
  | { kind: "case"; location: SchemaLocation; entry: LocatedEntry; canonical: string };

/** Everything the schema-driven rules need, computed in one walk of the document. */
export interface SchemaAnalysis {
  /** The document's value with keys spelled as flyctl matches them (case-insensitively). */
  canonical: PlainValue;
  locations: LocationIndex;
  keyFindings: KeyFinding[];
  /** `nan` / `inf` values flyctl does not convert first: encoding/json cannot marshal them, so flyctl cannot load the file. */
  nonFiniteNumbers: { location: SchemaLocation; node: LocatedScalar }[];
  /** Whether `canonical` holds nan or inf anywhere, converted or not: the schema check must replace them first. */
  hasNonFiniteNumbers: boolean;
}

/** A key as one JSON-pointer segment (RFC 6901): `~` and `/` escaped. */
export function escapePointer(key: string): string {
  if (!key.includes("~") && !key.includes("/")) return key;
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

const bareKey = /^[A-Za-z0-9_-]+$/;

/** A readable path one key further down: `services[0].ports`, a key that is not bare quoted. */
export function joinPath(parent: string, key: string): string {
  const segment = bareKey.test(key) ? key : JSON.stringify(key);
  return parent ? `${parent}.${segment}` : segment;
}

interface TableShape {
  /** Known keys and their schemas; empty for maps. */
  properties: Map<string, SchemaNode[]>;
  /** For map-like tables ([env], [processes], [checks]): the schema of every value. */
  mapValues: SchemaNode[] | undefined;
  /** True when the table takes any key (maps, and schemas without properties). */
  open: boolean;
  /** The keys an unknown key's did-you-mean picks from, once one is asked for. */
  suggestable?: readonly string[];
}

/**
 * What the walk derives from a location's schemas, computed once per schemas array: the arrays it hands
 * to children come from these answers, so every `[[services]]` item shares its siblings' and a large file
 * does not rebuild the same shape thousands of times (they are never changed once made).
 */
const shapes = new WeakMap<SchemaNode[], TableShape>();
const itemSchemasOf = new WeakMap<SchemaNode[], SchemaNode[]>();
const convertsOf = new WeakMap<SchemaNode[], boolean>();

function cachedTableShape(schemas: SchemaNode[]): TableShape {
  let shape = shapes.get(schemas);
  if (!shape) {
    shape = tableShape(schemas);
    shapes.set(schemas, shape);
  }
  return shape;
}

function arrayItemSchemas(schemas: SchemaNode[]): SchemaNode[] {
  let items = itemSchemasOf.get(schemas);
  if (!items) {
    items = applicableSchemas(schemas, "array").flatMap((s) => (s.items ? [s.items] : []));
    itemSchemasOf.set(schemas, items);
  }
  return items;
}

function marksConverted(schemas: SchemaNode[]): boolean {
  let converts = convertsOf.get(schemas);
  if (converts === undefined) {
    converts = firstAnnotation(schemas, "x-flyctl-converts") === true;
    convertsOf.set(schemas, converts);
  }
  return converts;
}

/** Schemas for a value nothing describes (an unknown key, an unchecked table's child). */
const noSchemas: SchemaNode[] = [];
const rootSchemas: SchemaNode[] = [flySchema];

function tableShape(schemas: SchemaNode[]): TableShape {
  const properties = new Map<string, SchemaNode[]>();
  let mapValues: SchemaNode[] | undefined;
  let sawStructure = false;
  for (const schema of applicableSchemas(schemas, "object")) {
    if (schema.properties) {
      sawStructure = true;
      for (const [key, child] of Object.entries(schema.properties)) {
        properties.set(key, [...(properties.get(key) ?? []), child]);
      }
    }
    if (schema.additionalProperties !== undefined) {
      sawStructure = true;
      mapValues ??= [];
      if (typeof schema.additionalProperties === "object") mapValues.push(schema.additionalProperties);
    }
  }
  return { properties, mapValues, open: mapValues !== undefined || !sawStructure };
}

function deprecationOf(schemas: SchemaNode[]): string | undefined {
  for (const schema of schemas.flatMap(refChain)) {
    if (schema.deprecated && schema.deprecationMessage) return schema.deprecationMessage;
  }
  return undefined;
}

/** Patch aliases (`compute`, `mount`, ...) are matched by flyctl's patches exactly, never case-insensitively. */
function caseInsensitiveMatch(key: string, properties: Map<string, SchemaNode[]>): string | undefined {
  const lower = key.toLowerCase();
  for (const [name, schemas] of properties) {
    if (name.toLowerCase() === lower && !schemas.some((s) => s["x-patch-alias"])) return name;
  }
  return undefined;
}

/** Keys worth suggesting: legacy and deprecated spellings are known but never recommended. */
function suggestableKeys(properties: Map<string, SchemaNode[]>): string[] {
  return [...properties].filter(([, schemas]) => deprecationOf(schemas) === undefined).map(([key]) => key);
}

/** A table shape's suggestable keys, worked out the first time one of its keys is unknown and kept on the (cached) shape. */
function cachedSuggestableKeys(shape: TableShape): readonly string[] {
  return (shape.suggestable ??= suggestableKeys(shape.properties));
}

/** How a table is named in messages: `the top level`, `[http_service]`, `[[services.ports]]`. */
function sectionLabel(location: SchemaLocation, table: LocatedTable): string {
  if (location.pointer === "") return "the top-level table";
  const dotted = location.path.replace(/\[\d+\]/g, "");
  return table.form === "array-item" ? `[[${dotted}]]` : `[${dotted}]`;
}

class Analyzer {
  readonly all: WalkedLocation[] = [];
  readonly keyFindings: KeyFinding[] = [];
  readonly nonFiniteNumbers: SchemaAnalysis["nonFiniteNumbers"] = [];
  hasNonFiniteNumbers = false;

  visit(location: WalkedLocation, parentConverted: boolean): PlainValue {
    this.all.push(location);
    const node = location.node;
    const converted = parentConverted || marksConverted(location.schemas);
    if (node.kind === "scalar") {
      if (typeof node.value === "number" && !Number.isFinite(node.value)) {
        this.hasNonFiniteNumbers = true;
        if (!converted) this.nonFiniteNumbers.push({ location, node });
      }
      return node.value;
    }
    if (node.kind === "array") {
      const itemSchemas = arrayItemSchemas(location.schemas);
      const items = node.items.map((item, index) => new WalkedLocation(item, itemSchemas, location, index, undefined));
      location.children = items;
      return items.map((item) => this.visit(item, converted));
    }
    return this.visitTable(location, node, converted);
  }

  private visitTable(location: WalkedLocation, table: LocatedTable, converted: boolean): PlainValue {
    const shape = cachedTableShape(location.schemas);
    const checked = location.schemas.length > 0 && !shape.open;
    // Without case variants every key is its own canonical name, and TOML keys are unique: every key wins.
    // Most tables have none, and for them no list of resolved keys is made (a table walk of a large config).
    let winners: Map<string, LocatedEntry> | undefined;
    for (const entry of table.entries.values()) {
      if (isCaseVariant(entry.key, shape, checked)) {
        winners = winningEntries([...table.entries.values()].map((each) => resolveKey(each, shape, checked)));
        break;
      }
    }
    const out: { [key: string]: PlainValue } = {};
    const children = new Map<string, WalkedLocation>();
    location.children = children;
    for (const entry of table.entries.values()) {
      const { canonical, schemas, kind } = resolveKey(entry, shape, checked);
      const wins = winners === undefined || winners.get(canonical) === entry;
      // A losing variant keeps its own spelling in its pointer, so it never shadows the winner's location.
      const segment = wins ? canonical : entry.key;
      const child = new WalkedLocation(entry.node, schemas, location, segment, entry);
      children.set(segment, child);
      if (kind === "case") this.keyFindings.push({ kind: "case", location: child, entry, canonical });
      if (kind === "unknown") {
        const section = sectionLabel(location, table);
        this.keyFindings.push({ kind: "unknown", location: child, entry, knownKeys: cachedSuggestableKeys(shape), section });
      }
      const value = this.visit(child, converted);
      if (wins) setEntry(out, canonical, value);
    }
    return out;
  }
}

/**
 * The entry that stands for each canonical key: encoding/json fills a field once per matching key and the
 * exactly spelled key sorts last, so it wins; among case variants alone, the first one does.
 */
function winningEntries(keys: readonly ResolvedEntry[]): Map<string, LocatedEntry> {
  const winners = new Map<string, LocatedEntry>();
  for (const { entry, canonical } of keys) {
    if (!winners.has(canonical) || canonical === entry.key) winners.set(canonical, entry);
  }
  return winners;
}

interface ResolvedEntry {
  entry: LocatedEntry;
  canonical: string;
  schemas: SchemaNode[];
  kind: "exact" | "case" | "unknown" | "unchecked";
}

/** Whether flyctl matches a key of a table only ignoring case (resolveKey's "case"). */
function isCaseVariant(key: string, shape: TableShape, checked: boolean): boolean {
  if (shape.properties.has(key) || shape.mapValues || !checked) return false;
  return caseInsensitiveMatch(key, shape.properties) !== undefined;
}

/** How flyctl matches a key of a table: exactly, ignoring case, as a map key, or not at all. */
function resolveKey(entry: LocatedEntry, shape: TableShape, checked: boolean): ResolvedEntry {
  const key = entry.key;
  const exact = shape.properties.get(key);
  if (exact) return { entry, canonical: key, schemas: exact, kind: "exact" };
  if (shape.mapValues) return { entry, canonical: key, schemas: shape.mapValues, kind: "unchecked" };
  if (!checked) return { entry, canonical: key, schemas: noSchemas, kind: "unchecked" };
  const match = caseInsensitiveMatch(key, shape.properties);
  if (match) return { entry, canonical: match, schemas: shape.properties.get(match) ?? noSchemas, kind: "case" };
  return { entry, canonical: key, schemas: noSchemas, kind: "unknown" };
}

/** Walks the document against the fly.toml schema once, for validation and for the key rules. */
export function analyzeDocument(root: LocatedTable): SchemaAnalysis {
  const analyzer = new Analyzer();
  const canonical = analyzer.visit(new WalkedLocation(root, rootSchemas, undefined, "", undefined), false);
  return {
    canonical,
    locations: new LocationTree(analyzer.all),
    keyFindings: analyzer.keyFindings,
    nonFiniteNumbers: analyzer.nonFiniteNumbers,
    hasNonFiniteNumbers: analyzer.hasNonFiniteNumbers,
  };
}
