import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareNames } from "../src/text/compare-names.js";

const root = new Intl.Collator("en");
const simple = fc.string({ unit: fc.constantFrom(..."_-.0123456789abcxyzABCXYZ"), maxLength: 8 });
const any = fc.string({ unit: fc.constantFrom(..."_-.09aAzZ äÄåıIi~!/ "), maxLength: 6 });

describe("compareNames", () => {
  it("orders simple names as the root collation does (what localeCompare does in an English locale)", () => {
    fc.assert(
      fc.property(simple, simple, (a, b) => {
        expect(compareNames(a, b)).toBe(Math.sign(root.compare(a, b)));
      }),
      { numRuns: 20_000 },
    );
  });

  it("orders any other name by the root collation too, so one sort mixes both alike", () => {
    fc.assert(
      fc.property(fc.oneof(simple, any), fc.oneof(simple, any), (a, b) => {
        expect(Math.sign(compareNames(a, b))).toBe(Math.sign(root.compare(a, b)));
      }),
      { numRuns: 5_000 },
    );
  });

  it("puts case after letters and punctuation before digits, whatever the machine's locale", () => {
    expect(["b", "aa", "Z", "app-10", "app-2", "app_1", "app.1", "A", "a", "äa", "ıb", "Ib"].sort(compareNames)).toEqual(["a", "A", "aa", "äa", "app_1", "app-10", "app-2", "app.1", "b", "Ib", "ıb", "Z"]);
  });
});
