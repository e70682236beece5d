import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { writePacked } from "../src/cli/terminal.js";

/** What writePacked hands its writer, as the list of writes (copied: the buffer is reused). */
function writesOf(texts: readonly string[]): Buffer[] {
  const writes: Buffer[] = [];
  writePacked(texts, (bytes) => writes.push(Buffer.from(bytes)));
  return writes;
}

describe("packed writes (a report's chunks to a descriptor)", () => {
  it("writes the UTF-8 of the texts one after another, nothing more and nothing lost", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "grapheme", maxLength: 40 })), (texts) => {
        expect(Buffer.concat(writesOf(texts)).equals(Buffer.from(texts.join(""), "utf8"))).toBe(true);
      }),
    );
  });

  it("packs many small texts into few large writes, and writes nothing for no text", () => {
    const texts = Array.from({ length: 1000 }, (_, i) => `${"x".repeat(16_000)}${i}\n`);
    const writes = writesOf(texts);
    // 16 MB of text in writes of up to 256 KB: one per text would be a syscall per chunk.
    expect(writes.length).toBeGreaterThan(50);
    expect(writes.length).toBeLessThan(100);
    expect(Math.max(...writes.map((bytes) => bytes.length))).toBeLessThanOrEqual(1 << 18);
    expect(Buffer.concat(writes).toString("utf8")).toBe(texts.join(""));
    expect(writesOf([])).toEqual([]);
    expect(writesOf(["", ""])).toEqual([]);
  });

  it("writes a text too long for the buffer alone, after what came before it, in order", () => {
    const long = "é".repeat(100_000);
    const texts = ["before\n", long, "after\n", "é€😀\n"];
    const writes = writesOf(texts);
    expect(writes.map((bytes) => bytes.length)).toEqual([7, Buffer.byteLength(long), Buffer.byteLength("after\né€😀\n")]);
    expect(Buffer.concat(writes).toString("utf8")).toBe(texts.join(""));
  });
});
