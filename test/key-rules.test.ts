import { describe, expect, it } from "vitest";
import { lintText } from "../src/engine/lint.js";
import { invalidValue } from "../src/rules/invalid-value.js";
import { keyCase } from "../src/rules/key-case.js";
import { unknownKey } from "../src/rules/unknown-key.js";
import { closestMatches, editDistance } from "../src/text/did-you-mean.js";
import { testRule } from "./helpers/rule-tester.js";

testRule(unknownKey, {
  valid: [
    `app = "web"\n[http_service]\ninternal_port = 8080`,
    `[env]\nANY_NAME = "x"\n[processes]\nany_group = "run"\n[checks.any_check]\ntype = "tcp"`,
    `[build.args]\nWHATEVER = "1"\n[build.settings]\nfree = { form = true }`,
    `[http_service.http_options.response.headers]\nx-anything = "y"`,
    `[[services]]\nInternal_Port = 8080 # a case variant is key-case's business`,
    // Apps V1 leftovers are v1-leftovers' business, which says what they were.
    `[[services]]\nscript_checks = []\n[experimental]\nprivate_network = true\nallowed_public_ports = []`,
  ],
  invalid: [
    { code: `⟦apps⟧ = "web"`, messages: [`Unknown key "apps" in the top-level table: flyctl ignores it. Did you mean "app"?`] },
    { code: `[⟦http_services⟧]\ninternal_port = 8080`, messages: [`Unknown key "http_services" in the top-level table: flyctl ignores it. Did you mean "http_service" or "services"?`] },
    { code: `[http_service]\n⟦intenral_port⟧ = 8080`, messages: [`Unknown key "intenral_port" in [http_service]: flyctl ignores it. Did you mean "internal_port"?`] },
    { code: `[[services]]\n⟦auto_stop⟧ = "stop"`, messages: [`Unknown key "auto_stop" in [[services]]: flyctl ignores it. Did you mean "auto_stop_machines"?`] },
    { code: `[[services]]\n[[services.ports]]\n⟦handler⟧ = ["http"]`, messages: [`Unknown key "handler" in [[services.ports]]: flyctl ignores it. Did you mean "handlers"?`] },
    { code: `[[vm]]\n⟦memory_gb⟧ = 2`, messages: [`Unknown key "memory_gb" in [[vm]]: flyctl ignores it. Did you mean "memory_mb" or "memory"?`] },
    { code: `[[mounts]]\n⟦dest⟧ = "/data"`, messages: [`Unknown key "dest" in [[mounts]]: flyctl ignores it. Did you mean "destination"?`] },
    { code: `[[metrics]]\n⟦ports⟧ = 9091`, messages: [`Unknown key "ports" in [[metrics]]: flyctl ignores it. Did you mean "port"?`] },
    { code: `[deploy]\n⟦processes⟧ = ["app"]`, messages: [`Unknown key "processes" in [deploy]: flyctl ignores it.`] },
    { code: `[[http_service.checks]]\n⟦processes⟧ = ["app"]`, messages: [`Unknown key "processes" in [[http_service.checks]]: flyctl ignores it.`] },
    { code: `[checks.alive]\ntype = "tcp"\n⟦kind⟧ = "tcp"`, messages: [`Unknown key "kind" in [checks.alive]: flyctl ignores it.`] },
    { code: `[http_service]\nconcurrency = { type = "requests", ⟦hard⟧ = 25 }`, messages: [`Unknown key "hard" in [http_service.concurrency]: flyctl ignores it. Did you mean "hard_limit"?`] },
    { code: `[http_service]\n⟦ports⟧ = []`, messages: [`Unknown key "ports" in [http_service]: flyctl ignores it. It is a key of [[services]], not of [http_service].`] },
    { code: `⟦internal_port⟧ = 8080`, messages: [`Unknown key "internal_port" in the top-level table: flyctl ignores it. It is a key of [http_service] and [[services]], not of the top-level table.`] },
    { code: `⟦Compute⟧ = { memory = "1gb" }`, messages: [`Unknown key "Compute" in the top-level table: flyctl ignores it.`] },
    { code: `[⟦unknown_section⟧.nested]\nkeys = "inside an unknown table are not reported again"`, messages: [`Unknown key "unknown_section" in the top-level table: flyctl ignores it.`] },
  ],
});

