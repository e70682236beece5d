import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import ajvDraft04 from "ajv-draft-04";
import { describe, expect, it } from "vitest";
import { lintText } from "../src/engine/lint.js";
import { compact } from "../src/formatters/compact.js";
import { github } from "../src/formatters/github.js";
import { gitlab } from "../src/formatters/gitlab.js";
import { json } from "../src/formatters/json.js";
import { sarif } from "../src/formatters/sarif.js";
import { stylish } from "../src/formatters/stylish.js";
import type { FormatContext } from "../src/formatters/types.js";

// One multi-file result for every format: a broken file, a file with problems of every severity, a clean one.
const cwd = "/repo";
const results = [
  lintText(`app = "x\n`, { filePath: "/repo/apps/api/fly.toml" }),
  lintText(`app = "web"\nbogus = 1\n[http_service]\n  internal_port = 8080\n  auto_stop_machines = "yes, please"\n`, { filePath: "/repo/fly.toml" }),
  lintText(`app = "ok"\n`, { filePath: "/repo/clean/fly.toml" }),
];
const context: FormatContext = { cwd, color: false, toolVersion: "9.9.9" };

describe("formats", () => {
  it("every format reports a file with 150,000 problems (a 5 MB legacy config has 140,000: spread as arguments they overflowed the stack)", { timeout: 120_000 }, () => {
    const one = results[1]!.diagnostics[0]!;
    const many = [{ filePath: "/repo/fly.toml", text: results[1]!.text, diagnostics: Array.from({ length: 150_000 }, () => one) }];
    expect(stylish(many, context)).toContain("150000 problems");
    expect(stylish(many, { ...context, fixMode: "dry-run" })).toContain("150000 problems");
    for (const format of [compact, github, gitlab, json, sarif]) expect(format(many, context).length).toBeGreaterThan(150_000);
  });

  it("compact: one line per problem", () => {
    const lines = compact(results, context).split("\n");
    expect(lines[0]).toBe("apps/api/fly.toml:1:9: error TOML syntax error: Unterminated string constant [toml-syntax]");
    expect(lines[1]).toBe(`fly.toml:2:1: warning Unknown key "bogus" in the top-level table: flyctl ignores it. [unknown-key]`);
    expect(lines[2]).toMatch(/^fly\.toml:3:2: info Process group "app" gets 2 always-on Machines on its first deploy: .* \[ha-two-machines\]$/);
    expect(lines[3]).toBe(`fly.toml:5:24: error http_service.auto_stop_machines must be "off", "stop" or "suspend", or a boolean (got "yes, please") [invalid-value]`);
    expect(lines.slice(4)).toEqual([""]);
  });

  it("github: workflow commands with escaped properties and data", () => {
    const lines = github(results, context).trimEnd().split("\n");
    expect(lines[0]).toBe("::error file=apps/api/fly.toml,line=1,col=9,endLine=1,endColumn=9,title=toml-syntax::TOML syntax error: Unterminated string constant");
    expect(lines[1]).toBe(`::warning file=fly.toml,line=2,col=1,endLine=2,endColumn=6,title=unknown-key::Unknown key "bogus" in the top-level table: flyctl ignores it.`);
    expect(lines[2]).toMatch(/^::notice file=fly\.toml,line=3,col=2,endLine=3,endColumn=14,title=ha-two-machines::/);
    expect(lines[3]).toBe(`::error file=fly.toml,line=5,col=24,endLine=5,endColumn=37,title=invalid-value::http_service.auto_stop_machines must be "off", "stop" or "suspend", or a boolean (got "yes, please")`);
    const multiLine = github([{ filePath: "/repo/a,b:c.toml", text: "", diagnostics: [{ ...results[1]!.diagnostics[0]!, message: "50% done\r\nnext line" }] }], context);
    expect(multiLine).toBe("::warning file=a%2Cb%3Ac.toml,line=2,col=1,endLine=2,endColumn=6,title=unknown-key::50%25 done%0D%0Anext line\n");
  });

  it("gitlab: Code Quality issues with stable fingerprints", () => {
    const issues = JSON.parse(gitlab(results, context));
    expect(issues).toHaveLength(4);
    expect(issues[3]).toEqual({
      description: `http_service.auto_stop_machines must be "off", "stop" or "suspend", or a boolean (got "yes, please")`,
      check_name: "invalid-value",
      fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
      severity: "major",
      location: { path: "fly.toml", positions: { begin: { line: 5, column: 24 }, end: { line: 5, column: 37 } } },
    });
    expect(issues.map((i: { severity: string }) => i.severity)).toEqual(["major", "minor", "info", "major"]);
    expect(JSON.parse(gitlab(results, context))[3].fingerprint).toBe(issues[3].fingerprint);
    expect(new Set(issues.map((i: { fingerprint: string }) => i.fingerprint)).size).toBe(4);
  });

  it("json: the versioned report, stage on every diagnostic", () => {
    const report = JSON.parse(json(results, context));
    expect(report.files.map((f: { path: string; errorCount: number }) => [f.path, f.errorCount])).toEqual([["apps/api/fly.toml", 1], ["fly.toml", 1], ["clean/fly.toml", 0]]);
    expect(report.files[1].diagnostics.map((d: { stage: string }) => d.stage)).toEqual(["advice", "advice", "load"]);
  });

  it("stylish: paths, positions, frames and the summary", () => {
    const text = stylish(results, context);
    expect(text).toContain("apps/api/fly.toml\n  1:9  error  TOML syntax error: Unterminated string constant  toml-syntax\n");
    expect(text).toContain("✖ 4 problems (2 errors, 1 warning, 1 info)\n");
    expect(text).not.toContain("clean/fly.toml");
  });

  it("stylish and json: the same report from files' parts made ahead (as lint workers make them), some or all", () => {
    const contexts: FormatContext[] = [context, { ...context, color: true }, { ...context, fixMode: "dry-run" }];
    for (const formatter of [stylish, json]) {
      for (const ctx of contexts) {
        const parts = results.map((result) => formatter.part(result, ctx));
        expect([...formatter.framed(results, parts, ctx)].join("")).toBe(formatter(results, ctx));
        expect([...formatter.framed(results, [parts[0], undefined, parts[2]], ctx)].join("")).toBe(formatter(results, ctx));
      }
    }
    // A clean file has no part of the stylish report, and nothing says there were problems when none were.
    expect(stylish.part(results[2]!, context)).toBe("");
    expect([...stylish.framed([results[2]!], [""], context)].join("")).toBe("");
  });

  describe("sarif", () => {
    const log = JSON.parse(sarif(results, context));

    it("validates against the official SARIF 2.1.0 JSON Schema", () => {
      // The schema ships with @microsoft/jest-sarif; it is draft-04, hence ajv-draft-04.
      const schemaPath = join(dirname(createRequire(import.meta.url).resolve("@microsoft/jest-sarif/package.json")), "lib", "schemas", "sarif-2.1.0-rtm.5.json");
      // Its patterns predate the u flag ("[a-zA-Z]{2}]?" has a stray bracket), so they compile without it.
      // A CommonJS module whose class is its default export.
      const AjvDraft04 = (ajvDraft04 as unknown as { default: typeof ajvDraft04 }).default ?? ajvDraft04;
      const ajv = new (AjvDraft04 as unknown as new (options: object) => { compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown } })({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
      const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));
      expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    });

    it("carries rule metadata with help URIs, results with 1-based regions and stage", () => {
      const run = log.runs[0];
      expect(run.tool.driver).toMatchObject({ name: "flylint", version: "9.9.9" });
      const invalid = run.tool.driver.rules.find((r: { id: string }) => r.id === "invalid-value");
      expect(invalid).toMatchObject({ helpUri: expect.stringMatching(/docs\/rules\/invalid-value\.md$/), defaultConfiguration: { level: "error" }, properties: { stage: "load" } });
      expect(run.results).toHaveLength(3);
      expect(run.results[2]).toMatchObject({
        ruleId: "invalid-value",
        level: "error",
        ruleIndex: run.tool.driver.rules.indexOf(invalid),
        properties: { stage: "load" },
        locations: [{ physicalLocation: { artifactLocation: { uri: "fly.toml" }, region: { startLine: 5, startColumn: 24, endLine: 5, endColumn: 37 } } }],
      });
      expect(run.results.map((r: { level: string }) => r.level)).toEqual(["warning", "note", "error"]);
    });

    it("reports a file that does not parse as a tool notification, not a result", () => {
      const [notification] = log.runs[0].invocations[0].toolExecutionNotifications;
      expect(notification).toMatchObject({ level: "error", message: { text: "apps/api/fly.toml: TOML syntax error: Unterminated string constant" } });
      expect(log.runs[0].results.some((r: { ruleId: string }) => r.ruleId === "toml-syntax")).toBe(false);
    });
  });
});
