import type {
  Span,
  StringStyleCounts,
  TomlArray,
  TomlComment,
  TomlContentNode,
  TomlInlineTable,
  TomlKey,
  TomlKeyPart,
  TomlKeyValue,
  TomlProgram,
  TomlTable,
  TomlValue,
} from "./ast.js";
import { MAX_NESTING_DEPTH } from "./limits.js";

/**
 * A fast reader for the TOML 1.0 that fly.toml files are made of, building the same syntax tree
 * toml-eslint-parser does (src/document/ast.ts) at a fraction of its cost: that parser keeps a token list
 * and line/column locations for every node, which was half of a large lint's time and most of its memory.
 *
 * The reader only ever says "this is the tree" or "not mine": anything it does not read with certainty —
 * any syntax error, a datetime, a carriage return inside a multi-line string, a table defined in a way it
 * does not follow, an integer past 64 bits, a value nested deeper than flylint follows — makes it
 * decline, and parse.ts hands the text to toml-eslint-parser, whose messages and positions flylint reports. So it may only accept what TOML 1.0 accepts and must build exactly the tree
 * toml-eslint-parser builds (test/toml-reader.test.ts checks both against it and against smol-toml).
 */
export interface ReadDocument {
  program: TomlProgram;
  stringStyles: StringStyleCounts;
}

/** Thrown (one shared object, no stack to capture) when the reader declines the text. */
const DECLINED = { declined: true };

function decline(): never {
  throw DECLINED;
}

/** The syntax tree of `text`, or undefined when the reader leaves the text to toml-eslint-parser. */
export function readToml(text: string): ReadDocument | undefined {
  try {
    return new Reader(text).document();
  } catch (error) {
    if (error === DECLINED) return undefined;
    throw error;
  }
}

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const QUOTE = 0x22;
const HASH = 0x23;
const APOSTROPHE = 0x27;
const COMMA = 0x2c;
const DOT = 0x2e;
const EQUALS = 0x3d;
const OPEN_BRACKET = 0x5b;
const BACKSLASH = 0x5c;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const DELETE = 0x7f;

function isBareKeyChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2d;
}

/** Characters a number (or a datetime, which the reader declines) is spelled with. */
function isNumberChar(c: number): boolean {
  return isBareKeyChar(c) || c === 0x2b || c === DOT || c === 0x3a;
}

/** TOML forbids control characters other than tab in strings and comments (toml.io/en/v1.0.0#comment). */
function isForbiddenControl(c: number): boolean {
  return (c < SPACE && c !== TAB) || c === DELETE;
}

const decimalInteger = /^[+-]?(?:0|[1-9](?:_?[0-9])*)$/;
const hexInteger = /^0x[0-9A-Fa-f](?:_?[0-9A-Fa-f])*$/;
const octalInteger = /^0o[0-7](?:_?[0-7])*$/;
const binaryInteger = /^0b[01](?:_?[01])*$/;
const decimalFloat = /^[+-]?(?:0|[1-9](?:_?[0-9])*)(?:\.[0-9](?:_?[0-9])*)?(?:[eE][+-]?[0-9](?:_?[0-9])*)?$/;
const specialFloat = /^[+-]?(?:inf|nan)$/;

/** TOML integers are signed 64-bit (toml.io/en/v1.0.0#integer); the reader leaves any other to toml-eslint-parser. */
function fitsInt64(value: bigint): boolean {
  return value >= -9223372036854775808n && value <= 9223372036854775807n;
}

/** Digits of a hexadecimal, octal or binary literal that always fit in 63 bits, leading zeros or not. */
const safeDigits: Record<number, number> = { 16: 15, 8: 21, 2: 63 };

const simpleEscapes: Record<number, string> = { 0x62: "\b", 0x74: "\t", 0x6e: "\n", 0x66: "\f", 0x72: "\r", 0x22: '"', 0x5c: "\\" };

