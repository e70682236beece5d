import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { parse as parseWithSmolToml } from "smol-toml";
import { parseTOML } from "toml-eslint-parser";
import { describe, expect, it } from "vitest";
import { largeConfig, shapes } from "../scripts/bench/large-configs.mjs";
import { fromTomlEslintParser } from "../src/document/from-toml-eslint-parser.js";
import { findDeepBrackets, findDeepValue, MAX_NESTING_DEPTH } from "../src/document/limits.js";
import { buildLocatedTree, toPlainValue } from "../src/document/located.js";
import { parseDocument } from "../src/document/parse.js";
import { readToml } from "../src/document/toml-reader.js";

// The fast reader (src/document/toml-reader.ts) may decline any text, but what it reads it must read
// exactly as toml-eslint-parser does (the same tree, ranges, comments and string counts), and as
// smol-toml does (the same value): these tests hold it to both, on generated valid and broken TOML.

/** The fields of toml-eslint-parser's AST that src/document/ast.ts declares, per node type. */
const fields: Record<string, string[]> = {
  TOMLTopLevelTable: ["type", "body", "range"],
  TOMLTable: ["type", "kind", "key", "resolvedKey", "body", "range"],
  TOMLKeyValue: ["type", "key", "value", "range"],
  TOMLKey: ["type", "keys", "range"],
  TOMLBare: ["type", "name", "range"],
  TOMLQuoted: ["type", "value", "style", "range"],
  TOMLArray: ["type", "elements", "range"],
  TOMLInlineTable: ["type", "body", "range"],
};

function project(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(project);
  if (node === null || typeof node !== "object") return node;
  const record = node as Record<string, unknown>;
  let keep = fields[record["type"] as string];
  if (record["type"] === "TOMLValue") {
    const kind = record["kind"] as string;
    keep = ["type", "kind", kind.includes("date") || kind.includes("time") ? "datetime" : "value", "range"];
    if (kind === "string") keep.push("style", "multiline");
  }
  if (!keep) return node;
  const projected = Object.fromEntries(keep.map((key) => [key, key === "range" ? span(record[key]) : project(record[key])]));
  // toml-eslint-parser keeps every integer as a bigint too; flylint's tree marks only one past 64 bits.
  const big = record["bigint"];
  if (typeof big === "bigint" && (big > 9223372036854775807n || big < -9223372036854775808n)) projected["outOfRange"] = true;
  return projected;
}

/** toml-eslint-parser writes a range as [start, end], flylint's tree as { start, end }. */
function span(range: unknown): unknown {
  return Array.isArray(range) ? { start: range[0], end: range[1] } : range;
}

interface Reference {
  body: unknown;
  comments: { value: string; range: unknown }[];
  styles: { basic: number; literal: number };
}

/** toml-eslint-parser's reading of a text, as parse.ts calls it; undefined when it rejects the text. */
function reference(text: string): Reference | undefined {
  let ast;
  try {
    ast = parseTOML(text.endsWith("\n") ? text : `${text}\n`, { tomlVersion: "1.0" });
  } catch {
    return undefined;
  }
  const styles = { basic: 0, literal: 0 };
  for (const token of ast.tokens) {
    if (token.type === "BasicString") styles.basic++;
    else if (token.type === "LiteralString") styles.literal++;
  }
  // What parse.ts makes of toml-eslint-parser's tree is that tree's declared fields, spans included.
  const converted = fromTomlEslintParser(ast);
  expect(converted.body[0]).toEqual(project(ast.body[0]));
  const comments = ast.comments.map((c) => ({ value: c.value, range: span(c.range) }));
  expect(converted.comments).toEqual(comments);
  return { body: project(ast.body[0]), comments, styles };
}

/** smol-toml's value with big integers and datetimes as flylint keeps them: numbers, TOML spellings. */
function smolValue(text: string): unknown {
  return parseWithSmolToml(text, { integersAsBigInt: "asNeeded" });
}

