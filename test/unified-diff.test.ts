import { applyPatch, createTwoFilesPatch, parsePatch } from "diff";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { unifiedDiff } from "../src/cli/io.js";

// --diff and migrate --diff print unifiedDiff. Past its search budget it diffs the texts a piece at a time
// (a 1 MB config with 29,000 fixes took minutes in one search): these hold that path to the same format
// and to a patch that turns the one text into the other, as patch(1) reads it.
const header = { headerOptions: { includeIndex: false, includeUnderline: false, includeFileHeaders: true } };
const line = fc.constantFrom("[[services]]", "  internal_port = 8080", "  port = 80", '  handlers = ["http"]', "", "# note", "app = 'x'");
const text = fc.tuple(fc.array(line, { maxLength: 60 }), fc.boolean()).map(([lines, newline]) => lines.join("\n") + (newline && lines.length > 0 ? "\n" : ""));
/** A text and another made of it by removing, changing and adding lines here and there. */
const edited = (minLength: number, maxLength: number) =>
  fc.tuple(fc.array(line, { minLength, maxLength }), fc.array(fc.tuple(fc.nat(), fc.constantFrom("remove", "change", "add"), line), { minLength: 1, maxLength: maxLength / 4 })).map(([lines, edits]) => {
    const after: string[] = [...lines];
    for (const [at, kind, value] of edits) {
      const index = at % (after.length + 1);
      if (kind === "add") after.splice(index, 0, value);
      else if (index < after.length) after.splice(index, 1, ...(kind === "change" ? [`${value} # changed`] : []));
    }
    return [`${lines.join("\n")}\n`, `${after.join("\n")}\n`] as const;
  });

/** Each hunk's leading and trailing context: patch(1) takes a hunk with less before than after for one at the file's start. */
function contextOf(patch: string): { before: number; after: number; first: boolean; last: boolean }[] {
  const [parsed] = parsePatch(patch);
  return (parsed?.hunks ?? []).map((hunk, index, all) => {
    const lines = hunk.lines.filter((l) => !l.startsWith("\\"));
    const before = lines.findIndex((l) => !l.startsWith(" "));
    const after = [...lines].reverse().findIndex((l) => !l.startsWith(" "));
    return { before, after, first: index === 0, last: index === all.length - 1 };
  });
}

describe("unifiedDiff", () => {
  it("within its budget, writes the diff package's patch", async () => {
    await fc.assert(
      fc.asyncProperty(text, text, async (before, after) => {
        expect(await unifiedDiff("fly.toml", before, after)).toBe(createTwoFilesPatch("a/fly.toml", "b/fly.toml", before, after, "", "", header));
      }),
    );
  });

  it("a piece at a time, writes the same patch for a text of one piece", async () => {
    await fc.assert(
      fc.asyncProperty(text, text, async (before, after) => {
        expect(await unifiedDiff("fly.toml", before, after, 1)).toBe(createTwoFilesPatch("a/fly.toml", "b/fly.toml", before, after, "", "", header));
      }),
    );
  });

  it("a piece at a time, writes a patch that turns the one text into the other, with full context around every hunk", async () => {
    await fc.assert(
      // Over 200 lines: cut into pieces.
      fc.asyncProperty(edited(450, 1500), async ([before, after]) => {
        const patch = await unifiedDiff("fly.toml", before, after, 1);
        expect(applyPatch(before, patch, { fuzzFactor: 0 })).toBe(after);
        // Every hunk stands at its stated lines: applyPatch alone would find one a few lines off.
        const [beforeLines, afterLines] = [before.split("\n"), after.split("\n")];
        for (const hunk of parsePatch(patch)[0]?.hunks ?? []) {
          const lines = hunk.lines.filter((l) => !l.startsWith("\\"));
          expect(beforeLines.slice(hunk.oldStart - 1, hunk.oldStart - 1 + hunk.oldLines)).toEqual(lines.filter((l) => !l.startsWith("+")).map((l) => l.slice(1)));
          expect(afterLines.slice(hunk.newStart - 1, hunk.newStart - 1 + hunk.newLines)).toEqual(lines.filter((l) => !l.startsWith("-")).map((l) => l.slice(1)));
        }
        for (const { before: leading, after: trailing, first, last } of contextOf(patch)) {
          if (!first) expect(leading).toBe(4);
          if (!last) expect(trailing).toBe(4);
        }
      }),
      { numRuns: 40 },
    );
  });
});
