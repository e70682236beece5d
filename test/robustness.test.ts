import fc from "fast-check";
import { stringify } from "smol-toml";
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fixText } from "../src/engine/fix.js";
import { lintText } from "../src/engine/lint.js";
import { migrateText } from "../src/engine/migrate.js";
import { bin } from "./helpers/cli.js";

// Keys people actually write, at the levels they write them, so generated configs reach deep into the schema.
const keys = [
  "app", "http_service", "services", "internal_port", "ports", "port", "handlers", "checks", "interval", "timeout",
  "grace_period", "vm", "memory", "cpus", "size", "mounts", "source", "destination", "initial_size", "env", "processes",
  "build", "deploy", "strategy", "experimental", "cmd", "kill_timeout", "auto_stop_machines", "concurrency", "headers",
  "restart", "policy", "metrics", "statics", "files", "compute", "mount", "Internal_Port", "bogus", "name", "type",
];

const scalar = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constantFrom("5s", "10", "", "stop", "suspend", "1gb", "20,25", "8080"),
);

const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: "small", withCrossShrink: true }, scalar, tie("table"), tie("array")),
  table: fc.dictionary(fc.constantFrom(...keys), tie("node"), { maxKeys: 5 }),
  array: fc.oneof(fc.array(tie("table"), { maxLength: 3 }), fc.array(scalar, { maxLength: 3 })),
}));

describe("lintText on generated configs", () => {
  it("never throws and keeps every range inside the text", () => {
    fc.assert(
      fc.property(value.table, (config) => {
        let text: string;
        try {
          text = stringify(config);
        } catch {
          return; // a shape TOML cannot write
        }
        const result = lintText(text);
        for (const d of result.diagnostics) {
          expect(d.range.start).toBeGreaterThanOrEqual(0);
          expect(d.range.end).toBeGreaterThanOrEqual(d.range.start);
          expect(d.range.end).toBeLessThanOrEqual(result.text.length);
          expect(d.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("never throws on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const result = lintText(text);
        expect(Array.isArray(result.diagnostics)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

// Valid TOML that once overflowed the call stack (toml-eslint-parser's String.fromCodePoint(...codes) on a
// long string; recursive walks on deep arrays and long dotted keys).
const oversized = {
  "a quoted string of 200,000 characters": `app = "${"a".repeat(200_000)}"\n`,
  "arrays nested 2,400 deep": `a = ${"[".repeat(2400)}${"]".repeat(2400)}\n`,
  "inline tables nested 2,400 deep": `a = ${"{ b = ".repeat(2400)}1${" }".repeat(2400)}\n`,
  "a dotted key of 2,100 parts": `${Array(2100).fill("a").join(".")} = 1\n`,
  "a header of 2,100 parts": `[${Array(2100).fill("a").join(".")}]\n`,
};

describe("oversized input", () => {
  for (const [name, text] of Object.entries(oversized)) {
    it(`${name}: lint, fix and migrate return diagnostics instead of throwing`, () => {
      const result = lintText(text);
      expect(fixText(text, { unsafe: true }).output).toBeTypeOf("string");
      expect(migrateText(text).status).toBeTypeOf("string");
      if (name.startsWith("a quoted string")) {
        expect(result.diagnostics.map((d) => d.ruleId)).not.toContain("nesting-limit");
      } else {
        const limit = result.diagnostics.find((d) => d.ruleId === "nesting-limit");
        expect(limit?.severity).toBe("error");
        expect(limit?.message).toMatch(/^This value is nested \d+ levels deep .*flylint checks up to 100/);
        expect(limit?.start.line).toBe(1);
      }
    });
  }

  it("the CLI reports them with an exit code, never an internal error", () => {
    const folder = mkdtempSync(join(tmpdir(), "flylint-oversized-"));
    try {
      const files = Object.values(oversized).map((text, i) => {
        const file = join(folder, `fly.${i}.toml`);
        writeFileSync(file, text);
        return file;
      });
      const run = spawnSync(process.execPath, [bin, "--format", "json", ...files], { encoding: "utf8" });
      expect(run.stderr).toBe("");
      expect(run.status).toBe(1);
      const report = JSON.parse(run.stdout) as { files: { diagnostics: { ruleId: string }[] }[] };
      expect(report.files.filter((r) => r.diagnostics.some((d) => d.ruleId === "nesting-limit"))).toHaveLength(4);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("nesting up to the limit is checked as usual", () => {
    expect(lintText(`a = ${"[".repeat(99)}${"]".repeat(99)}\n`).diagnostics.map((d) => d.ruleId)).not.toContain("nesting-limit");
    expect(lintText(`a = ${"[".repeat(100)}${"]".repeat(100)}\n`).diagnostics.map((d) => d.ruleId)).toContain("nesting-limit");
    // Brackets inside strings and comments do not count.
    expect(lintText(`a = "${"[".repeat(300)}" # ${"{".repeat(300)}\nb = '''${"[".repeat(300)}'''\n`).diagnostics.map((d) => d.ruleId)).not.toContain("nesting-limit");
  });
});