/** Whether the reader agrees with both parsers on `text`; returns whether it read it. */
function agrees(text: string): boolean {
  // Checks parse.ts's copy of toml-eslint-parser's tree too, on what the reader declines (datetimes) as well.
  const expected = reference(text);
  const read = readToml(text);
  if (!read) return false;
  expect(expected, `toml-eslint-parser rejects what the reader read:\n${JSON.stringify(text)}`).toBeDefined();
  const ref = expected as Reference;
  expect(project(read.program.body[0]), JSON.stringify(text)).toEqual(ref.body);
  expect(read.program.comments, JSON.stringify(text)).toEqual(ref.comments);
  expect(read.stringStyles, JSON.stringify(text)).toEqual(ref.styles);
  // parse.ts checks nothing of the nesting limits on what the reader read: these would find nothing.
  expect(findDeepValue(read.program), JSON.stringify(text)).toBeUndefined();
  expect(findDeepBrackets(text), JSON.stringify(text)).toBeUndefined();
  const tree = buildLocatedTree(read.program, text);
  let smol: unknown;
  try {
    smol = smolValue(text);
  } catch (error) {
    // smol-toml rejects integers past 64 bits, as TOML does; the reader declines them.
    throw new Error(`smol-toml rejects what the reader read:\n${JSON.stringify(text)}\n${String(error)}`);
  }
  const located = toPlainValue(tree);
  // smol-toml 1.9 drops the quotes that end a multi-line string right after a line-ending backslash
  // (`"""\⏎""""` is `"` in TOML 1.0, as toml-eslint-parser and the reader read it).
  if (/\\[ \t]*\r?\n\s*"{4,5}/.test(text)) return true;
  // smol-toml keeps integers past 2^53 as bigint only when asked; both are plain numbers here.
  expect(JSON.stringify(located, numbersAsText), JSON.stringify(text)).toBe(JSON.stringify(smol, numbersAsText));
  return true;
}

function numbersAsText(_key: string, value: unknown): unknown {
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (typeof value === "bigint") return String(Number(value));
  return value;
}

const bareKey = fc.stringMatching(/^[A-Za-z0-9_-]{1,6}$/);
const stringChar = fc.oneof(
  fc.constantFrom("a", "b", " ", "\t", "é", "😀", "'", '"', "\\", "#", "=", "[", "]", "{", "}", ",", "."),
  fc.constantFrom("\\n", "\\t", '\\"', "\\\\", "\\u00e9", "\\U0001F600", "\\b", "\\f", "\\r", "\\x41", "\\e", "\\ud800", "\\u12", "\u0001", "\u007f"),
);
const stringBody = fc.array(stringChar, { maxLength: 6 }).map((parts) => parts.join(""));
const multilineChar = fc.oneof(stringChar, fc.constantFrom("\n", "\r\n", '""', "''", "\\\n  ", "\\  \n", "\\ x"));
const multilineBody = fc.array(multilineChar, { maxLength: 6 }).map((parts) => parts.join(""));
const quotedKey = fc.oneof(stringBody.map((s) => `"${s}"`), stringBody.map((s) => `'${s}'`));
const keyPart = fc.oneof({ weight: 4, arbitrary: bareKey }, { weight: 1, arbitrary: quotedKey });
const space = fc.constantFrom("", " ", "  ", "\t");
const key = fc.array(fc.tuple(keyPart, space, space), { minLength: 1, maxLength: 3 }).map((parts) => parts.map(([part, a, b], i) => (i === 0 ? part : `${a}.${b}${part}`)).join(""));

const integer = fc.oneof(
  fc.integer().map(String),
  fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }).map(String),
  fc.constantFrom("+1", "-0", "+0", "0", "00", "01", "1_000", "1__0", "_1", "1_", "0x1F", "0xdead_beef", "0o17", "0b101", "-0x1", "0X1", "0x", "9223372036854775808", "-9223372036854775809"),
);
const float = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.constantFrom("1.5", "-0.0", "+1.0", "1e5", "1E-5", "1e+05", "3.14_15", "1.", ".5", "1._5", "1e", "inf", "+inf", "-inf", "nan", "+nan", "-nan", "0.0", "00.1", "1e1_0", "6.02e23"),
);
const datetime = fc.constantFrom("1979-05-27T07:32:00Z", "1979-05-27", "07:32:00", "1979-05-27 07:32:00", "1979-05-27T00:32:00.999999-07:00");
const scalar = fc.oneof(
  integer,
  float,
  fc.constantFrom("true", "false", "truex", "True"),
  datetime,
  stringBody.map((s) => `"${s}"`),
  stringBody.map((s) => `'${s}'`),
  multilineBody.map((s) => `"""${s}"""`),
  multilineBody.map((s) => `'''${s}'''`),
  fc.constantFrom('""""a"""', '"""a""""', '"""a"""""', '"""a""""""', "''''a'''", "'''\na'''", '"""\r\na"""'),
);
const filler = fc.constantFrom("", " ", "\n", " # note\n", "\r\n", "\n\n");
const { value } = fc.letrec<{ value: string; array: string; inline: string }>((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, scalar, tie("array"), tie("inline")),
  array: fc
    .tuple(fc.array(fc.tuple(filler, tie("value"), filler), { maxLength: 4 }), fc.boolean(), filler)
    .map(([items, trailing, end]) => `[${items.map(([a, v, b]) => `${a}${v}${b}`).join(",")}${trailing && items.length > 0 ? "," : ""}${end}]`),
  inline: fc
    .tuple(fc.array(fc.tuple(key, space, tie("value")), { maxLength: 3 }), fc.boolean())
    .map(([items, trailing]) => `{${items.map(([k, s, v]) => `${s}${k}${s}=${s}${v}`).join(",")}${trailing ? "," : ""}}`),
}));

