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
 * The first place where brackets nest deeper than the limit, found by a linear scan before parsing (the
 * TOML parser itself recurses on nested arrays and inline tables). Strings and comments are skipped so
 * their brackets do not count; a `[` that opens a header counts like any other, which only overcounts.
 */
export function findDeepBrackets(text: string, limit = MAX_NESTING_DEPTH): NestingProblem | undefined {
  let depth = 0;
  let index = 0;
  while (index < text.length) {
    const char = text[index] as string;
    if (char === "#") {
      const end = text.indexOf("\n", index);
      index = end < 0 ? text.length : end;
    } else if (char === '"' || char === "'") {
      index = skipString(text, index);
    } else if (char === "[" || char === "{") {
      depth++;
      if (depth > limit) return { depth, range: { start: index, end: index + 1 } };
      index++;
    } else {
      if ((char === "]" || char === "}") && depth > 0) depth--;
      index++;
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
  let index = start + 1;
  while (index < text.length) {
    const char = text[index];
    if (char === "\n") return index;
    if (char === "\\" && quote === '"') index += 2;
    else if (char === quote) return index + 1;
    else index++;
  }
  return text.length;
}

type DepthItem = { node: TomlKeyValue | TomlContentNode; depth: number };

/**
 * The first value deeper than the limit once key parts count too (`a.b.c = 1` is three levels), walked
 * with an explicit stack so the check itself cannot overflow.
 */
export function findDeepValue(program: TomlProgram, limit = MAX_NESTING_DEPTH): NestingProblem | undefined {
  const stack: DepthItem[] = [];
  for (const item of program.body[0].body) {
    if (item.type === "TOMLKeyValue") stack.push({ node: item, depth: 0 });
    else {
      const headerDepth = item.key.keys.length;
      if (headerDepth > limit) return { depth: headerDepth, range: { start: item.key.range[0], end: item.key.range[1] } };
      for (const keyValue of item.body) stack.push({ node: keyValue, depth: headerDepth });
    }
  }
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as DepthItem;
    if (node.type === "TOMLKeyValue") {
      const keyDepth = depth + node.key.keys.length;
      if (keyDepth > limit) return { depth: keyDepth, range: { start: node.key.range[0], end: node.key.range[1] } };
      stack.push({ node: node.value, depth: keyDepth });
    } else if (node.type === "TOMLArray") {
      if (depth + 1 > limit) return { depth: depth + 1, range: { start: node.range[0], end: node.range[0] + 1 } };
      for (const element of node.elements) stack.push({ node: element, depth: depth + 1 });
    } else if (node.type === "TOMLInlineTable") {
      for (const keyValue of node.body) stack.push({ node: keyValue, depth });
    }
  }
  return undefined;
}
