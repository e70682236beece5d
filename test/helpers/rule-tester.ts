import { describe, expect, it } from "vitest";
import { lintText } from "../../src/engine/lint.js";
import type { Rule } from "../../src/rules/types.js";
import { unmark } from "./marked.js";

export interface InvalidCase {
  /** The config, with each expected diagnostic's range marked ⟦…⟧ in order. */
  code: string;
  /** The expected messages, one per marked range. */
  messages: string[];
}

const oneLine = (text: string) => text.replace(/\n/g, " ⏎ ");

/** Runs one rule alone: valid configs give none of its diagnostics, invalid ones give exactly the marked ones. */
export function testRule(rule: Rule, cases: { valid: string[]; invalid: InvalidCase[] }): void {
  describe(rule.meta.id, () => {
    it.each(cases.valid.map((code) => [oneLine(code), code]))("valid: %s", (_title, code) => {
      expect(lintText(code, { rules: [rule] }).diagnostics).toEqual([]);
    });
    it.each(cases.invalid.map((c) => [oneLine(c.code), c]))("invalid: %s", (_title, c) => {
      const { text, ranges } = unmark(c.code);
      const actual = lintText(text, { rules: [rule] }).diagnostics.map((d) => ({
        ruleId: d.ruleId,
        severity: d.severity,
        message: d.message,
        line: d.start.line,
        column: d.start.column,
        endLine: d.end.line,
        endColumn: d.end.column,
      }));
      const expected = ranges.map((range, i) => ({ ruleId: rule.meta.id, severity: rule.meta.severity, message: c.messages[i], ...range }));
      expect(actual).toEqual(expected);
    });
  });
}
