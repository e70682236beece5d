import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lintText } from "../src/engine/lint.js";
import { json, jsonChunks } from "../src/formatters/json.js";
import { sarif, sarifChunks } from "../src/formatters/sarif.js";
import { gathered, MappedItems, prettyJsonAt, prettyJsonPieces, WrittenJson } from "../src/text/pretty-json.js";

// A JSON-like value as the formatters build them: members may be undefined (left out, as by JSON),
// arrays may hold undefined (written null), strings may hold newlines and characters past ASCII.
const reportLike = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.constantFrom(null, true, false, 0, -1.5, 1e21, "", "a\nb", "≈ $3.88", 'q"\\'),
    fc.string({ unit: "grapheme" }),
    fc.integer(),
    fc.array(fc.option(tie("value"), { nil: undefined }), { maxLength: 4 }),
    fc.dictionary(fc.string(), fc.option(tie("value"), { nil: undefined }), { maxKeys: 4 }),
  ),
})).value;

describe("prettyJsonPieces", () => {
  it("writes exactly what JSON.stringify(value, null, 2) writes, at any number of streamed levels", () => {
    fc.assert(
      fc.property(reportLike, fc.integer({ min: 0, max: 6 }), (value, levels) => {
        expect([...prettyJsonPieces(value, levels)].join("")).toBe(JSON.stringify(value, null, 2));
      }),
      { numRuns: 500 },
    );
  });

  it("hands on a streamed array's items a block at a time, never the whole text", () => {
    const pieces = [...prettyJsonPieces({ items: [{ a: 1 }, { b: [2, 3] }] }, 2)];
    // The bracket and indent before a block are a piece of their own, so the block's text is never copied.
    expect(pieces).toContain('[\n    ');
    expect(pieces).toContain('{\n      "a": 1\n    },\n    {\n      "b": [\n        2,\n        3\n      ]\n    }');
    // 600 items: 18 blocks of 32 and one of 24, each piece far shorter than the text.
    const many = { items: Array.from({ length: 600 }, (_, i) => ({ i })) };
    const blocks = [...prettyJsonPieces(many, 2)];
    expect(blocks.join("")).toBe(JSON.stringify(many, null, 2));
    expect(blocks.filter((piece) => piece.includes('"i"')).map((piece) => piece.split('"i"').length - 1)).toEqual([...Array.from({ length: 18 }, () => 32), 24]);
    // Items JSON leaves out of objects are null in arrays, in every block.
    const holes = { items: Array.from({ length: 600 }, (_, i) => (i % 7 === 0 ? undefined : i % 5 === 0 ? () => i : { i })) };
    expect([...prettyJsonPieces(holes, 2)].join("")).toBe(JSON.stringify(holes, null, 2));
  });
});

