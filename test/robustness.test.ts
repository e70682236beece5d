import fc from "fast-check";
import { stringify } from "smol-toml";
import { describe, expect, it } from "vitest";
import { lintText } from "../src/engine/lint.js";

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
