import { describe, expect, it } from "vitest";
import { LineIndex } from "../src/document/line-index.js";
import { toPlainValue, type LocatedNode, type LocatedTable } from "../src/document/located.js";
import { parseDocument, type FlyDocument } from "../src/document/parse.js";

function parse(text: string): FlyDocument {
  const result = parseDocument(text);
  if (!result.ok) throw new Error(`did not parse: ${result.problem.message}`);
  return result.document;
}

function at(table: LocatedTable, ...path: (string | number)[]): LocatedNode {
  let node: LocatedNode = table;
  for (const step of path) {
    if (typeof step === "number") {
      if (node.kind !== "array") throw new Error(`not an array at ${step}`);
      node = node.items[step] as LocatedNode;
    } else {
      if (node.kind !== "table") throw new Error(`not a table at ${step}`);
      node = (node.entries.get(step) ?? { node: undefined }).node as LocatedNode;
    }
  }
  return node;
}

const slice = (doc: FlyDocument, range: { start: number; end: number }) => doc.text.slice(range.start, range.end);

describe("LineIndex", () => {
  const index = new LineIndex("ab\r\ncd\n\nef");
  it("maps offsets to 1-based lines and columns", () => {
    expect(index.positionAt(0)).toEqual({ line: 1, column: 1 });
    expect(index.positionAt(4)).toEqual({ line: 2, column: 1 });
    expect(index.positionAt(8)).toEqual({ line: 4, column: 1 });
    expect(index.positionAt(10)).toEqual({ line: 4, column: 3 });
  });
  it("maps positions back to offsets", () => {
    expect(index.offsetAt({ line: 2, column: 2 })).toBe(5);
  });
  it("returns line text without the line break, CRLF included", () => {
    expect(index.lineText(1)).toBe("ab");
    expect(index.lineText(3)).toBe("");
    expect(index.lineCount).toBe(4);
  });
});

describe("parseDocument", () => {
  it("locates keys, values and section headers", () => {
    const doc = parse(`app = "web"\n\n[http_service]\n  internal_port = 8080\n\n[[services]]\n  [[services.ports]]\n    port = 80\n`);
    const app = doc.root.entries.get("app");
    expect(app && slice(doc, app.keyRange)).toBe("app");
    expect(slice(doc, at(doc.root, "app").range)).toBe('"web"');
    const http = doc.root.entries.get("http_service");
    expect(http && slice(doc, http.keyRange)).toBe("http_service");
    const httpTable = at(doc.root, "http_service") as LocatedTable;
    expect(httpTable.header && slice(doc, httpTable.header)).toBe("[http_service]");
    expect(slice(doc, at(doc.root, "http_service", "internal_port").range)).toBe("8080");
    const port = at(doc.root, "services", 0, "ports", 0) as LocatedTable;
    expect(port.form).toBe("array-item");
    expect(port.header && slice(doc, port.header)).toBe("[[services.ports]]");
    expect(slice(doc, at(doc.root, "services", 0, "ports", 0, "port").range)).toBe("80");
  });

  it("builds the plain value, dotted keys and inline tables included", () => {
    const doc = parse(`a.b = 1\n[x]\ny = { z = [1, "two"] }\n[[arr]]\nk = true\n[[arr]]\n[arr.sub]\nq = 1.5`);
    expect(toPlainValue(doc.root)).toEqual({ a: { b: 1 }, x: { y: { z: [1, "two"] } }, arr: [{ k: true }, { sub: { q: 1.5 } }] });
  });

  it("merges a [table] header into the table a sub-table header implied", () => {
    const doc = parse(`[http_service.concurrency]\ntype = "requests"\n[http_service]\ninternal_port = 8080`);
    const table = at(doc.root, "http_service") as LocatedTable;
    expect(table.form).toBe("header");
    expect([...table.entries.keys()]).toEqual(["concurrency", "internal_port"]);
    expect(slice(doc, table.anchor)).toBe("http_service");
  });

  it("keeps comments with their ranges", () => {
    const doc = parse(`# top\napp = "x" # trailing\n`);
    expect(doc.comments.map((c) => slice(doc, c.range))).toEqual(["# top", "# trailing"]);
  });

  it("drops a BOM from the text and remembers it", () => {
    const doc = parse(`\uFEFFapp = "x"\n`);
    expect(doc.hasBom).toBe(true);
    expect(doc.text.startsWith("app")).toBe(true);
    expect(slice(doc, at(doc.root, "app").range)).toBe('"x"');
  });

  it("handles CRLF line endings", () => {
    const doc = parse(`app = "x"\r\n[env]\r\nA = "1"\r\n`);
    const value = at(doc.root, "env", "A");
    expect(doc.lines.positionAt(value.range.start)).toEqual({ line: 3, column: 5 });
  });

  it("locates a number that ends the file without a line break", () => {
    const doc = parse(`a = 0`);
    expect(at(doc.root, "a").range).toEqual({ start: 4, end: 5 });
  });

  it.each([
    ["app = ", 1, 7, "Unspecified values are invalid"],
    ["a = 1\na = 2", 2, 1, "Defining a key multiple times is invalid"],
    ["[x]\n[x]", 2, 2, "Defining a key multiple times is invalid"],
    ['a = "unterminated', 1, 18, ""],
    ["a = 9223372036854775808", 1, 5, "Integer does not fit in 64 bits (TOML integers are signed 64-bit)"],
  ])("reports a syntax error in %j at %i:%i", (text, line, column, message) => {
    const result = parseDocument(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.lines.positionAt(result.problem.range.start)).toEqual({ line, column });
    if (message) expect(result.problem.message).toBe(message);
  });

  it("rejects TOML 1.1 syntax, as flyctl's TOML 1.0 parser does", () => {
    expect(parseDocument(`a = { b = 1,\n}`).ok).toBe(false);
  });
});
