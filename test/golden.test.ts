import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseWithSmolToml } from "smol-toml";
import { describe, expect, it } from "vitest";
import { fixText } from "../src/engine/fix.js";
import { parseDocument } from "../src/document/parse.js";
import { normalize, sameConfig } from "../src/model/normalize.js";
import { findRule, migrationRuleIds, rules } from "../src/rules/index.js";
import { analyzeDocument } from "../src/schema/analyze.js";

// Golden fixtures: test/fixtures/<rule-id>/<name>.toml, linted by every rule and fixed by that rule's fixes
// only (unsafe ones included),
// becomes exactly <name>.fixed.toml, byte for byte (BOM and CRLF included). Sibling files such as a
// Dockerfile live in test/fixtures/<rule-id>/<name>/.
const fixtures = join(dirname(fileURLToPath(import.meta.url)), "fixtures");
const cases = readdirSync(fixtures)
  .filter((dir) => findRule(dir))
  .flatMap((dir) =>
    readdirSync(join(fixtures, dir))
      .filter((file) => file.endsWith(".toml") && !file.endsWith(".fixed.toml"))
      .map((file) => [dir, file] as const),
  );

function normalized(text: string) {
  const parsed = parseDocument(text);
  if (!parsed.ok) throw new Error("fixture does not parse");
  return normalize(analyzeDocument(parsed.document.root).canonical);
}

describe("golden fixtures", () => {
  it("exist for every rule that fixes", () => {
    const withFixtures = new Set(cases.map(([dir]) => dir));
    expect(rules.filter((rule) => rule.meta.fix && !withFixtures.has(rule.meta.id)).map((rule) => rule.meta.id)).toEqual([]);
  });

  it.each(cases)("%s/%s", (ruleId, file) => {
    const rule = findRule(ruleId);
    if (!rule) throw new Error(`no rule ${ruleId}`);
    const input = readFileSync(join(fixtures, ruleId, file), "utf8");
    const expected = readFileSync(join(fixtures, ruleId, file.replace(/\.toml$/, ".fixed.toml")), "utf8");
    const siblings = join(fixtures, ruleId, file.replace(/\.toml$/, ""));
    const readSiblingFile = (path: string) => (existsSync(join(siblings, path)) ? readFileSync(join(siblings, path), "utf8") : undefined);
    const outcome = fixText(input, { onlyRules: new Set([rule.meta.id]), unsafe: true, readSiblingFile });
    expect(outcome.output).toBe(expected);
    expect(outcome.applied.length).toBeGreaterThan(0);
    expect(() => parseWithSmolToml(outcome.output.replace(/^\uFEFF/, ""))).not.toThrow();
    expect(outcome.result.diagnostics.filter((d) => d.fix && d.ruleId === ruleId)).toEqual([]);
    // A migration is correct when flyctl reads the file the same before and after.
    if (migrationRuleIds.has(ruleId)) expect(sameConfig(normalized(input), normalized(outcome.output))).toBe(true);
  });
});