/** What a key path may still be extended by, as TOML 1.0 lets tables be defined (toml.io/en/v1.0.0#table). */
type Origin = "root" | "header" | "implicit" | "dotted" | "inline" | "array-item";

interface TableDefinition {
  kind: "table";
  origin: Origin;
  /** The key/value section (header body or inline table) that created a dotted table: only it may extend it. */
  section: number;
  children: Map<string, Definition>;
}

interface ArrayOfTablesDefinition {
  kind: "array-of-tables";
  items: TableDefinition[];
}

type Definition = TableDefinition | ArrayOfTablesDefinition | { kind: "value" };

const VALUE: Definition = { kind: "value" };

function newTable(origin: Origin, section: number): TableDefinition {
  return { kind: "table", origin, section, children: new Map() };
}

function keyName(part: TomlKeyPart): string {
  return part.type === "TOMLBare" ? part.name : part.value;
}

class Reader {
  private pos = 0;
  private readonly comments: TomlComment[] = [];
  private readonly styles: StringStyleCounts = { basic: 0, literal: 0 };
  private sections = 0;
  /**
   * How deep the value being read is, as limits.ts counts it (key parts and arrays): past
   * MAX_NESTING_DEPTH the reader declines, so a tree it builds needs no nesting check, and its own
   * recursion into arrays and inline tables stays bounded.
   */
  private depth = 0;

  constructor(private readonly text: string) {}

  private code(at: number): number {
    return this.text.charCodeAt(at);
  }

  document(): ReadDocument {
    const text = this.text;
    const items: (TomlKeyValue | TomlTable)[] = [];
    const root = newTable("root", 0);
    let table: TomlTable | undefined;
    let definition = root;
    let section = 0;
    let lastEnd = 0;
    while (true) {
      this.skipSpaces();
      if (this.pos >= text.length) break;
      const c = this.code(this.pos);
      if (c === OPEN_BRACKET) {
        section = ++this.sections;
        const read = this.header(root, section);
        table = read.table;
        this.depth = table.key.keys.length;
        if (this.depth > MAX_NESTING_DEPTH) decline();
        definition = read.definition;
        items.push(table);
        lastEnd = table.range.end;
      } else if (c !== HASH && c !== LF && c !== CR) {
        const keyValue = this.keyValue();
        this.define(definition, section, keyValue);
        if (table) {
          table.body.push(keyValue);
          table.range.end = keyValue.range.end;
        } else items.push(keyValue);
        lastEnd = keyValue.range.end;
      }
      this.lineEnd();
    }
    const first = items[0];
    const program: TomlProgram = {
      type: "Program",
      body: [{ type: "TOMLTopLevelTable", body: items, range: { start: first ? first.range.start : 0, end: lastEnd } }],
      comments: this.comments,
    };
    return { program, stringStyles: this.styles };
  }

