import { describe, expect, it } from "vitest";
import { fixText } from "../src/engine/fix.js";
import { lintText } from "../src/engine/lint.js";

// The advisory about two Machines would show up in every config with a service; these tests are not about it.
const quiet = { ruleSettings: { "ha-two-machines": "off" } } as const;
const ids = (text: string) => lintText(text, quiet).diagnostics.map((d) => `${d.start.line}:${d.start.column} ${d.ruleId}`);

describe("inline suppressions", () => {
  it("disable-next-line silences the named rule on the next line only", () => {
    expect(ids(`# flylint-disable-next-line unknown-key -- our deploy script reads it\nchannel = "beta"\nother = 1\n`)).toEqual(["3:1 unknown-key"]);
  });

  it("takes several rules, and a trailing comment position", () => {
    const text = `[http_service] # flylint-disable-next-line key-case, unknown-key\nInternal_Port = 8080\nbogus = 1\n`;
    // unknown-key finds nothing on line 2, so naming it there is itself reported.
    expect(ids(text)).toEqual(["1:54 unused-suppression", "3:1 unknown-key"]);
  });

  it("disable without rules silences every rule on the line", () => {
    expect(ids(`# flylint-disable-next-line\nkill_timeout = "5"\n`)).toEqual([]);
  });

  it("file-level disable silences a rule everywhere", () => {
    expect(ids(`# flylint-disable unknown-key -- legacy file\na = 1\n[http_service]\nb = 2\n`)).toEqual([]);
  });

  it("reports a suppression that suppressed nothing, at the rule name", () => {
    const result = lintText(`# flylint-disable-next-line unknown-key\napp = "web"\n`);
    expect(result.diagnostics.map((d) => [d.ruleId, d.start.line, d.start.column, d.end.column, d.message])).toEqual([
      ["unused-suppression", 1, 29, 40, `"unknown-key" is suppressed here but reports nothing on the next line; remove it`],
    ]);
  });

  it("reports a misspelled rule name", () => {
    const [diagnostic] = lintText(`# flylint-disable unkown-key\napp = "web"\n`).diagnostics;
    expect(diagnostic?.message).toBe(`"unkown-key" is not a flylint rule, so this suppression does nothing. Did you mean "unknown-key"?`);
    const [farOff] = lintText(`# flylint-disable zzzz\napp = "web"\n`).diagnostics;
    expect(farOff?.message).toBe(`"zzzz" is not a flylint rule, so this suppression does nothing; check its spelling against the rule list in the README`);
  });

  it("fixes an unused comment away, line and all", () => {
    const outcome = fixText(`app = "web"\n# flylint-disable-next-line unknown-key\nprimary_region = "ams"\n`);
    expect(outcome.output).toBe(`app = "web"\nprimary_region = "ams"\n`);
  });

  it("fixes a trailing unused comment away and keeps the code", () => {
    expect(fixText(`app = "web" # flylint-disable-next-line unknown-key\nx_region = "ams"\n`).output).toBe(`app = "web" # flylint-disable-next-line unknown-key\nx_region = "ams"\n`);
    expect(fixText(`app = "web" # flylint-disable-next-line unknown-key\nprimary_region = "ams"\n`).output).toBe(`app = "web"\nprimary_region = "ams"\n`);
  });

  it("removes only the unused names when others are used", () => {
    const outcome = fixText(`# flylint-disable-next-line key-case, unknown-key -- why\n[Deploy]\n`);
    expect(outcome.output).toBe(`# flylint-disable-next-line key-case -- why\n[Deploy]\n`);
  });

  it("can be turned off", () => {
    expect(lintText(`# flylint-disable-next-line unknown-key\napp = "web"\n`, { ruleSettings: { "unused-suppression": "off" } }).diagnostics).toEqual([]);
  });

  it("is not honoured when inline suppressions are off", () => {
    expect(lintText(`# flylint-disable unknown-key\nbogus = 1\n`, { inlineSuppressions: false }).diagnostics.map((d) => d.ruleId)).toEqual(["unknown-key"]);
  });
});

describe("rule settings", () => {
  it("changes a rule's severity or turns it off", () => {
    expect(lintText(`bogus = 1`, { ruleSettings: { "unknown-key": "error" } }).diagnostics[0]?.severity).toBe("error");
    expect(lintText(`bogus = 1`, { ruleSettings: { "unknown-key": "off" } }).diagnostics).toEqual([]);
  });
});

describe("unused-suppression fixes keep the file's bytes", () => {
  it("removes a stale comment line in a CRLF file with a BOM", () => {
    const outcome = fixText(`\uFEFFapp = "web"\r\n# flylint-disable-next-line unknown-key\r\nprimary_region = "ams"\r\n`);
    expect(outcome.output).toBe(`\uFEFFapp = "web"\r\nprimary_region = "ams"\r\n`);
  });
});