describe("WrittenJson", () => {
  it("stands for a value prettyJsonAt wrote at its depth, byte for byte", () => {
    fc.assert(
      fc.property(fc.array(reportLike, { maxLength: 4 }), fc.integer({ min: 3, max: 5 }), (files, levels) => {
        const expected = JSON.stringify({ tool: "x", files }, null, 2);
        // A file stands two levels deep (in `files`, in the report); `files` itself is written in pieces (at
        // three levels or more), not as one array of leaves.
        const written = files.map((file) => (file === undefined ? file : new WrittenJson(prettyJsonAt(file, 2))));
        expect([...prettyJsonPieces({ tool: "x", files: written }, levels)].join("")).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it("cannot be written by JSON.stringify, which would write it as an object", () => {
    expect(() => JSON.stringify({ files: [new WrittenJson("{}")] })).toThrow(/only where prettyJsonPieces writes pieces/);
  });
});

describe("MappedItems", () => {
  it("writes what JSON.stringify writes of the mapped array, at any level, streamed or not", () => {
    const wrap = (items: unknown[]) => new MappedItems(items, (item) => (item === undefined ? undefined : { item }));
    fc.assert(
      fc.property(fc.array(fc.option(reportLike, { nil: undefined }), { maxLength: 600 }), fc.integer({ min: 0, max: 4 }), (items, levels) => {
        const value = { files: [{ path: "a", diagnostics: wrap(items) }], after: 1 };
        const mapped = { files: [{ path: "a", diagnostics: items.map((item) => (item === undefined ? undefined : { item })) }], after: 1 };
        const expected = JSON.stringify(mapped, null, 2);
        expect([...prettyJsonPieces(value, levels)].join("")).toBe(expected);
        // Written whole by JSON.stringify (toJSON), as a level past the streamed ones is.
        expect(JSON.stringify(value, null, 2)).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });

  it("makes its items a block at a time, as they are written", () => {
    let made = 0;
    const value = { diagnostics: new MappedItems(Array.from({ length: 1000 }, (_, i) => i), (i) => (made++, { i })) };
    const pieces = prettyJsonPieces(value, 4);
    let piece = pieces.next();
    while (!piece.done && !piece.value.includes('"i"')) piece = pieces.next();
    expect(made).toBe(32);
    expect([...pieces].length).toBeGreaterThan(0);
    expect(made).toBe(1000);
  });
});

describe("gathered", () => {
  it("keeps the text and its order; a part of the size or more is a chunk alone, and only a chunk before one, or the last, is shorter than the size", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 30 })), fc.integer({ min: 1, max: 20 }), (parts, size) => {
        const chunks = [...gathered(parts, size)];
        expect(chunks.join("")).toBe(parts.join(""));
        expect(chunks.every((chunk) => chunk !== "")).toBe(true);
        for (const long of parts.filter((part) => part.length >= size)) expect(chunks).toContain(long);
        chunks.slice(0, -1).forEach((chunk, i) => {
          if (chunk.length < size) expect((chunks[i + 1] as string).length).toBeGreaterThanOrEqual(size);
        });
      }),
    );
  });
});

describe("the JSON report in chunks", () => {
  const context = { cwd: "/repo", color: false, toolVersion: "9.9.9" };
  /** Lint results with `count` unknown keys: a report of many chunks in either format. */
  const largeResults = (count: number, other: string, otherPath: string) => [
    lintText(`app = "x"\n${Array.from({ length: count }, (_, i) => `unknown_key_${i} = ${i}`).join("\n")}\n`, { filePath: "/repo/fly.toml" }),
    lintText(other, { filePath: otherPath }),
  ];
  /** The chunks, joined, once it is checked they are more than one and equal the formatter's whole text. */
  const joinedChunks = (chunks: Iterable<string>, whole: string) => {
    const list = [...chunks];
    expect(list.length).toBeGreaterThan(1);
    const joined = list.join("");
    expect(joined).toBe(whole);
    return joined;
  };

  it("is the report json() returns, in more than one chunk when it is large, and is canonical pretty JSON", () => {
    // 3,000 unknown keys: about 1.4 million characters of report.
    const results = largeResults(3000, `app = "ok"\n`, "/repo/clean/fly.toml");
    const whole = joinedChunks(jsonChunks(results, context), json(results, context));
    const report = JSON.parse(whole);
    expect(report.files[0].diagnostics.length).toBeGreaterThanOrEqual(3000);
    expect(whole).toBe(`${JSON.stringify(report, null, 2)}\n`);
  });

  it("is the same report when files' entries were written ahead (as lint workers write them), and a file past the limit is left to the chunks", () => {
    const results = [...largeResults(2100, `app = "ok"\nunknown = 1\n`, "/repo/two/fly.toml"), lintText(`app = "three"\n`, { filePath: "/repo/three/fly.toml" })];
    const parts = results.map((result) => json.part(result, context));
    expect(parts.map((part) => part === undefined)).toEqual([true, false, false]);
    expect([...json.framed(results, parts, context)].join("")).toBe(json(results, context));
  });

  it("is the SARIF log sarif() returns, in more than one chunk when it is large, and is canonical pretty JSON", () => {
    const results = largeResults(5000, `app = "ok"\n[broken\n`, "/repo/broken/fly.toml");
    const whole = joinedChunks(sarifChunks(results, context), sarif(results, context));
    const log = JSON.parse(whole);
    expect(log.runs[0].results.length).toBeGreaterThanOrEqual(5000);
    expect(log.runs[0].invocations[0].toolExecutionNotifications).toHaveLength(1);
    expect(whole).toBe(`${JSON.stringify(log, null, 2)}\n`);
  });
});
