import { MAX_NESTING_DEPTH } from "../document/limits.js";
import type { LocatedNode, LocatedTable, PlainValue, Range } from "../document/located.js";

/**
 * What `fly config show` prints, as a located tree the schema walk can read. flyctl holds a remote config
 * the same way it holds a local one: the API's JSON definition is TOML-encoded and sent through the same
 * loading (fly-toml-model.md §2.14, remote.go:15-84), so this side goes through analyzeDocument and
 * normalize() exactly like a fly.toml. Positions are not kept: nothing points into this text.
 */
const nowhere: Range = { start: 0, end: 0 };

/** A JSON problem as one line: JSON.parse names an offset, which becomes a line and column. */
export class JsonConfigError extends Error {}

function located(value: unknown, depth: number): LocatedNode | undefined {
  if (value === null || value === undefined) return undefined; // encoding/json's null is a field left unset.
  // The same bound as for TOML (document/limits.ts): every walk over a config is recursive.
  if (depth > MAX_NESTING_DEPTH) throw new JsonConfigError(`nested deeper than ${MAX_NESTING_DEPTH} levels, which no fly.toml needs; flylint does not follow it`);
  if (Array.isArray(value)) {
    const items = value.flatMap((item) => located(item, depth + 1) ?? []);
    return { kind: "array", items, arrayOfTables: items.length > 0 && items.every((item) => item.kind === "table"), range: nowhere, anchor: nowhere };
  }
  if (typeof value === "object") return locatedTable(value as Record<string, unknown>, "header", depth);
  if (typeof value === "string") return { kind: "scalar", type: "string", value, range: nowhere, anchor: nowhere };
  if (typeof value === "number") return { kind: "scalar", type: Number.isInteger(value) ? "integer" : "float", value, range: nowhere, anchor: nowhere };
  if (typeof value === "boolean") return { kind: "scalar", type: "boolean", value, range: nowhere, anchor: nowhere };
  return undefined;
}

function locatedTable(object: Record<string, unknown>, form: LocatedTable["form"], depth: number): LocatedTable {
  const table: LocatedTable = { kind: "table", form, entries: new Map(), range: nowhere, anchor: nowhere };
  for (const [key, value] of Object.entries(object)) {
    const node = located(value, depth + 1);
    if (node) table.entries.set(key, { key, keyRange: nowhere, node });
  }
  return table;
}

/**
 * The offset of the first character that is not JSON (RFC 8259), found by a scan run only after
 * JSON.parse failed: V8's messages do not always say where ("Unexpected token '}', ...").
 */
function firstBadOffset(text: string): number {
  let at = 0;
  const space = () => {
    while (at < text.length && " \t\n\r".includes(text[at] as string)) at++;
  };
  const expect = (ok: boolean) => {
    if (!ok) throw at;
  };
  const literal = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null/y;
  const string = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
  const token = (pattern: RegExp) => {
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    expect(match !== null);
    at += (match as RegExpExecArray)[0].length;
  };
  // Iterative, so a deeply nested text cannot overflow the stack.
  const closers: string[] = [];
  const value = () => {
    for (;;) {
      space();
      const char = text[at];
      if (char !== "{" && char !== "[") return token(char === '"' ? string : literal);
      at++;
      space();
      if (text[at] === (char === "{" ? "}" : "]")) {
        at++;
        return;
      }
      closers.push(char === "{" ? "}" : "]");
      if (char === "{") {
        token(string);
        space();
        expect(text[at] === ":");
        at++;
      }
    }
  };
  try {
    value();
    for (;;) {
      space();
      const closer = closers[closers.length - 1];
      if (closer === undefined) break;
      if (text[at] === closer) {
        at++;
        closers.pop();
        continue;
      }
      expect(text[at] === ",");
      at++;
      if (closer === "}") {
        space();
        token(string);
        space();
        expect(text[at] === ":");
        at++;
      }
      value();
    }
    expect(at === text.length);
  } catch (offset) {
    if (typeof offset === "number") return offset;
    throw offset;
  }
  return text.length;
}

/** Where JSON.parse stopped, as "line L, column C" of the text. */
function positionOf(text: string): string {
  const offset = firstBadOffset(text);
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return ` at line ${line}, column ${offset - before.lastIndexOf("\n")}`;
}

/** The root table of a `fly config show` JSON text. */
export function parseJsonConfig(text: string): LocatedTable {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // V8 quotes the text around the problem, which may span lines; the first clause says what it is.
    const what = message.split(/[,\n]/)[0]?.replace(/ in JSON at position \d+.*$/s, "") ?? message;
    throw new JsonConfigError(`not valid JSON${positionOf(text)}: ${what}`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new JsonConfigError("not a config: the JSON is not an object");
  return locatedTable(value as Record<string, unknown>, "root", 0);
}

/** A plain value as JSON text; used by tests and the corpus check to write what `fly config show` prints. */
export function configShowJson(value: PlainValue): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
