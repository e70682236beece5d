import { describe, expect, it, vi } from "vitest";

// Counts what the engine pays per pass: every independent re-parse (smol-toml) and every lint.
const counts = vi.hoisted(() => ({ independentParses: 0, lints: 0 }));
vi.mock("smol-toml", async (importOriginal) => {
  const original = await importOriginal<typeof import("smol-toml")>();
  return { ...original, parse: (...args: Parameters<typeof original.parse>) => (counts.independentParses++, original.parse(...args)) };
});
vi.mock("../src/engine/lint.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../src/engine/lint.js")>();
  return { ...original, lintAndAnalyze: (...args: Parameters<typeof original.lintAndAnalyze>) => (counts.lints++, original.lintAndAnalyze(...args)) };
});

import { fixText } from "../src/engine/fix.js";
import type { Rule, TextEdit } from "../src/rules/types.js";

function resetCounts(): void {
  counts.independentParses = 0;
  counts.lints = 0;
}

/** Fixes every `kN = 1` to `kN = 2`, each with its own edit. */
const bump: Rule = {
  meta: { id: "bump", description: "test", severity: "warning", stage: "advice", fix: "safe" },
  check(context) {
    for (const [key, entry] of context.document.root.entries) {
      const node = entry.node;
      if (key.startsWith("k") && node.kind === "scalar" && node.value === 1) {
        context.report({ range: node.range, message: `bump ${key}`, fix: { title: "bump", edits: [{ ...node.range, text: "2" }] } });
      }
    }
  },
};

/** Fixes `bad = 1` into text that does not parse. */
const breaker: Rule = {
  meta: { id: "breaker", description: "test", severity: "warning", stage: "advice", fix: "safe" },
  check(context) {
    const node = context.document.root.entries.get("bad")?.node;
    if (node?.kind === "scalar" && node.value === 1) context.report({ range: node.range, message: "break", fix: { title: "break", edits: [{ ...node.range, text: "[" }] } });
  },
};

function keys(count: number, at?: number): string {
  return Array.from({ length: count }, (_, i) => (i === at ? "bad = 1\n" : `k${i} = 1\n`)).join("");
}

describe("the fix engine's work per pass", () => {
  it("applies many non-overlapping fixes in one pass, with one re-parse and one lint of the result", () => {
    const text = keys(500);
    resetCounts();
    const outcome = fixText(text, { rules: [bump] });
    expect(outcome.output).toBe(text.replace(/= 1/g, "= 2"));
    expect(outcome.applied).toHaveLength(500);
    expect(outcome.passes).toBe(1);
    expect(outcome.dropped).toEqual([]);
    // The input's lint, then the pass's one check; the check's lint is the next pass's lint, which finds nothing.
    expect(counts.independentParses).toBe(1);
    expect(counts.lints).toBe(2);
  });

  it("does the same work for 50 fixes as for 1,000: one check per pass, whatever the number of fixes", () => {
    const work = (count: number) => {
      resetCounts();
      fixText(keys(count), { rules: [bump] });
      return { ...counts };
    };
    expect(work(1_000)).toEqual(work(50));
  });

  it("bisects a failing pass down to the bad fix, applying all the others", () => {
    const text = keys(256, 100);
    resetCounts();
    const outcome = fixText(text, { rules: [bump, breaker] });
    expect(outcome.output).toBe(text.replace(/k(\d+) = 1/g, "k$1 = 2"));
    expect(outcome.applied).toHaveLength(255);
    expect(outcome.dropped.map((d) => [d.diagnostic.ruleId, d.reason])).toEqual([["breaker", "unparseable"]]);
    // Halving 256 fixes down to one takes 8 levels of at most 2 checks; the next pass tries the bad fix alone once.
    expect(counts.independentParses).toBeLessThanOrEqual(1 + 2 * 8 + 1);
    expect(counts.independentParses).toBeGreaterThan(1);
  });

  it("reports a bad fix once, with its reason, when every pass proposes it again", () => {
    const outcome = fixText(keys(8, 3), { rules: [bump, breaker] });
    expect(outcome.dropped).toHaveLength(1);
    expect(outcome.dropped[0]?.reason).toBe("unparseable");
    expect(outcome.dropped[0]?.diagnostic.ruleId).toBe("breaker");
  });

  it("finds several bad fixes in one pass", () => {
    const breakers: Rule = {
      ...breaker,
      check(context) {
        for (const [key, entry] of context.document.root.entries) {
          if (key.startsWith("bad") && entry.node.kind === "scalar" && entry.node.value === 1) {
            context.report({ range: entry.node.range, message: `break ${key}`, fix: { title: "break", edits: [{ ...entry.node.range, text: "[" }] } });
          }
        }
      },
    };
    const text = Array.from({ length: 40 }, (_, i) => (i === 10 ? "bad1 = 1\n" : i === 33 ? "bad2 = 1\n" : `k${i} = 1\n`)).join("");
    const outcome = fixText(text, { rules: [bump, breakers] });
    expect(outcome.dropped.map((d) => d.diagnostic.message).sort()).toEqual(["break bad1", "break bad2"]);
    expect(outcome.output).toContain("bad1 = 1\n");
    expect(outcome.output).not.toMatch(/k\d+ = 1/);
  });
});

