import { isMap, isPair, isScalar, isSeq, parseDocument, type Node, type Pair, type Scalar, type YAMLMap } from "yaml";
import { LineIndex } from "../document/line-index.js";
import type { Range } from "../document/located.js";
import type { CiKind } from "./paths.js";

/**
 * A CI file (a GitHub Actions workflow or .gitlab-ci.yml) as located YAML: the `yaml` library's
 * document, whose nodes keep their source ranges, plus the line index for positions. Comments and
 * layout stay in the text, so fixes are edits of it.
 */
export interface CiDocument {
  text: string;
  lines: LineIndex;
  kind: CiKind;
  /** The top-level node; undefined for an empty file. */
  root: Node | undefined;
  /** The file's line break, for inserted lines. */
  eol: "\n" | "\r\n";
}

/** A scalar string with its source range (quotes included). */
export interface LocatedString {
  value: string;
  range: Range;
  node: Scalar;
}

/** Parses CI YAML. Syntax the library cannot read still gives the nodes it could; CI files are checked only for flyctl steps. */
export function parseCiDocument(text: string, kind: CiKind): CiDocument {
  const source = text.replace(/^\uFEFF/, "");
  const document = parseDocument(source, { uniqueKeys: false, strict: false, prettyErrors: false });
  return { text: source, lines: new LineIndex(source), kind, root: document.contents ?? undefined, eol: source.includes("\r\n") ? "\r\n" : "\n" };
}

export function rangeOf(node: Node): Range | undefined {
  return node.range ? { start: node.range[0], end: node.range[1] } : undefined;
}

/** A scalar as a string (numbers too: `version: 1.5` is the YAML number 1.5, written "1.5"), with its range. */
export function locatedString(document: CiDocument, node: unknown): LocatedString | undefined {
  if (!isScalar(node) || node.value === null || typeof node.value === "object") return undefined;
  const range = rangeOf(node);
  if (!range) return undefined;
  // Numbers keep their spelling: the source, not String(1.50).
  const value = typeof node.value === "string" ? node.value : document.text.slice(range.start, range.end);
  return { value, range, node };
}

export function keyName(pair: Pair): string | undefined {
  return isScalar(pair.key) && typeof pair.key.value === "string" ? pair.key.value : undefined;
}

/** The pair of a map with this key, if the node is a map that has one. */
export function pairOf(node: unknown, key: string): Pair | undefined {
  if (!isMap(node)) return undefined;
  return node.items.find((pair) => keyName(pair) === key);
}

/** Every pair of every map in the document, with the map holding it and the keys above it. */
export function* walkPairs(node: unknown, above: readonly string[] = []): Generator<{ pair: Pair; map: YAMLMap; above: readonly string[] }> {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      yield { pair, map: node, above };
      const key = keyName(pair);
      yield* walkPairs(pair.value, key === undefined ? above : [...above, key]);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) yield* walkPairs(item, above);
  }
}

/** The scalar strings of a value: itself, or the items of a list (GitLab `script:` lists, GitHub `run:`). */
export function stringsOf(document: CiDocument, node: unknown): LocatedString[] {
  if (isSeq(node)) return node.items.flatMap((item) => stringsOf(document, item));
  const located = locatedString(document, node);
  return located ? [located] : [];
}
