import { parseTOML } from "toml-eslint-parser";
import type { StringStyleCounts, TomlProgram } from "./ast.js";
import { fromTomlEslintParser } from "./from-toml-eslint-parser.js";
import { findDeepBrackets, findDeepValue, MAX_NESTING_DEPTH, type NestingProblem } from "./limits.js";
import { LineIndex } from "./line-index.js";
import { buildLocatedTree, type LocatedNode, type LocatedTable, type Range } from "./located.js";
import { readToml } from "./toml-reader.js";

/** A parsed fly.toml: the AST, the located value tree, comments and a line index. */
export interface FlyDocument {
  /** The text without a leading BOM; every offset refers to it. */
  text: string;
  /** Whether the file started with a UTF-8 byte order mark (kept when writing). */
  hasBom: boolean;
  lines: LineIndex;
  ast: TomlProgram;
  root: LocatedTable;
  comments: { range: Range; value: string }[];
  /** How many single-line strings each quote style wrote, for fixes that write strings. */
  stringStyles: StringStyleCounts;
}

export interface SyntaxProblem {
  /** `syntax`: not TOML 1.0; `nesting`: TOML nested deeper than flylint follows (see limits.ts). */
  kind: "syntax" | "nesting";
  message: string;
  range: Range;
}

export type ParseResult =
  | { ok: true; document: FlyDocument }
  | { ok: false; text: string; hasBom: boolean; lines: LineIndex; problem: SyntaxProblem };

const BOM = "\uFEFF";

interface TomlParseError {
  message: string;
  index: number;
}

function isTomlParseError(error: unknown): error is TomlParseError {
  return error instanceof SyntaxError && typeof (error as Partial<TomlParseError>).index === "number";
}

/**
 * The last text parsed and its result. One lint parses its text, then the CLI's redaction, the fix
 * engine's config check and `plan` ask for the same text again; parsing is most of a lint's time (a 1 MB
 * config: 1.8 s of 3.8 s twice over), and a result is never changed by its readers, so it is shared.
 */
let lastParsed: { source: string; result: ParseResult } | undefined;

/** Parses fly.toml text. flyctl reads it with go-toml v2, a TOML 1.0 parser, so 1.1 syntax is an error here too. */
export function parseDocument(source: string): ParseResult {
  if (lastParsed?.source === source) return lastParsed.result;
  // Let go of the last result before parsing another text, not after: held through the parse, two
  // documents' trees were alive at once (a 5 MB config's is about 130 MB), in every fix pass and in the
  // language server's worker at each keystroke.
  lastParsed = undefined;
  const result = parseText(source);
  lastParsed = { source, result };
  return result;
}

function parseText(source: string): ParseResult {
  const hasBom = source.startsWith(BOM);
  const text = hasBom ? source.slice(1) : source;
  const lines = new LineIndex(text);
  const read = readToml(text);
  // The fast reader declines a value nested past the limit and an integer past 64 bits, so a tree it
  // reads needs none of the checks below: on a folder of real configs they were 6% of the run.
  if (read) {
    const { program: ast, stringStyles } = read;
    const root = buildLocatedTree(ast, text);
    return { ok: true, document: { text, hasBom, lines, ast, root, comments: ast.comments, stringStyles } };
  }
  // What the fast reader declines (every syntax error, datetimes, rare table forms, the limits above)
  // toml-eslint-parser reads, and its message and position are the ones reported. It recurses on nested
  // arrays and inline tables, so the brackets are counted before it is called.
  const tooDeep = findDeepBrackets(text);
  if (tooDeep) return { ok: false, text, hasBom, lines, problem: nestingProblem(tooDeep) };
  let ast: TomlProgram;
  let stringStyles: StringStyleCounts;
  try {
    // toml-eslint-parser 1.0.3 misplaces a `0` that ends the text without a line break; a trailing
    // newline changes no offset of the text itself.
    const full = parseTOML(text.endsWith("\n") ? text : `${text}\n`, { tomlVersion: "1.0" });
    ast = fromTomlEslintParser(full);
    stringStyles = { basic: 0, literal: 0 };
    for (const token of full.tokens) {
      if (token.type === "BasicString") stringStyles.basic++;
      else if (token.type === "LiteralString") stringStyles.literal++;
    }
  } catch (error) {
    if (!isTomlParseError(error)) throw error;
    const start = errorOffset(text, error.index);
    const end = start < text.length && text[start] !== "\n" && text[start] !== "\r" ? start + 1 : start;
    return { ok: false, text, hasBom, lines, problem: { kind: "syntax", message: error.message, range: { start, end } } };
  }
  const deepValue = findDeepValue(ast);
  if (deepValue) return { ok: false, text, hasBom, lines, problem: nestingProblem(deepValue) };
  const root = buildLocatedTree(ast, text);
  const overflow = findOutOfRangeInteger(root);
  if (overflow) {
    const problem = { kind: "syntax" as const, message: "Integer does not fit in 64 bits (TOML integers are signed 64-bit)", range: overflow };
    return { ok: false, text, hasBom, lines, problem };
  }
  return { ok: true, document: { text, hasBom, lines, ast, root, comments: ast.comments, stringStyles } };
}

function nestingProblem({ depth, range }: NestingProblem): SyntaxProblem {
  const message = `This value is nested ${depth} levels deep (keys, arrays and tables together); flylint checks up to ${MAX_NESTING_DEPTH}, and a fly.toml needs about 6`;
  return { kind: "nesting", message, range };
}

/** TOML requires integers to fit in a signed 64-bit integer; the located parser does not check it. */
function findOutOfRangeInteger(node: LocatedNode): Range | undefined {
  if (node.kind === "scalar") return node.outOfRange ? node.range : undefined;
  if (node.kind === "array") {
    for (const item of node.items) {
      const found = findOutOfRangeInteger(item);
      if (found) return found;
    }
    return undefined;
  }
  for (const entry of node.entries.values()) {
    const found = findOutOfRangeInteger(entry.node);
    if (found) return found;
  }
  return undefined;
}

/**
 * Where a syntax error is shown: the parser's offset, except that an error found only at the end of the
 * text or on an empty line (an unclosed `[header`, a missing value) is shown where the text stopped.
 */
function errorOffset(text: string, index: number): number {
  let offset = Math.min(index, text.length);
  const atLineEnd = (at: number) => at === text.length || text[at] === "\n" || text[at] === "\r";
  if (!atLineEnd(offset)) return offset;
  while (offset > 0 && /[\r\n]/.test(text[offset - 1] as string)) offset--;
  return offset;
}