const keyValue = fc.tuple(space, key, space, value, fc.constantFrom("", " # c", "#")).map(([s, k, s2, v, c]) => `${s}${k}${s2}=${s2}${v}${c}`);
const header = fc.tuple(fc.boolean(), space, key, fc.constantFrom("", " # h")).map(([array, s, k, c]) => (array ? `[[${s}${k}${s}]]${c}` : `[${s}${k}${s}]${c}`));
const line = fc.oneof({ weight: 5, arbitrary: keyValue }, { weight: 2, arbitrary: header }, { weight: 1, arbitrary: fc.constantFrom("", "# comment", "  ", "#\u0001", "# é 😀") });
const lineBreak = fc.constantFrom("\n", "\n", "\r\n", "\r");
const document = fc.tuple(fc.array(fc.tuple(line, lineBreak), { maxLength: 10 }), fc.boolean()).map(([lines, last]) => {
  const text = lines.map(([l, b]) => l + b).join("");
  return last ? text : text.replace(/(\r\n|\n|\r)$/, "");
});

/** A document with a few characters replaced, dropped or doubled: mostly broken TOML. */
const mutated = fc.tuple(document, fc.array(fc.tuple(fc.nat(), fc.constantFrom("drop", "double", "[", "]", "=", '"', "'", ".", "\n", " ", "#", ",", "{", "}")), { minLength: 1, maxLength: 3 })).map(([text, edits]) => {
  let out = text;
  for (const [at, edit] of edits) {
    if (out.length === 0) break;
    const i = at % out.length;
    if (edit === "drop") out = out.slice(0, i) + out.slice(i + 1);
    else if (edit === "double") out = out.slice(0, i + 1) + out.slice(i);
    else out = out.slice(0, i) + edit + out.slice(i + 1);
  }
  return out;
});

/** Tables defined in every order TOML allows and forbids: headers, dotted keys, arrays of tables. */
const tablePaths = fc
  .array(
    fc.tuple(
      fc.constantFrom("header", "array", "dotted", "inline", "static"),
      fc.array(fc.constantFrom("a", "b", "c"), { minLength: 1, maxLength: 3 }),
      fc.constantFrom("x", "y", "a", "b"),
    ),
    { maxLength: 6 },
  )
  .map((steps) =>
    steps
      .map(([form, path, leaf]) => {
        const dotted = path.join(".");
        if (form === "header") return `[${dotted}]\n${leaf} = 1\n`;
        if (form === "array") return `[[${dotted}]]\n${leaf} = 1\n`;
        if (form === "dotted") return `${dotted}.${leaf} = 1\n`;
        if (form === "inline") return `${dotted} = { ${leaf} = 1 }\n`;
        return `${dotted} = [{ ${leaf} = 1 }]\n`;
      })
      .join(""),
  );

/** More runs for a longer hunt: READER_RUNS=100000 npx vitest run test/toml-reader.test.ts */
const runs = Number(process.env["READER_RUNS"] ?? 3000);

