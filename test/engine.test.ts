import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fixText } from "../src/engine/fix.js";
import { lintText, RuleContractError } from "../src/engine/lint.js";
import { applyEdits } from "../src/fixers/edits.js";
import { parse as parseWithSmolToml } from "smol-toml";
import { findRule } from "../src/rules/index.js";
import type { Rule } from "../src/rules/types.js";

function lintRule(id: string): Rule {
  const rule = findRule(id);
  if (!rule) throw new Error(`no rule ${id}`);
  return rule;
}

function fakeRule(id: string, fix: "safe" | "unsafe" | undefined, check: Rule["check"]): Rule {
  return { meta: { id, description: "test", severity: "warning", stage: "advice", ...(fix ? { fix } : {}) }, check };
}

/** Reports `a = 1` and fixes it to `a = 2`, then `a = 2` to `a = 3`: two passes to converge. */
const stepper = fakeRule("stepper", "safe", (context) => {
  const node = context.document.root.entries.get("a")?.node;
  if (node?.kind === "scalar" && typeof node.value === "number" && node.value < 3) {
    context.report({ range: node.range, message: "step", fix: { title: "step", edits: [{ ...node.range, text: String(node.value + 1) }] } });
  }
});

describe("the engine", () => {
  it("refuses a fix the rule's metadata does not declare", () => {
    const undeclared = fakeRule("undeclared", undefined, (context) => context.report({ range: { start: 0, end: 1 }, message: "x", fix: { title: "x", edits: [] } }));
    expect(() => lintText("a = 1", { rules: [undeclared] })).toThrow(RuleContractError);
  });

  it("runs fix passes until nothing changes", () => {
    const outcome = fixText("a = 1\n", { rules: [stepper] });
    expect(outcome.output).toBe("a = 3\n");
    expect(outcome.passes).toBe(2);
    expect(outcome.applied).toHaveLength(2);
  });

  it("drops a fix whose result does not parse, and applies the others", () => {
    const breaker = fakeRule("breaker", "safe", (context) => context.report({ range: { start: 0, end: 1 }, message: "x", fix: { title: "break", edits: [{ start: 0, end: 0, text: "[" }] } }));
    const outcome = fixText("a = 1\n", { rules: [breaker, stepper] });
    expect(outcome.output).toBe("a = 3\n");
    expect(outcome.dropped.map((d) => [d.diagnostic.ruleId, d.reason])).toEqual([["breaker", "unparseable"]]);
  });

  it("drops a fix whose result gains a load error, and applies the others", () => {
    // kill_timeout = "3" has no unit: invalid-value, a load error; the rule below writes it.
    const loadBreaker = fakeRule("load-breaker", "safe", (context) =>
      context.report({ range: { start: 0, end: 1 }, message: "x", fix: { title: "x", edits: [{ start: 0, end: 0, text: 'kill_timeout = "3"\n' }] } }),
    );
    const outcome = fixText("a = 1\n", { rules: [lintRule("invalid-value"), loadBreaker, stepper] });
    expect(outcome.output).toBe("a = 3\n");
    expect(outcome.dropped.map((d) => [d.diagnostic.ruleId, d.reason])).toEqual([["load-breaker", "load-error"]]);
  });

  it("drops a safe fix that changes what flyctl reads, but lets an unsafe one do so under --unsafe-fixes", () => {
    const portChanger = (fix: "safe" | "unsafe") =>
      fakeRule(`port-${fix}`, fix, (context) => {
        const node = context.document.root.entries.get("http_service")?.node;
        const port = node?.kind === "table" ? node.entries.get("internal_port")?.node : undefined;
        if (port?.kind === "scalar" && port.value === 8080) context.report({ range: port.range, message: "x", fix: { title: "x", edits: [{ ...port.range, text: "9090" }] } });
      });
    const text = "[http_service]\ninternal_port = 8080\n";
    const safe = fixText(text, { rules: [portChanger("safe")] });
    expect(safe.output).toBe(text);
    expect(safe.dropped.map((d) => d.reason)).toEqual(["config-changed"]);
    const unsafe = fixText(text, { rules: [portChanger("unsafe")], unsafe: true });
    expect(unsafe.output).toBe("[http_service]\ninternal_port = 9090\n");
    // What flylint migrate asks for: every fix, unsafe ones too, keeps the config.
    const migrating = fixText(text, { rules: [portChanger("unsafe")], unsafe: true, keepConfig: true });
    expect(migrating.output).toBe(text);
    expect(migrating.dropped.map((d) => d.reason)).toEqual(["config-changed"]);
  });

  it("stops when fixes go round in circles", () => {
    const flipper = fakeRule("flipper", "safe", (context) => {
      const node = context.document.root.entries.get("a")?.node;
      if (node?.kind === "scalar") context.report({ range: node.range, message: "flip", fix: { title: "flip", edits: [{ ...node.range, text: node.value === 1 ? "2" : "1" }] } });
    });
    const outcome = fixText("a = 1\n", { rules: [flipper] });
    expect(outcome.passes).toBeLessThanOrEqual(10);
    expect(["a = 1\n", "a = 2\n"]).toContain(outcome.output);
  });

  it("says of every deploy-stage problem that fly config validate does not catch it", () => {
    const deployRule: Rule = { meta: { id: "deploy-thing", description: "t", severity: "error", stage: "deploy" }, check: (c) => c.report({ range: { start: 0, end: 1 }, message: "It breaks at deploy" }) };
    expect(lintText("a = 1", { rules: [deployRule] }).diagnostics[0]?.message).toBe("It breaks at deploy (fly config validate does not catch this)");
  });

  it("applies unsafe fixes only when asked", () => {
    const unsafe = fakeRule("unsafe-one", "unsafe", (context) => context.report({ range: { start: 4, end: 5 }, message: "x", fix: { title: "x", edits: [{ start: 4, end: 5, text: "9" }] } }));
    expect(fixText("a = 1\n", { rules: [unsafe] }).output).toBe("a = 1\n");
    expect(fixText("a = 1\n", { rules: [unsafe], unsafe: true }).output).toBe("a = 9\n");
  });
});