  private skipSpaces(): void {
    const text = this.text;
    let pos = this.pos;
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c !== SPACE && c !== TAB) break;
      pos++;
    }
    this.pos = pos;
  }

  /** Spaces, an optional comment, then a line break or the end of the text. */
  private lineEnd(): void {
    this.skipSpaces();
    if (this.pos < this.text.length && this.code(this.pos) === HASH) this.comment();
    this.lineBreak();
  }

  private lineBreak(): void {
    if (this.pos >= this.text.length) return;
    const c = this.code(this.pos);
    if (c === LF) this.pos++;
    else if (c === CR && this.code(this.pos + 1) === LF) this.pos += 2;
    else decline();
  }

  private comment(): void {
    const text = this.text;
    const start = this.pos;
    let pos = start + 1;
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === LF || c === CR) break;
      if (isForbiddenControl(c)) decline();
      if (c >= 0xd800 && c <= 0xdfff) pos = this.surrogatePair(pos);
      else pos++;
    }
    this.comments.push({ value: text.slice(start + 1, pos), range: { start, end: pos } });
    this.pos = pos;
  }

  /** The offset past a well-formed surrogate pair at `at`; a lone surrogate is not text TOML can hold. */
  private surrogatePair(at: number): number {
    const high = this.code(at);
    const low = this.code(at + 1);
    if (high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff) return at + 2;
    return decline();
  }

  private header(root: TableDefinition, section: number): { table: TomlTable; definition: TableDefinition } {
    const start = this.pos;
    const isArray = this.code(start + 1) === OPEN_BRACKET;
    this.pos += isArray ? 2 : 1;
    this.skipSpaces();
    const key = this.key();
    this.skipSpaces();
    if (this.code(this.pos) !== CLOSE_BRACKET) decline();
    this.pos++;
    if (isArray) {
      if (this.code(this.pos) !== CLOSE_BRACKET) decline();
      this.pos++;
    }
    const resolvedKey: (string | number)[] = [];
    let parent = root;
    const parts = key.keys;
    for (let i = 0; i < parts.length - 1; i++) {
      const name = keyName(parts[i] as TomlKeyPart);
      resolvedKey.push(name);
      const existing = parent.children.get(name);
      if (existing === undefined) {
        const created = newTable("implicit", section);
        parent.children.set(name, created);
        parent = created;
      } else if (existing.kind === "table" && (existing.origin === "header" || existing.origin === "implicit" || existing.origin === "array-item")) {
        parent = existing;
      } else if (existing.kind === "array-of-tables") {
        resolvedKey.push(existing.items.length - 1);
        parent = existing.items[existing.items.length - 1] as TableDefinition;
      } else decline();
    }
    const name = keyName(parts[parts.length - 1] as TomlKeyPart);
    resolvedKey.push(name);
    const existing = parent.children.get(name);
    let definition: TableDefinition;
    if (isArray) {
      definition = newTable("array-item", section);
      if (existing === undefined) parent.children.set(name, { kind: "array-of-tables", items: [definition] });
      else if (existing.kind === "array-of-tables") existing.items.push(definition);
      else decline();
      resolvedKey.push((parent.children.get(name) as ArrayOfTablesDefinition).items.length - 1);
    } else if (existing === undefined) {
      definition = newTable("header", section);
      parent.children.set(name, definition);
    } else if (existing.kind === "table" && existing.origin === "implicit") {
      existing.origin = "header";
      definition = existing;
    } else decline();
    const table: TomlTable = { type: "TOMLTable", kind: isArray ? "array" : "standard", key, resolvedKey, body: [], range: { start, end: this.pos } };
    return { table, definition };
  }

  /** Records a key/value of a section, declining a key defined twice or a table extended in a way TOML forbids. */
  private define(table: TableDefinition, section: number, keyValue: TomlKeyValue): void {
    const parts = keyValue.key.keys;
    let target = table;
    for (let i = 0; i < parts.length - 1; i++) {
      const name = keyName(parts[i] as TomlKeyPart);
      const existing = target.children.get(name);
      if (existing === undefined) {
        const created = newTable("dotted", section);
        target.children.set(name, created);
        target = created;
      } else if (existing.kind === "table" && existing.origin === "dotted" && existing.section === section) {
        target = existing;
      } else decline();
    }
    const name = keyName(parts[parts.length - 1] as TomlKeyPart);
    if (target.children.has(name)) decline();
    target.children.set(name, this.valueDefinition(keyValue.value));
  }

  private valueDefinition(value: TomlContentNode): Definition {
    if (value.type !== "TOMLInlineTable") return VALUE;
    const section = ++this.sections;
    const table = newTable("inline", section);
    for (const keyValue of value.body) this.define(table, section, keyValue);
    return table;
  }

  private key(): TomlKey {
    const keys: TomlKeyPart[] = [this.keyPart()];
    while (true) {
      const before = this.pos;
      this.skipSpaces();
      if (this.code(this.pos) !== DOT) {
        this.pos = before;
        break;
      }
      this.pos++;
      this.skipSpaces();
      keys.push(this.keyPart());
    }
    const first = keys[0] as TomlKeyPart;
    // A key of one part (most are) spans what the part does: the two share one span, never changed.
    const range = keys.length === 1 ? first.range : { start: first.range.start, end: (keys[keys.length - 1] as TomlKeyPart).range.end };
    return { type: "TOMLKey", keys, range };
  }

  private keyPart(): TomlKeyPart {
    const text = this.text;
    const start = this.pos;
    const c = this.code(start);
    if (c === QUOTE || c === APOSTROPHE) {
      if (this.code(start + 1) === c && this.code(start + 2) === c) decline();
      const value = c === QUOTE ? this.basicString() : this.literalString();
      return { type: "TOMLQuoted", value, style: c === QUOTE ? "basic" : "literal", range: { start, end: this.pos } };
    }
    let pos = start;
    while (pos < text.length && isBareKeyChar(text.charCodeAt(pos))) pos++;
    if (pos === start) decline();
    this.pos = pos;
    return { type: "TOMLBare", name: text.slice(start, pos), range: { start, end: pos } };
  }

  private keyValue(): TomlKeyValue {
    const key = this.key();
    this.skipSpaces();
    if (this.code(this.pos) !== EQUALS) decline();
    this.pos++;
    this.skipSpaces();
    const outer = this.depth;
    this.depth = outer + key.keys.length;
    if (this.depth > MAX_NESTING_DEPTH) decline();
    const value = this.value();
    this.depth = outer;
    return { type: "TOMLKeyValue", key, value, range: { start: key.range.start, end: value.range.end } };
  }

  private value(): TomlContentNode {
    const start = this.pos;
    const c = this.code(start);
    if (c === QUOTE || c === APOSTROPHE) return this.stringValue(c);
    if (c === OPEN_BRACKET) return this.array();
    if (c === OPEN_BRACE) return this.inlineTable();
    if (this.text.startsWith("true", start)) {
      this.pos += 4;
      return { type: "TOMLValue", kind: "boolean", value: true, range: { start, end: this.pos } };
    }
    if (this.text.startsWith("false", start)) {
      this.pos += 5;
      return { type: "TOMLValue", kind: "boolean", value: false, range: { start, end: this.pos } };
    }
    return this.number();
  }

  private stringValue(quote: number): TomlValue {
    const start = this.pos;
    const multiline = this.code(start + 1) === quote && this.code(start + 2) === quote;
    let value: string;
    if (multiline) value = quote === QUOTE ? this.multilineBasicString() : this.multilineLiteralString();
    else value = quote === QUOTE ? this.basicString() : this.literalString();
    const style = quote === QUOTE ? "basic" : "literal";
    return { type: "TOMLValue", kind: "string", value, style, multiline, range: { start, end: this.pos } };
  }

  private basicString(): string {
    this.styles.basic++;
    const text = this.text;
    let pos = this.pos + 1;
    let out = "";
    let segment = pos;
    while (true) {
      if (pos >= text.length) decline();
      const c = text.charCodeAt(pos);
      if (c === QUOTE) break;
      if (c === BACKSLASH) {
        out += text.slice(segment, pos);
        const escaped = this.escape(pos);
        out += escaped.text;
        pos = escaped.end;
        segment = pos;
      } else if (isForbiddenControl(c)) decline();
      else if (c >= 0xd800 && c <= 0xdfff) pos = this.surrogatePair(pos);
      else pos++;
    }
    out += text.slice(segment, pos);
    this.pos = pos + 1;
    return out;
  }

  /** An escape sequence at `at` (its backslash): TOML 1.0 has \b \t \n \f \r \" \\ \uXXXX \UXXXXXXXX. */
  private escape(at: number): { text: string; end: number } {
    const c = this.code(at + 1);
    const simple = simpleEscapes[c];
    if (simple !== undefined) return { text: simple, end: at + 2 };
    const digits = c === 0x75 ? 4 : c === 0x55 ? 8 : decline();
    const hex = this.text.slice(at + 2, at + 2 + digits);
    if (hex.length !== digits || !/^[0-9A-Fa-f]+$/.test(hex)) decline();
    const codePoint = Number.parseInt(hex, 16);
    if ((codePoint >= 0xd800 && codePoint <= 0xdfff) || codePoint > 0x10ffff) decline();
    return { text: String.fromCodePoint(codePoint), end: at + 2 + digits };
  }

  private literalString(): string {
    this.styles.literal++;
    const text = this.text;
    const start = this.pos + 1;
    let pos = start;
    while (true) {
      if (pos >= text.length) decline();
      const c = text.charCodeAt(pos);
      if (c === APOSTROPHE) break;
      if (isForbiddenControl(c)) decline();
      if (c >= 0xd800 && c <= 0xdfff) pos = this.surrogatePair(pos);
      else pos++;
    }
    this.pos = pos + 1;
    return text.slice(start, pos);
  }

  /** Past the opening quotes and the line break right after them, which is not part of the string. */
  private multilineStart(): number {
    let pos = this.pos + 3;
    if (this.code(pos) === LF) pos++;
    return pos;
  }

  /**
   * The end of a multi-line string's closing quotes at `at`: three to five of them, the first zero to two
   * still content (`""""` is a quote, then the end). Returns -1 for fewer than three (content).
   */
  private closingRun(at: number, quote: number): number {
    let end = at;
    while (this.code(end) === quote) end++;
    const run = end - at;
    if (run < 3) return -1;
    if (run > 5) decline();
    return end;
  }

  private multilineBasicString(): string {
    const text = this.text;
    let pos = this.multilineStart();
    let out = "";
    let segment = pos;
    while (true) {
      if (pos >= text.length) decline();
      const c = text.charCodeAt(pos);
      if (c === QUOTE) {
        const end = this.closingRun(pos, QUOTE);
        if (end >= 0) {
          out += text.slice(segment, end - 3);
          this.pos = end;
          return out;
        }
        pos++;
      } else if (c === BACKSLASH) {
        out += text.slice(segment, pos);
        const next = this.code(pos + 1);
        if (next === SPACE || next === TAB || next === LF) {
          pos = this.lineEndingBackslash(pos + 1);
        } else {
          const escaped = this.escape(pos);
          out += escaped.text;
          pos = escaped.end;
        }
        segment = pos;
      } else if (c === LF) pos++;
      else if (isForbiddenControl(c)) decline();
      else if (c >= 0xd800 && c <= 0xdfff) pos = this.surrogatePair(pos);
      else pos++;
    }
  }

  /** After a line-ending backslash: spaces, a line break, then every space and line break up to the next character. */
  private lineEndingBackslash(from: number): number {
    let pos = from;
    while (this.code(pos) === SPACE || this.code(pos) === TAB) pos++;
    if (this.code(pos) !== LF) decline();
    while (true) {
      const c = this.code(pos);
      if (c === SPACE || c === TAB || c === LF) pos++;
      else if (c === CR) decline();
      else return pos;
    }
  }

  private multilineLiteralString(): string {
    const text = this.text;
    const start = this.multilineStart();
    let pos = start;
    while (true) {
      if (pos >= text.length) decline();
      const c = text.charCodeAt(pos);
      if (c === APOSTROPHE) {
        const end = this.closingRun(pos, APOSTROPHE);
        if (end >= 0) {
          this.pos = end;
          return text.slice(start, end - 3);
        }
        pos++;
      } else if (c === LF) pos++;
      else if (isForbiddenControl(c)) decline();
      else if (c >= 0xd800 && c <= 0xdfff) pos = this.surrogatePair(pos);
      else pos++;
    }
  }

  private number(): TomlValue {
    const text = this.text;
    const start = this.pos;
    let pos = start;
    let digitsOnly = true;
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (!isNumberChar(c)) break;
      if (c < 0x30 || c > 0x39) digitsOnly = false;
      pos++;
    }
    this.pos = pos;
    const range: Span = { start, end: pos };
    // Most numbers in a fly.toml are plain decimal integers (ports, counts, sizes): without a sign, an
    // underscore or a leading zero, up to 15 digits are exact as a double, read here without the regular
    // expressions, copies and parse below (they were a seventh of a keystroke's lint in a 100 KB config).
    const length = pos - start;
    if (digitsOnly && length > 0 && length <= 15 && (length === 1 || text.charCodeAt(start) !== 0x30)) {
      let value = 0;
      for (let at = start; at < pos; at++) value = value * 10 + (text.charCodeAt(at) - 0x30);
      return { type: "TOMLValue", kind: "integer", value, range };
    }
    const word = text.slice(start, pos);
    if (decimalInteger.test(word)) {
      const digits = word.replace(/[_+]/g, "");
      // Fewer than 19 digits always fit in 64 bits; only a longer literal is worth a BigInt.
      if (digits.length - (digits.startsWith("-") ? 1 : 0) >= 19 && !fitsInt64(BigInt(digits))) decline();
      // `-0` is the integer 0 (toml-eslint-parser reads its digits without the sign), not the float -0.
      const value = Number.parseInt(digits, 10) || 0;
      return { type: "TOMLValue", kind: "integer", value, range };
    }
    const radix = hexInteger.test(word) ? 16 : octalInteger.test(word) ? 8 : binaryInteger.test(word) ? 2 : 0;
    if (radix !== 0) {
      const digits = word.slice(2).replace(/_/g, "");
      if (digits.length > safeDigits[radix]! && !fitsInt64(BigInt(word.slice(0, 2) + digits))) decline();
      return { type: "TOMLValue", kind: "integer", value: Number.parseInt(digits, radix), range };
    }
    if (specialFloat.test(word)) {
      const value = word.endsWith("nan") ? Number.NaN : word.startsWith("-") ? -Infinity : Infinity;
      return { type: "TOMLValue", kind: "float", value, range };
    }
    if (/[.eE]/.test(word) && decimalFloat.test(word)) {
      return { type: "TOMLValue", kind: "float", value: Number(word.replace(/_/g, "")), range };
    }
    return decline();
  }

  /** Spaces, line breaks and comments between array elements. */
  private skipArrayFiller(): void {
    while (true) {
      this.skipSpaces();
      const c = this.code(this.pos);
      if (c === HASH) this.comment();
      else if (c === LF) this.pos++;
      else if (c === CR && this.code(this.pos + 1) === LF) this.pos += 2;
      else return;
    }
  }

  private array(): TomlArray {
    const start = this.pos;
    this.pos++;
    const outer = this.depth;
    if (++this.depth > MAX_NESTING_DEPTH) decline();
    const elements: TomlContentNode[] = [];
    while (true) {
      this.skipArrayFiller();
      if (this.code(this.pos) === CLOSE_BRACKET) break;
      elements.push(this.value());
      this.skipArrayFiller();
      const c = this.code(this.pos);
      if (c === COMMA) this.pos++;
      else if (c === CLOSE_BRACKET) break;
      else decline();
    }
    this.pos++;
    this.depth = outer;
    return { type: "TOMLArray", elements, range: { start, end: this.pos } };
  }

  /** TOML 1.0 inline tables: one line, no trailing comma (toml.io/en/v1.0.0#inline-table). */
  private inlineTable(): TomlInlineTable {
    const start = this.pos;
    this.pos++;
    const body: TomlKeyValue[] = [];
    this.skipSpaces();
    if (this.code(this.pos) !== CLOSE_BRACE) {
      while (true) {
        body.push(this.keyValue());
        this.skipSpaces();
        const c = this.code(this.pos);
        if (c === COMMA) {
          this.pos++;
          this.skipSpaces();
        } else if (c === CLOSE_BRACE) break;
        else decline();
      }
    }
    this.pos++;
    return { type: "TOMLInlineTable", body, range: { start, end: this.pos } };
  }
}
