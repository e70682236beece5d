/**
 * The part of a TOML syntax tree flylint reads: the shape of toml-eslint-parser's AST (its node types and
 * field names), without the token list, line/column locations and parent links nothing here uses, and
 * with spans as { start, end }. src/document/toml-reader.ts produces it, and what the reader declines
 * toml-eslint-parser reads, copied into it by src/document/from-toml-eslint-parser.ts.
 */
/**
 * Offsets into the text, end exclusive. The located tree's Range is this type, so a located node keeps
 * its AST node's span instead of a copy (spans were about a third of a parsed document's memory).
 */
export interface Span {
  start: number;
  end: number;
}

export interface TomlBare {
  type: "TOMLBare";
  name: string;
  range: Span;
}

export interface TomlQuoted {
  type: "TOMLQuoted";
  value: string;
  style: "basic" | "literal";
  range: Span;
}

export type TomlKeyPart = TomlBare | TomlQuoted;

export interface TomlKey {
  type: "TOMLKey";
  keys: TomlKeyPart[];
  range: Span;
}

export interface TomlStringValue {
  type: "TOMLValue";
  kind: "string";
  value: string;
  style: "basic" | "literal";
  multiline: boolean;
  range: Span;
}

export interface TomlIntegerValue {
  type: "TOMLValue";
  kind: "integer";
  value: number;
  /**
   * Set when the literal does not fit in a signed 64-bit integer, as TOML requires (parse.ts reports it).
   * Only toml-eslint-parser's trees have it: the fast reader declines such a literal.
   */
  outOfRange?: true;
  range: Span;
}

export interface TomlFloatValue {
  type: "TOMLValue";
  kind: "float";
  value: number;
  range: Span;
}

export interface TomlBooleanValue {
  type: "TOMLValue";
  kind: "boolean";
  value: boolean;
  range: Span;
}

/** Only toml-eslint-parser produces these: the fast reader leaves datetimes to it. */
export interface TomlDateTimeValue {
  type: "TOMLValue";
  kind: "offset-date-time" | "local-date-time" | "local-date" | "local-time";
  datetime: string;
  range: Span;
}

export type TomlValue = TomlStringValue | TomlIntegerValue | TomlFloatValue | TomlBooleanValue | TomlDateTimeValue;

export interface TomlArray {
  type: "TOMLArray";
  elements: TomlContentNode[];
  range: Span;
}

export interface TomlInlineTable {
  type: "TOMLInlineTable";
  body: TomlKeyValue[];
  range: Span;
}

export type TomlContentNode = TomlValue | TomlArray | TomlInlineTable;

export interface TomlKeyValue {
  type: "TOMLKeyValue";
  key: TomlKey;
  value: TomlContentNode;
  range: Span;
}

export interface TomlTable {
  type: "TOMLTable";
  kind: "standard" | "array";
  key: TomlKey;
  /** The table's path with the index of every array-of-tables item on the way (`["services", 0, "ports", 1]`). */
  resolvedKey: (string | number)[];
  body: TomlKeyValue[];
  range: Span;
}

export interface TomlTopLevelTable {
  type: "TOMLTopLevelTable";
  body: (TomlKeyValue | TomlTable)[];
  range: Span;
}

export interface TomlComment {
  value: string;
  range: Span;
}

export interface TomlProgram {
  type: "Program";
  body: [TomlTopLevelTable];
  comments: TomlComment[];
}

/** How many single-line strings (keys and values) each quote style wrote: fixes write new strings in the file's style. */
export interface StringStyleCounts {
  basic: number;
  literal: number;
}
