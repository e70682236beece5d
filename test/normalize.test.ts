import { describe, expect, it } from "vitest";
import type { PlainValue } from "../src/document/located.js";
import { parseDocument } from "../src/document/parse.js";
import { normalize, sameConfig } from "../src/model/normalize.js";
import { analyzeDocument } from "../src/schema/analyze.js";

function load(text: string): Record<string, PlainValue> {
  const parsed = parseDocument(text);
  if (!parsed.ok) throw new Error(parsed.problem.message);
  return normalize(analyzeDocument(parsed.document.root).canonical) as Record<string, PlainValue>;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

describe("normalize: the value it is given", () => {
  // One input per patch (the ones below): a patch that edited a table of the canonical value in place
  // would throw here, since test files are modules and so strict mode.
  it.each([
    `[[env]]\nFOO = "BAR"\nTWO = 2\n[[env]]\nTRUE = true`,
    `[env]\nTWO = 2`,
    `[services]\ninternal_port = "8080"\nconcurrency = "12,23"\n[services.ports]\nport = "80"\n[[services.tcp_checks]]\ninterval = 10000\n[[services.http_checks]]\nheaders = [{ name = "origin", value = "x" }]`,
    `[[processes]]\nname = "web"\ncommand = "./web"`,
    `app = "foo"\n[experimental]\ncmd = "cmd"\nentrypoint = "sh"\nkill_timeout = 3\nmetrics_port = 9000`,
    `[[checks]]\nname = "alive"\ninterval = 15000\nheaders = { a = 1 }`,
    `[vm]\nmemory = 512\n[[compute]]\ncpus = 2\n[mount]\ninitial_size = 200\n[metrics]\nport = 9999`,
    `kill_timeout = 120`,
    `[build]\nbuild-target = "a"\nbuild_target = "b"`,
    `[http_service]\ninternal_port = 8080\nauto_stop_machines = true\n[[http_service.checks]]\ninterval = "10s"`,
  ])("is never changed, and normalizes as a fresh copy does: %s", (text) => {
    const parsed = parseDocument(text);
    if (!parsed.ok) throw new Error(parsed.problem.message);
    const canonical = analyzeDocument(parsed.document.root).canonical;
    const expected = normalize(structuredClone(canonical));
    expect(normalize(deepFreeze(canonical))).toEqual(expected);
  });
});

// Before/after pairs of fly-toml-model.md §2, each from a flyctl test or a verified run.
describe("normalize: flyctl's patches", () => {
  it("P1 merges [[env]] and renders values with %v", () => {
    expect(load(`[[env]]\nFOO = "BAR"\nTWO = 2\n[[env]]\nTRUE = true\nF = 1.0\nL = ["a", 1]`)["env"]).toEqual({ FOO: "BAR", TWO: "2", TRUE: "true", F: "1", L: "[a 1]" });
  });

  it("P2 wraps services and ports, converts ports, concurrency and check timings", () => {
    const config = load(`[services]\ninternal_port = "8080"\nconcurrency = "12,23"\nauto_stop_machines = false\n[services.ports]\nport = "80"\nhandlers = ["http"]\n[[services.tcp_checks]]\ninterval = 10000\ntimeout = 2000\n[[services.http_checks]]\ngrace_period = ""\ninterval = "20s"\nheaders = [{ name = "origin", value = "x" }]`);
    expect(config["services"]).toEqual([
      {
        internal_port: 8080,
        concurrency: { type: "requests", soft_limit: 12, hard_limit: 23 },
        auto_stop_machines: "off",
        ports: [{ port: 80, handlers: ["http"] }],
        tcp_checks: [{ interval: 10e9, timeout: 2e9 }],
        http_checks: [{ interval: 20e9, headers: { origin: "x" } }],
      },
    ]);
  });

  it("P2 drops empty services and empty check lists", () => {
    expect(load(`[[services]]\n[[services]]\ninternal_port = 1\ntcp_checks = []`)["services"]).toEqual([{ internal_port: 1, ports: [] }]);
  });

  it("P3 turns [[processes]] into a table and drops an empty list", () => {
    expect(load(`[[processes]]\nname = "web"\ncommand = "./web"\n[[processes]]\ncommand = "skipped"`)["processes"]).toEqual({ web: "./web" });
    expect(load(`processes = []`)["processes"]).toBeUndefined();
  });

  it("P4 hoists experimental kill_timeout and metrics, and wraps command strings", () => {
    const config = load(`app = "foo"\n[experimental]\ncmd = "cmd"\nkill_timeout = 3\nmetrics_port = 9000\nmetrics_path = "/foo"`);
    expect(config).toEqual({ app: "foo", kill_timeout: 3e9, experimental: { cmd: ["cmd"] }, metrics: [{ port: 9000, path: "/foo" }] });
  });

  it("P5 keys [[checks]] by name and patches timings and headers", () => {
    expect(load(`[[checks]]\nname = "alive"\ntype = "tcp"\nport = 8080\ninterval = 15000\n[[checks]]\nname = "pg"\ntype = "http"\nheaders = []`)["checks"]).toEqual({
      alive: { type: "tcp", port: 8080, interval: 15e9 },
      pg: { type: "http" },
    });
  });

  it("P6-P8 concatenate legacy sections in flyctl's order and render sizes with %v", () => {
    const config = load(`[vm]\nmemory = 512\n[[compute]]\ncpus = 2\n[mount]\nsource = "data"\ninitial_size = 200\n[[mounts]]\nsource = "more"\n[metrics]\nport = 9999`);
    expect(config["vm"]).toEqual([{ cpus: 2 }, { memory: "512" }]);
    expect(config["mounts"]).toEqual([{ source: "data", initial_size: "200" }, { source: "more" }]);
    expect(config["metrics"]).toEqual([{ port: 9999 }]);
  });

  it("P9 reads a number kill_timeout as seconds and drops other types", () => {
    expect(load(`kill_timeout = 120`)["kill_timeout"]).toBe(120e9);
    expect(load(`kill_timeout = true`)["kill_timeout"]).toBeUndefined();
  });

  it("P10 renames build_target, which wins over build-target", () => {
    expect(load(`[build]\nbuild-target = "a"\nbuild_target = "b"`)["build"]).toEqual({ "build-target": "b" });
  });

  it("drops keys flyctl's structs do not have, legacy leftovers and unused fields", () => {
    expect(load(`app = "x"\nbogus = 1\n[experimental]\nauto_rollback = true\nprivate_network = true`)).toEqual({ app: "x" });
  });

  it("decodes durations of struct fields only: a map's values stay strings whatever their keys are called", () => {
    const config = load(`[env]\ntimeout = "5s"\n[build.args]\ngrace_period = "1m"\n[deploy]\nwait_timeout = "5m"\n[[services]]\n[[services.tcp_checks]]\ninterval = "15s"`);
    expect(config["env"]).toEqual({ timeout: "5s" });
    expect(config["build"]).toEqual({ args: { grace_period: "1m" } });
    expect(config["deploy"]).toEqual({ wait_timeout: 300e9 });
    expect((config["services"] as Record<string, PlainValue>[])[0]?.["tcp_checks"]).toEqual([{ interval: 15e9 }]);
  });

  it("keeps a key named __proto__ as a key: the config inherits nothing from its value", () => {
    const parsed = parseDocument(`[http_service]\ninternal_port = 8080\n[http_service.__proto__]\nforce_https = "yes"\n[env.__proto__]\nA = "b"`);
    if (!parsed.ok) throw new Error(parsed.problem.message);
    const canonical = analyzeDocument(parsed.document.root).canonical as Record<string, Record<string, PlainValue>>;
    const http = canonical["http_service"] as Record<string, PlainValue>;
    expect(Object.getPrototypeOf(http)).toBe(Object.prototype);
    expect(http["force_https"]).toBeUndefined();
    expect(Object.keys(http)).toEqual(["internal_port", "__proto__"]);
    // flyctl drops the unknown field, and renders the [env] table's value with %v (patchEnv).
    const config = normalize(canonical) as Record<string, PlainValue>;
    expect(JSON.stringify(config["env"])).toBe(`{"__proto__":"map[A:b]"}`);
    expect(JSON.stringify(config["services"])).not.toContain("force_https");
  });

  it("drops keys named like a property of every JavaScript object, which no Go struct has either", () => {
    expect(load(`app = "x"\nconstructor = 1\ntoString = "y"\n[build]\n__proto__ = "z"\nimage = "i"`)).toEqual({ app: "x", build: { image: "i" } });
    // In a map they are keys like any other.
    expect(load(`app = "x"\n[env]\nconstructor = "1"`)).toEqual({ app: "x", env: { constructor: "1" } });
  });

  it("reads an [http_service] as the service it expands into", () => {
    const short = load(`[http_service]\ninternal_port = 8080\nforce_https = true`);
    const long = load(`[[services]]\nprotocol = "tcp"\ninternal_port = 8080\n[[services.ports]]\nport = 80\nhandlers = ["http"]\nforce_https = true\n[[services.ports]]\nport = 443\nhandlers = ["tls", "http"]`);
    expect(sameConfig(short, long)).toBe(true);
    expect(sameConfig(short, load(`[http_service]\ninternal_port = 8081\nforce_https = true`))).toBe(false);
  });
});

describe("sameConfig", () => {
  /** What sameConfig must agree with: the values' JSON texts with keys sorted, compared. */
  function stableText(value: unknown): string {
    if (Array.isArray(value)) return `[${value.map(stableText).join(",")}]`;
    if (typeof value === "object" && value !== null) {
      const table = value as Record<string, unknown>;
      return `{${Object.keys(table).sort().map((key) => `${JSON.stringify(key)}:${stableText(table[key])}`).join(",")}}`;
    }
    return JSON.stringify(value);
  }

  it("is true exactly when the values' key-sorted JSON texts are equal", async () => {
    const fc = await import("fast-check");
    const scalar = fc.constantFrom<PlainValue>(0, -0, 1, Number.NaN, Number.POSITIVE_INFINITY, "", "x", "0", true, false);
    const { value } = fc.letrec<{ value: PlainValue }>((tie) => ({
      value: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        scalar,
        fc.array(tie("value"), { maxLength: 3 }),
        fc.dictionary(fc.constantFrom("a", "b", "c"), tie("value"), { maxKeys: 3 }),
      ),
    }));
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(sameConfig(a, b)).toBe(stableText(a) === stableText(b));
        // Key order never matters.
        expect(sameConfig(a, structuredClone(a))).toBe(true);
      }),
      { numRuns: 5000 },
    );
    expect(sameConfig({ a: 1, b: [2] }, { b: [2], a: 1 })).toBe(true);
    expect(sameConfig({ a: Number.NaN }, { a: Number.POSITIVE_INFINITY })).toBe(true);
  });
});
