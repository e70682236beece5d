import { describe, expect, it } from "vitest";
import { parse as parseWithSmolToml } from "smol-toml";
import { lintText } from "../src/engine/lint.js";
import { largeConfig, shapes } from "../scripts/bench/large-configs.mjs";

const size = 20_000;

describe("scripts/bench/large-configs.mjs", () => {
  it.each(shapes)("%s: at least the asked size, parses, loads without a problem", (shape) => {
    const text = largeConfig(shape, size);
    expect(text.length).toBeGreaterThanOrEqual(size);
    expect(text.length).toBeLessThan(size + 1_000);
    expect(() => parseWithSmolToml(text)).not.toThrow();
    const load = lintText(text).diagnostics.filter((d) => d.stage === "load" || d.ruleId === "toml-syntax");
    if (shape !== "legacy") expect(load).toEqual([]);
  });

  it("is deterministic", () => {
    for (const shape of shapes) expect(largeConfig(shape, 5_000)).toBe(largeConfig(shape, 5_000));
  });

  it("the legacy variant has a fix for every repeated part", () => {
    const fixes = lintText(largeConfig("legacy", size)).diagnostics.filter((d) => d.fix);
    expect(fixes.length).toBeGreaterThan(size / 100);
  });

  it("refuses an unknown shape", () => {
    expect(() => largeConfig("nope", 10)).toThrow(/unknown shape/);
  });
});
