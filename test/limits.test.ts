import { describe, expect, it } from "vitest";
import { findDeepBrackets } from "../src/document/limits.js";

/** The bracket scan as a plain loop over every character: what the search-based scan must agree with. */
function deepBracketsByLoop(text: string, limit: number): { depth: number; range: { start: number; end: number } } | undefined {
  let depth = 0;
  for (let index = 0; index < text.length; ) {
    const char = text[index] as string;
    if (char === "#") {
      const end = text.indexOf("\n", index);
      index = end < 0 ? text.length : end;
    } else if (char === '"' || char === "'") {
      const triple = text.startsWith(char.repeat(3), index);
      if (triple) {
        const close = text.indexOf(char.repeat(3), index + 3);
        if (close < 0) return undefined;
        let end = close + 3;
        while (end < text.length && text[end] === char && end - close < 5) end++;
        index = end;
      } else {
        let at = index + 1;
        while (at < text.length && text[at] !== "\n" && text[at] !== char) at += text[at] === "\\" && char === '"' ? 2 : 1;
        index = at < text.length && text[at] === char ? at + 1 : Math.min(at, text.length);
      }
    } else {
      if (char === "[" || char === "{") {
        depth++;
        if (depth > limit) return { depth, range: { start: index, end: index + 1 } };
      } else if ((char === "]" || char === "}") && depth > 0) depth--;
      index++;
    }
  }
  return undefined;
}

describe("the nesting limit's bracket scan", () => {
  it("finds the first bracket past the limit exactly where a character-by-character scan does", async () => {
    const fc = await import("fast-check");
    const text = fc.array(fc.constantFrom("[", "]", "{", "}", '"', "'", '"""', "'''", "\\", "#", "\n", "a", " ", "="), { maxLength: 60 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 4 }), (sample, limit) => {
        expect(findDeepBrackets(sample, limit)).toEqual(deepBracketsByLoop(sample, limit));
      }),
      { numRuns: 5000 },
    );
  });

  it("does not count brackets in strings and comments", () => {
    expect(findDeepBrackets('a = "[[[" # [[[\nb = \'{{{\'\nc = """\n[[[\n"""\n', 2)).toBeUndefined();
    expect(findDeepBrackets('a = "\\"[" [[[', 2)).toEqual({ depth: 3, range: { start: 12, end: 13 } });
  });
});
