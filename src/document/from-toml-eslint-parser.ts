import type { AST } from "toml-eslint-parser";
import type { Span, TomlContentNode, TomlKey, TomlKeyPart, TomlKeyValue, TomlProgram, TomlTable, TomlValue } from "./ast.js";

// toml-eslint-parser reads what the fast reader declines (src/document/parse.ts). Its tree carries tokens,
// line/column locations and parent links, and ranges as [start, end] pairs; flylint's tree is the subset
// it reads, with spans as { start, end }, so this copies the one into the other.

function span(range: AST.Range): Span {
  return { start: range[0], end: range[1] };
}

function keyPart(part: AST.TOMLBare | AST.TOMLQuoted): TomlKeyPart {
  if (part.type === "TOMLBare") return { type: "TOMLBare", name: part.name, range: span(part.range) };
  return { type: "TOMLQuoted", value: part.value, style: part.style, range: span(part.range) };
}

function key(node: AST.TOMLKey): TomlKey {
  return { type: "TOMLKey", keys: node.keys.map(keyPart), range: span(node.range) };
}

function value(node: AST.TOMLValue): TomlValue {
  const range = span(node.range);
  switch (node.kind) {
    case "string":
      return { type: "TOMLValue", kind: "string", value: node.value, style: node.style, multiline: node.multiline, range };
    case "integer":
      return node.bigint > 9223372036854775807n || node.bigint < -9223372036854775808n
        ? { type: "TOMLValue", kind: "integer", value: node.value, outOfRange: true, range }
        : { type: "TOMLValue", kind: "integer", value: node.value, range };
    case "float":
      return { type: "TOMLValue", kind: "float", value: node.value, range };
    case "boolean":
      return { type: "TOMLValue", kind: "boolean", value: node.value, range };
    default:
      return { type: "TOMLValue", kind: node.kind, datetime: node.datetime, range };
  }
}

function content(node: AST.TOMLContentNode): TomlContentNode {
  if (node.type === "TOMLArray") return { type: "TOMLArray", elements: node.elements.map(content), range: span(node.range) };
  if (node.type === "TOMLInlineTable") return { type: "TOMLInlineTable", body: node.body.map(keyValue), range: span(node.range) };
  return value(node);
}

function keyValue(node: AST.TOMLKeyValue): TomlKeyValue {
  return { type: "TOMLKeyValue", key: key(node.key), value: content(node.value), range: span(node.range) };
}

function table(node: AST.TOMLTable): TomlTable {
  return { type: "TOMLTable", kind: node.kind, key: key(node.key), resolvedKey: [...node.resolvedKey], body: node.body.map(keyValue), range: span(node.range) };
}

/** flylint's tree of a document toml-eslint-parser read. */
export function fromTomlEslintParser(program: AST.TOMLProgram): TomlProgram {
  const top = program.body[0];
  return {
    type: "Program",
    body: [{ type: "TOMLTopLevelTable", body: top.body.map((item) => (item.type === "TOMLTable" ? table(item) : keyValue(item))), range: span(top.range) }],
    comments: program.comments.map((comment) => ({ value: comment.value, range: span(comment.range) })),
  };
}