describe("the fast TOML reader", () => {
  it("reads generated TOML exactly as toml-eslint-parser and smol-toml do", () => {
    let read = 0;
    fc.assert(
      fc.property(document, (text) => {
        if (agrees(text)) read++;
      }),
      { numRuns: runs },
    );
    // Most generated documents are valid and plain: the reader must read them, not hand them all on.
    expect(read).toBeGreaterThan(300);
  });

  it("never reads broken TOML that toml-eslint-parser rejects", () => {
    fc.assert(
      fc.property(mutated, (text) => {
        agrees(text);
      }),
      { numRuns: runs },
    );
  });

  it("follows TOML 1.0's rules for defining tables", () => {
    let read = 0;
    fc.assert(
      fc.property(tablePaths, (text) => {
        if (agrees(text)) read++;
      }),
      { numRuns: runs },
    );
    expect(read).toBeGreaterThan(100);
  });

  it("reads every shape of the generated large configs", () => {
    for (const shape of shapes) expect(agrees(largeConfig(shape, 20_000)), shape).toBe(true);
  });

  it("agrees on every TOML file in the repository's fixtures and examples", () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith(".toml")) files.push(path);
      }
    };
    walk(join(import.meta.dirname, "fixtures"));
    walk(join(import.meta.dirname, "..", "examples"));
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) agrees(readFileSync(file, "utf8").replace(/^\uFEFF/, ""));
  });

  it("reads integers up to 64 bits and declines longer ones, which parse.ts reports", () => {
    for (const literal of ["00", "01", "0_1", "1__0"]) expect(readToml(`a = ${literal}\n`), literal).toBeUndefined();
    const fitting = ["0", "7", "8080", "999999999999999", "1000000000000000", "9007199254740993", "9223372036854775807", "-9223372036854775808", "+9_223_372_036_854_775_807", "0x7fffffffffffffff", "0x00000000000000000001", "0o777777777777777777777", `0b${"1".repeat(63)}`, `0b${"0".repeat(70)}1`];
    for (const literal of fitting) expect(agrees(`a = ${literal}\n`), literal).toBe(true);
    const tooLong = ["9223372036854775808", "-9223372036854775809", "99999999999999999999", "0x8000000000000000", "0o1000000000000000000000", `0b1${"0".repeat(63)}`];
    for (const literal of tooLong) {
      const text = `a = [1, ${literal}]\n`;
      expect(readToml(text), literal).toBeUndefined();
      const parsed = parseDocument(text);
      expect(parsed.ok || parsed.problem, literal).toEqual({ kind: "syntax", message: "Integer does not fit in 64 bits (TOML integers are signed 64-bit)", range: { start: 8, end: 8 + literal.length } });
    }
  });

  it("reads values nested to the limit and declines deeper ones, which parse.ts reports", () => {
    const limit = MAX_NESTING_DEPTH;
    const keys = (count: number) => Array.from({ length: count }, (_, i) => `k${i}`).join(".");
    const inline = (count: number) => `${"{ x = ".repeat(count - 1)}1${" }".repeat(count - 1)}`;
    // Depth counts key parts (of headers too) and arrays, as limits.ts does; inline tables count by their keys.
    const atDepth = (depth: number) => [
      `a = ${"[".repeat(depth - 1)}1${"]".repeat(depth - 1)}\n`,
      `${keys(depth)} = 1\n`,
      `[${keys(depth - 1)}]\nb = 1\n`,
      `[${keys(depth - 2)}]\nb = [1]\n`,
      `a = ${inline(depth)}\n`,
      `a = [${inline(depth - 1)}]\n`,
    ];
    for (const text of atDepth(limit)) expect(agrees(text), text.slice(0, 40)).toBe(true);
    for (const text of [...atDepth(limit + 1), `[${keys(limit + 1)}]\n`]) {
      expect(readToml(text), text.slice(0, 40)).toBeUndefined();
      const parsed = parseDocument(text);
      expect(parsed.ok ? "read" : parsed.problem.kind, text.slice(0, 40)).toBe("nesting");
    }
    // Far past the limit the reader stops at it, however deep the text goes, and does not recurse further.
    expect(readToml(`a = ${"[".repeat(200_000)}`)).toBeUndefined();
  });

  it("leaves what it declines to toml-eslint-parser, which parse.ts then uses", () => {
    // A datetime, and a sub-table under a dotted-key table (valid TOML 1.0 the reader does not follow).
    for (const text of ['deployed = 1979-05-27T07:32:00Z\n', "[fruit]\napple.color = 'red'\n[fruit.apple.texture]\nsmooth = true\n"]) {
      expect(readToml(text)).toBeUndefined();
      expect(parseDocument(text).ok).toBe(true);
    }
    const broken = parseDocument('app = "x"\napp = "y"\n');
    expect(readToml('app = "x"\napp = "y"\n')).toBeUndefined();
    expect(broken.ok).toBe(false);
  });
});
