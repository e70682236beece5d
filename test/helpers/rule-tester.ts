import { parse as parseWithSmolToml } from "smol-toml";
import { describe, expect, it } from "vitest";
import { fixText } from "../../src/engine/fix.js";
import { DEPLOY_STAGE_NOTE, lintText, type LintOptions } from "../../src/engine/lint.js";
import type { Rule } from "../../src/rules/types.js";
import { unmark } from "./marked.js";

export interface InvalidCase {
  /** The config, with each expected diagnostic's range marked ⟦…⟧ in order. */
  code: string;
  /** The expected messages, one per marked range. */
  messages: string[];
  /**
   * The text after applying this rule's fixes (safe and unsafe), or null when the rule offers no fix here.
   * Required for rules that declare a fix, as in ESLint's RuleTester.
   */
  output?: string | null;
  /** Files next to the config, for rules that read them (the Dockerfile). */
  files?: Record<string, string>;
}

export interface ValidCase {
  code: string;
  files?: Record<string, string>;
}

const oneLine = (text: string) => text.replace(/\r/g, "␍").replace(/\n/g, " ⏎ ");

function optionsFor(rule: Rule, files: Record<string, string> | undefined): LintOptions {
  return { rules: [rule], readSiblingFile: (path) => files?.[path] };
}

/**
 * Runs one rule alone. Valid configs give none of its diagnostics; invalid ones give exactly the marked
 * ones, and their fixed output is exact, parses with smol-toml, and no longer triggers the rule's fixes.
 */
export function testRule(rule: Rule, cases: { valid: (string | ValidCase)[]; invalid: InvalidCase[] }): void {
  describe(rule.meta.id, () => {
    const valid = cases.valid.map((c) => (typeof c === "string" ? { code: c } : c));
    it.each(valid.map((c) => [oneLine(c.code), c]))("valid: %s", (_title, c) => {
      expect(lintText(c.code, optionsFor(rule, c.files)).diagnostics).toEqual([]);
    });
    it.each(cases.invalid.map((c) => [oneLine(c.code), c]))("invalid: %s", (_title, c) => {
      const { text, ranges } = unmark(c.code);
      const options = optionsFor(rule, c.files);
      const diagnostics = lintText(text, options).diagnostics;
      const actual = diagnostics.map((d) => ({
        ruleId: d.ruleId,
        severity: d.severity,
        message: d.message,
        line: d.start.line,
        column: d.start.column,
        endLine: d.end.line,
        endColumn: d.end.column,
      }));
      // The engine ends every deploy-stage message with the same note (tested in engine.test.ts).
      const note = rule.meta.stage === "deploy" ? DEPLOY_STAGE_NOTE : "";
      const expected = ranges.map((range, i) => ({ ruleId: rule.meta.id, severity: rule.meta.severity, message: `${c.messages[i]}${note}`, ...range }));
      expect(actual).toEqual(expected);

      const fixable = diagnostics.some((d) => d.fix);
      if (rule.meta.fix && c.output === undefined) throw new Error(`${rule.meta.id}: invalid case needs an output (or null): ${text}`);
      if (c.output === null || c.output === undefined) {
        expect(fixable).toBe(false);
        return;
      }
      expect(fixable).toBe(true);
      const outcome = fixText(text, { ...options, unsafe: true });
      expect(outcome.output).toBe(c.output);
      expect(outcome.dropped).toEqual([]);
      expect(() => parseWithSmolToml(outcome.output.replace(/^\uFEFF/, ""))).not.toThrow();
      expect(outcome.result.diagnostics.filter((d) => d.fix)).toEqual([]);
    });
  });
}
