import fc from "fast-check";
import { describe, expect, it } from "vitest";
// @ts-expect-error: plain JavaScript shared with scripts/fuzz.mjs, so the fuzz run and these tests check the same promises.
import { checkGuarantees } from "../scripts/fuzz/guarantees.mjs";
// @ts-expect-error: plain JavaScript shared with scripts/fuzz.mjs.
import { mutate, randomSource } from "../scripts/fuzz/mutate.mjs";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument } from "../src/document/parse.js";
import { fixText } from "../src/engine/fix.js";
import { lintText } from "../src/engine/lint.js";
import { migrateText } from "../src/engine/migrate.js";
import { normalize, sameConfig } from "../src/model/normalize.js";
import { analyzeDocument } from "../src/schema/analyze.js";
import { root } from "./helpers/cli.js";

const lib = { lintText, fixText, migrateText, parseDocument, analyzeDocument, normalize, sameConfig };

function configOf(text: string) {
  const parsed = parseDocument(text);
  if (!parsed.ok) throw new Error("does not parse");
  return normalize(analyzeDocument(parsed.document.root).canonical);
}

function loadErrors(text: string): string[] {
  return lintText(text).diagnostics.filter((d) => d.stage === "load").map((d) => d.ruleId);
}

// Each of these once made --fix or migrate write a file flyctl refuses, or one it reads differently.
const reproductions: { name: string; text: string; fixed?: string }[] = [
  { name: "interval = inf", text: '[checks.web]\ntype = "tcp"\nport = 8080\ninterval = inf\n' },
  { name: "interval = nan", text: '[checks.web]\ntype = "tcp"\nport = 8080\ninterval = nan\n' },
  { name: "interval = 1e300", text: '[checks.web]\ntype = "tcp"\nport = 8080\ninterval = 1e300\n' },
  { name: "experimental.kill_timeout without a unit", text: '[experimental]\nkill_timeout = "3"\n' },
  { name: "experimental.kill_timeout moved, [experimental] removed", text: 'app = "x"\n\n[experimental]\nkill_timeout = 3\n', fixed: 'app = "x"\nkill_timeout = "3s"\n' },
  { name: "a dotted check key with an empty list", text: "[checks]\napp.grace_period = []\n" },
  { name: "a dotted check interval with an empty list", text: "[checks]\napp.interval = []\n" },
  { name: "an empty check list that is its service's only key", text: "[[services]]\nhttp_checks = []\n\n[[services]]\ninternal_port = 9090\nprotocol = \"tcp\"\n" },
  { name: "a process group whose command is an inline table", text: '[[processes]]\nname = "vpn"\ncommand = {}\n' },
];

describe("fixes never make a file worse", () => {
  for (const { name, text, fixed } of reproductions) {
    it(`${name}: --fix and migrate keep the config and add no load error`, () => {
      for (const output of [fixText(text).output, migrateText(text).output ?? text]) {
        expect(loadErrors(output).filter((id) => !loadErrors(text).includes(id))).toEqual([]);
        expect(sameConfig(configOf(output), configOf(text))).toBe(true);
      }
      // Unsafe fixes may change the config by design, never into one flyctl refuses.
      const unsafe = fixText(text, { unsafe: true }).output;
      expect(loadErrors(unsafe).filter((id) => !loadErrors(text).includes(id))).toEqual([]);
      if (fixed !== undefined) expect(fixText(text).output).toBe(fixed);
      expect(checkGuarantees(lib, text)).toEqual([]);
    });
  }

  it("reports a non-finite or huge check timing without converting it", () => {
    for (const value of ["inf", "nan", "1e300"]) {
      const result = lintText(`[checks.web]\ntype = "tcp"\nport = 8080\ninterval = ${value}\n`);
      const timing = result.diagnostics.find((d) => d.ruleId === "check-timing-number");
      expect(timing?.message).toMatch(/is not a number of milliseconds flyctl can turn into a duration/);
      expect(timing?.fix).toBeUndefined();
    }
  });
});

// Lines of the shapes that broke fixes, put together at random: the property tests' configs.
const values = fc.constantFrom("nan", "inf", "-inf", "1e300", "0", "-1", "1.5", "3", "10000", "[]", "{}", '""', '"3"', '"10s"', '"1gb"', '"8080"', "true", '"stop"', '"127.0.0.1"');
const keys = fc.constantFrom("interval", "timeout", "grace_period", "kill_timeout", "internal_port", "port", "auto_stop_machines", "memory", "http_checks", "tcp_checks", "command", "processes", "Interval", "KILL_TIMEOUT", "Internal_Port");
const headers = fc.constantFrom("[experimental]", "[[services]]", "[[services.ports]]", "[[services.http_checks]]", "[checks.web]", "[checks]", "[http_service]", "[[http_service.checks]]", "[[processes]]", "[env]", "[[vm]]", "[mount]", "[[statics]]", "[deploy]");
const section = fc.tuple(headers, fc.array(fc.tuple(fc.option(fc.constantFrom("app.", "web."), { nil: "" }), keys, values), { maxLength: 4 })).map(
  ([header, entries]) => `${header}\n${entries.map(([prefix, key, value]) => `${header === "[checks]" ? prefix : ""}${key} = ${value}`).join("\n")}\n`,
);
const config = fc
  .tuple(fc.array(fc.tuple(keys, values), { maxLength: 3 }), fc.array(section, { maxLength: 5 }), fc.boolean(), fc.boolean())
  .map(([top, sections, crlf, bom]) => {
    const text = `${top.map(([key, value]) => `${key} = ${value}\n`).join("")}${sections.join("\n")}`;
    return `${bom ? "\uFEFF" : ""}${crlf ? text.replace(/\n/g, "\r\n") : text}`;
  });

// These two check thousands of lint-and-fix runs: alone they take about a minute, and at load 26 on two
// cores one took 436 s. The limit only stops a hang; breadth is the fuzz script's job (npm run fuzz).
const hangOnlyMs = 900_000;

describe("fix guarantees on generated configs", () => {
  it("every safe fix and migrate re-parses, adds no load error, keeps normalize(), is idempotent and keeps BOM and CRLF", () => {
    fc.assert(
      fc.property(config, (text) => {
        expect(checkGuarantees(lib, text)).toEqual([]);
      }),
      { numRuns: 400 },
    );
  }, hangOnlyMs);

  it("holds on mutations of the bundled fixtures (a smoke run of the fuzz script's inputs)", () => {
    const seeds = readdirSync(join(root, "test/fixtures"), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith(".toml"))
      .map((entry) => readFileSync(join(entry.parentPath, entry.name), "utf8"));
    const failures: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const random = randomSource(i);
      const { text } = mutate(random.pick(seeds), random, seeds);
      const violations = checkGuarantees(lib, text);
      if (violations.length > 0) failures.push(`${JSON.stringify(text)}: ${violations.join("; ")}`);
    }
    expect(failures).toEqual([]);
  }, hangOnlyMs);
});