testRule(keyCase, {
  valid: [`[http_service]\ninternal_port = 8080`, `[env]\nPort = "8080" # env names are the user's own`],
  invalid: [
    { code: `[http_service]\n⟦Internal_Port⟧ = 8080`, messages: [`"Internal_Port" should be spelled "internal_port": flyctl accepts it ignoring case, but fly config validate --strict reports it and flyctl's legacy conversions skip it`], output: `[http_service]\ninternal_port = 8080` },
    { code: `[⟦Deploy⟧]\nstrategy = "rolling"`, messages: [`"Deploy" should be spelled "deploy": flyctl accepts it ignoring case, but fly config validate --strict reports it and flyctl's legacy conversions skip it`], output: `[deploy]\nstrategy = "rolling"` },
  ],
});

testRule(invalidValue, {
  valid: [`[env]\nRATIO = nan`, `[[services]]\ninternal_port = inf\n[[services.ports]]\nport = -inf`, `[[vm]]\nmemory = nan`, `kill_timeout = inf`],
  invalid: [
    { code: `[http_service]\ninternal_port = ⟦nan⟧`, messages: [`http_service.internal_port is nan, which flyctl cannot load (json: unsupported value); use a finite number`], output: null },
    { code: `extra = ⟦-inf⟧`, messages: [`extra is -inf, which flyctl cannot load (json: unsupported value); use a finite number`], output: null },
  ],
});

describe("closestMatches", () => {
  it.each([
    ["intenral_port", ["internal_port", "protocol"], ["internal_port"]],
    ["auto-stop-machines", ["auto_start_machines", "auto_stop_machines"], ["auto_stop_machines"]],
    ["http_services", ["http_service", "services"], ["http_service", "services"]],
    ["zzz", ["app", "build"], []],
  ])("%s → %j", (key, candidates, expected) => {
    expect(closestMatches(key, candidates)).toEqual(expected);
  });

  it("measures the optimal string alignment distance the textbook way", async () => {
    const fc = await import("fast-check");
    // The whole table, as the definition reads: insert, delete, substitute, swap two neighbours.
    const reference = (a: string, b: string): number => {
      const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
      for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
          const row = d[i] as number[];
          const above = d[i - 1] as number[];
          row[j] = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
        }
      }
      return (d[a.length] as number[])[b.length] as number;
    };
    const word = fc.string({ unit: fc.constantFrom("a", "b", "c", "_"), maxLength: 9 });
    fc.assert(fc.property(word, word, (a, b) => editDistance(a, b) === reference(a, b)), { numRuns: 3000 });
    // With a limit, a distance above it is the limit + 1, however early the rows show it.
    fc.assert(fc.property(word, word, fc.integer({ min: 0, max: 5 }), (a, b, limit) => editDistance(a, b, limit) === Math.min(reference(a, b), limit + 1)), { numRuns: 3000 });
    expect([editDistance("ca", "abc"), editDistance("", "abc"), editDistance("kitten", "sitting")]).toEqual([3, 3, 3]);
  });
});

describe("lintText", () => {
  it("reports only the syntax error when the file does not parse", () => {
    const result = lintText(`app = "x"\n[http_service\n`);
    expect(result.diagnostics.map((d) => [d.ruleId, d.severity, d.start.line, d.start.column])).toEqual([["toml-syntax", "error", 2, 14]]);
  });

  it("sorts diagnostics by position", () => {
    const result = lintText(`zzz = 1\n[http_service]\nauto_stop_machines = "yes"\nbogus = 1`, { rules: [unknownKey, invalidValue] });
    expect(result.diagnostics.map((d) => d.start.line)).toEqual([1, 3, 4]);
  });

  it("gives every diagnostic a docs URL for its rule", () => {
    const [diagnostic] = lintText(`zzz = 1`).diagnostics;
    expect(diagnostic?.docsUrl).toMatch(/docs\/rules\/unknown-key\.md$/);
  });
});


testRule(invalidValue, {
  valid: [],
  invalid: [
    { code: `kill_timeout = ⟦"30"⟧ # seconds`, messages: [`kill_timeout must be a duration with a unit, such as "10s" (got "30")`], output: `kill_timeout = "30s" # seconds` },
    { code: `[deploy]\r\nwait_timeout = ⟦'600'⟧\r\n`, messages: [`deploy.wait_timeout must be a duration with a unit, such as "10s" (a bare number here is read as nanoseconds) (got "600")`], output: `[deploy]\r\nwait_timeout = '600s'\r\n` },
    { code: `[[services]]\n[[services.tcp_checks]]\ninterval = ⟦"10"⟧`, messages: [`services[0].tcp_checks[0].interval must be a duration with a unit, such as "10s" (got "10")`], output: null },
  ],
});
