import type { TomlContentNode, TomlKeyValue, TomlProgram } from "./ast.js";
import type { Range } from "./located.js";

/**
 * How deep flylint follows a value: array and inline-table nesting plus the parts of every key and header
 * on the way. Real fly.toml files nest about six levels (`[[services.ports.tls_options.alpn]]`-deep at most);
 * smol-toml, flylint's second opinion on every fix, refuses documents nested past 1000. The walks over the
 * document are recursive, so a bound far below what the call stack takes keeps every entry point safe.
 */
export const MAX_NESTING_DEPTH = 100;

export interface NestingProblem {
  depth: number;
  range: Range;
}

/**
 * The scan's searches (module-wide, their lastIndex set before each use): only these characters change
 * anything, and a search finds the next one in native code, where a loop looked at every character of the
 * text, on every lint. A basic string ends at its quote or its line's end, and a backslash escapes the
 * character after it; a literal string has no escapes.
 */
const significantCharacter = /[#"'[\]{}]/g;
const basicStringStop = /["\\\n]/g;
const literalStringStop = /['\n]/g;

/**
 * The first place where brackets nest deeper than the limit, found by a linear scan before parsing (the
 * TOML parser itself recurses on nested arrays and inline tables). Strings and comments are skipped so
 * their brackets do not count; a `[` that opens a header counts like any other, which only overcounts.
 */
export function findDeepBrackets(text: string, limit = MAX_NESTING_DEPTH): NestingProblem | undefined {
  let depth = 0;
  const significant = significantCharacter;
  significant.lastIndex = 0;
  for (let found = significant.exec(text); found !== null; found = significant.exec(text)) {
    const index = found.index;
    const char = found[0];
    if (char === "#") {
      const end = text.indexOf("\n", index);
      significant.lastIndex = end < 0 ? text.length : end;
    } else if (char === '"' || char === "'") {
      significant.lastIndex = skipString(text, index);
    } else if (char === "[" || char === "{") {
      depth++;
      if (depth > limit) return { depth, range: { start: index, end: index + 1 } };
    } else if (depth > 0) {
      depth--;
    }
  }
  return undefined;
}

/** The offset just past a string that starts at `start`; an unterminated string runs to its line's end. */
function skipString(text: string, start: number): number {
  const quote = text[start] as string;
  const triple = text.startsWith(quote.repeat(3), start);
  if (triple) {
    const close = text.indexOf(quote.repeat(3), start + 3);
    if (close < 0) return text.length;
    let end = close + 3;
    // Up to two more quotes may end a multi-line string's content (`""""` is a quote, then the close).
    while (end < text.length && text[end] === quote && end - close < 5) end++;
    return end;
  }
  const stop = quote === '"' ? basicStringStop : literalStringStop;
  stop.lastIndex = start + 1;
  for (let found = stop.exec(text); found !== null; found = stop.exec(text)) {
    if (found[0] === "\n") return found.index;
    if (found[0] === "\\") stop.lastIndex = found.index + 2;
    else return found.index + 1;
  }
  return text.length;
}

/**
 * The first value deeper than the limit once key parts count too (`a.b.c = 1` is three levels), walked
 * with an explicit stack so the check itself cannot overflow. Headers are checked first, then each
 * top-level item's values depth first, last item first. The stack holds one item's pending values at a
 * time, as two arrays (nodes and their depths): this runs on every lint, and a pair object per value of
 * the whole document was 3% of a lint's garbage.
 */
export function findDeepValue(program: TomlProgram, limit = MAX_NESTING_DEPTH): NestingProblem | undefined {
  const items = program.body[0].body;
  for (const item of items) {
    if (item.type === "TOMLTable" && item.key.keys.length > limit) return { depth: item.key.keys.length, range: item.key.range };
  }
  const nodes: (TomlKeyValue | TomlContentNode)[] = [];
  const depths: number[] = [];
  for (let index = items.length - 1; index >= 0; index--) {
    const item = items[index] as (typeof items)[number];
    if (item.type === "TOMLKeyValue") {
      nodes.push(item);
      depths.push(0);
    } else {
      for (const keyValue of item.body) {
        nodes.push(keyValue);
        depths.push(item.key.keys.length);
      }
    }
    const found = deepestFirst(nodes, depths, limit);
    if (found) return found;
  }
  return undefined;
}

/** Walks the values on the stack and everything inside them, until it is empty or one is too deep. */
function deepestFirst(nodes: (TomlKeyValue | TomlContentNode)[], depths: number[], limit: number): NestingProblem | undefined {
  while (nodes.length > 0) {
    const node = nodes.pop() as TomlKeyValue | TomlContentNode;
    const depth = depths.pop() as number;
    if (node.type === "TOMLKeyValue") {
      const keyDepth = depth + node.key.keys.length;
      if (keyDepth > limit) return { depth: keyDepth, range: node.key.range };
      nodes.push(node.value);
      depths.push(keyDepth);
    } else if (node.type === "TOMLArray") {
      if (depth + 1 > limit) return { depth: depth + 1, range: { start: node.range.start, end: node.range.start + 1 } };
      for (const element of node.elements) {
        nodes.push(element);
        depths.push(depth + 1);
      }
    } else if (node.type === "TOMLInlineTable") {
      for (const keyValue of node.body) {
        nodes.push(keyValue);
        depths.push(depth);
      }
    }
  }
  return undefined;
}