describe("overlap between the fixes of a pass", () => {
  /** Reports one diagnostic per entry in file order, each with the edits the table gives for its key. */
  const scripted = (editsFor: Record<string, TextEdit[]>): Rule => ({
    meta: { id: "scripted", description: "test", severity: "warning", stage: "advice", fix: "unsafe" },
    check(context) {
      for (const [key, entry] of context.document.root.entries) {
        const edits = editsFor[key];
        if (edits && entry.node.kind === "scalar" && entry.node.value === 1) context.report({ range: entry.node.range, message: key, fix: { title: key, edits } });
      }
    },
  });

  it("takes the first of two overlapping fixes in report order, whatever order their edits come in", () => {
    const text = "a = 1\nb = 1\nc = 1\nd = 1\n";
    const at = (line: number, from: number, to: number, replacement: string): TextEdit => ({ start: line * 6 + from, end: line * 6 + to, text: replacement });
    // a's fix edits d's value, b's edits a's, d's edits b's: taken edits arrive out of file order.
    // c's fix rewrites d's line, which overlaps a's edit: it waits for the next pass.
    const rule = scripted({ a: [at(3, 4, 5, "4")], b: [at(0, 4, 5, "2")], c: [at(3, 0, 5, "d = 9"), at(2, 4, 5, "0")], d: [at(1, 4, 5, "3")] });
    const outcome = fixText(text, { rules: [rule], unsafe: true });
    expect(outcome.applied.map((d) => d.message)).toEqual(["a", "b", "d", "c"]);
    expect(outcome.passes).toBe(2);
    expect(outcome.output).toBe("a = 2\nb = 3\nc = 0\nd = 9\n");
  });

  it("lets two insertions at one offset collide, and an insertion touch a replaced range", () => {
    const text = "a = 1\nb = 1\nc = 1\n";
    const rule = scripted({
      a: [{ start: 6, end: 6, text: "x = 0\n" }, { start: 4, end: 5, text: "0" }],
      b: [{ start: 6, end: 6, text: "y = 0\n" }, { start: 10, end: 11, text: "0" }],
      c: [{ start: 6, end: 12, text: "b = 7\n" }, { start: 16, end: 17, text: "0" }],
    });
    const outcome = fixText(text, { rules: [rule], unsafe: true });
    expect(outcome.applied.map((d) => d.message)).toEqual(["a", "c"]);
    expect(outcome.output).toBe("a = 0\nx = 0\nb = 7\nc = 0\n");
  });

  it("counts a fix made of edits another fix of the pass makes as applied with it", () => {
    // Both report while a = 1, with the same edit, as v1-leftovers does for a table of leftovers.
    const sharing: Rule = {
      meta: { id: "sharing", description: "test", severity: "warning", stage: "advice", fix: "safe" },
      check(context) {
        const a = context.document.root.entries.get("a")?.node;
        if (a?.kind !== "scalar" || a.value !== 1) return;
        for (const key of ["a", "b"]) context.report({ range: a.range, message: key, fix: { title: key, edits: [{ ...a.range, text: "2" }] } });
      },
    };
    const outcome = fixText("a = 1\nb = 1\n", { rules: [sharing] });
    expect(outcome.output).toBe("a = 2\nb = 1\n");
    expect(outcome.applied.map((d) => d.message)).toEqual(["a", "b"]);
  });
});