// --- Property: fixes on generated configs --------------------------------------------------------

const lineBreak = fc.constantFrom("\n", "\r\n");
const comment = fc.constantFrom("", " # note", " # flylint-disable-next-line unknown-key");
const autostop = fc.constantFrom("true", "false", '"stop"', '"suspend"');
const host = fc.constantFrom('"127.0.0.1"', '"0.0.0.0"', '"localhost:8080"', "'::1'");
const command = fc.constantFrom('"uvicorn main:app --host 127.0.0.1"', '"gunicorn -b localhost:8000 app"', '"./server"');
const servicesBlock = fc.constantFrom(
  "",
  '[[services]]\n  protocol = "tcp"\n  internal_port = "8080" # web\n  concurrency = "20,25"\n  [[services.ports]]\n    port = 80\n    handlers = ["http"]\n  [[services.ports]]\n    port = 443\n    handlers = ["tls", "http"]\n  [[services.http_checks]]\n    interval = 10000\n    path = "/"\n',
  '[[services]]\n  protocol = "udp"\n  internal_port = 53\n  [[services.ports]]\n    port = 53\n',
);

const config = fc
  .record({ bom: fc.boolean(), eol: lineBreak, autostop, host, command, comment, swap: fc.boolean(), blankLines: fc.nat(2), services: servicesBlock, suppress: fc.boolean() })
  .map(({ bom, eol, autostop, host, command, comment, swap, blankLines, services, suppress }) => {
    const blank = "\n".repeat(blankLines);
    const lines = [
      `app = "generated"${comment}`,
      swap ? "swap_size_mb = 512" : "",
      blank,
      suppress ? "# flylint-disable-next-line localhost-binding -- generated" : "",
      "[env]",
      `  HOST = ${host}`,
      "[processes]",
      `  app = ${command}${comment}`,
      services,
      "[http_service]",
      "  internal_port = 8080",
      '  processes = ["app"]',
      `  auto_stop_machines = ${autostop}${comment}`,
      "[[vm]]",
      '  memory = "4gb"',
    ];
    return (bom ? "\uFEFF" : "") + lines.join("\n").replace(/\n/g, eol) + eol;
  });

describe("fixes on generated configs", () => {
  it("parse, converge, and change nothing outside their edits", () => {
    fc.assert(
      fc.property(config, (text) => {
        const outcome = fixText(text, { unsafe: true });
        expect(() => parseWithSmolToml(outcome.output.replace(/^\uFEFF/, ""))).not.toThrow();
        expect(fixText(outcome.output, { unsafe: true }).output).toBe(outcome.output);
        expect(outcome.output.startsWith("\uFEFF")).toBe(text.startsWith("\uFEFF"));
        // The first pass's edits, applied to the original: every changed byte lies inside an edit.
        const body = text.replace(/^\uFEFF/, "");
        const firstPass = lintText(body).diagnostics.filter((d) => d.fix);
        for (const diagnostic of firstPass) {
          const edits = diagnostic.fix?.edits ?? [];
          const changed = applyEdits(body, edits);
          const start = Math.min(...edits.map((e) => e.start));
          const end = Math.max(...edits.map((e) => e.end));
          expect(changed.slice(0, start)).toBe(body.slice(0, start));
          expect(changed.slice(changed.length - (body.length - end))).toBe(body.slice(end));
        }
        // No bare LF appears in a CRLF file, and no CR in an LF one.
        if (text.includes("\r\n")) expect(outcome.output.replace(/\r\n/g, "")).not.toContain("\n");
        else expect(outcome.output).not.toContain("\r");
      }),
      { numRuns: 300 },
    );
  });
});
