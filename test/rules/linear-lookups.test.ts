import { describe, expect, it } from "vitest";
import { parseDocument } from "../../src/document/parse.js";
import { AppModel } from "../../src/model/app-model.js";
import { lintText } from "../../src/engine/lint.js";
import { legacyServices } from "../../src/rules/legacy-services.js";
import { statics } from "../../src/rules/statics.js";
import { analyzeDocument } from "../../src/schema/analyze.js";
import { testRule } from "../helpers/rule-tester.js";

// statics finds overlapping url_prefix values with a tree of path segments instead of comparing each
// prefix with every earlier one: these pin that it still names the first earlier prefix that overlaps.
const entries = (...prefixes: string[]) => prefixes.map((p, i) => `[[statics]]\nguest_path = "/g${i}"\nurl_prefix = ${p}\n`).join("");

testRule(statics, {
  valid: [entries('"/static"', '"/static2"', '"/stat"'), entries('"/a/b"', '"/a/c"', '"/b"'), entries('"img"', '"/img"')],
  invalid: [
    // The longer prefix first: the shorter one overlaps it.
    { code: entries('"/static/img"', '⟦"/static"⟧'), messages: ['url_prefix "/static" overlaps "/static/img" (statics[0]); Fly.io requires [[statics]] prefixes that do not overlap'], output: null },
    // "/x" and "/x/" are the same prefix.
    { code: entries('"/x"', '⟦"/x/"⟧'), messages: ['url_prefix "/x/" overlaps "/x" (statics[0]); Fly.io requires [[statics]] prefixes that do not overlap'], output: null },
    // Several earlier prefixes overlap: the first of them in file order is named, above or below.
    {
      code: entries('"/a/b/c"', '"/q"', '⟦"/a"⟧', '⟦"/a/b"⟧'),
      messages: ['url_prefix "/a" overlaps "/a/b/c" (statics[0]); Fly.io requires [[statics]] prefixes that do not overlap', 'url_prefix "/a/b" overlaps "/a/b/c" (statics[0]); Fly.io requires [[statics]] prefixes that do not overlap'],
      output: null,
    },
  ],
});

function modelOf(text: string): AppModel {
  const parsed = parseDocument(text);
  if (!parsed.ok) throw new Error("does not parse");
  return new AppModel(analyzeDocument(parsed.document.root));
}

describe("AppModel's per-group look-ups, built once instead of filtered per group", () => {
  const text = [
    "[processes]\n  web = 'w'\n  worker = 'k'\n  app = 'a'\n",
    "[http_service]\n  internal_port = 8080\n  processes = ['web', 'web']\n",
    "[[services]]\n  internal_port = 9000\n  protocol = 'tcp'\n  processes = ['worker', 'web']\n",
    "[[services]]\n  internal_port = 9001\n  protocol = 'tcp'\n",
    "[[mounts]]\n  source = 'a'\n  destination = '/a'\n  processes = ['worker']\n",
    "[[mounts]]\n  source = 'b'\n  destination = '/b'\n",
    "[[vm]]\n  memory = '1gb'\n",
    "[[vm]]\n  memory = '2gb'\n  processes = ['web']\n",
    "[[vm]]\n  memory = '4gb'\n  processes = ['web', 'worker']\n",
    "[[vm]]\n  memory = '8gb'\n",
  ].join("\n");
  const model = modelOf(text);

  it("answers as filtering every service, mount and [[vm]] for the group would", () => {
    for (const group of [...model.processGroups, "nope"]) {
      expect(model.servicesOf(group)).toEqual(model.services.filter((s) => s.groups.includes(group)));
      expect(model.mountsOf(group)).toEqual(model.mounts.filter((m) => m.groups.includes(group)));
      const candidates = model.vms.filter((vm) => vm.processes.length === 0 || vm.processes.includes(group));
      const explicit = candidates.filter((vm) => vm.processes.includes(group));
      expect(model.vmFor(group)).toBe(explicit[explicit.length - 1] ?? candidates[0]);
      expect(model.isProcessGroup(group)).toBe(model.processGroups.includes(group));
    }
  });

  it("lists a service once for a group it names twice, and takes the last [[vm]] naming a group", () => {
    expect(model.servicesOf("web").map((s) => s.source)).toEqual(["http_service", 0]);
    expect(model.vmFor("web")?.table["memory"]).toBe("4gb");
    expect(model.vmFor("app")?.table["memory"]).toBe("1gb");
    expect(model.mountsOf("app").map((m) => m.table["source"])).toEqual(["b"]);
  });
});

describe("legacy-services finds each [[services]] entry's tables from one index of the file", () => {
  const service = (port: number) => `[[services]]\n  internal_port = ${port}\n  protocol = "tcp"\n\n  [[services.ports]]\n    port = 80\n    handlers = ["http"]\n\n  [[services.ports]]\n    port = 443\n    handlers = ["tls", "http"]\n`;

  it("blocks only the entry whose sub-table stands further down the file, after another section", () => {
    const text = `${service(8080)}\n${service(9090)}\n[env]\n  A = "1"\n\n[[services.http_checks]]\n  path = "/"\n`;
    const messages = lintText(text, { rules: [legacyServices] }).diagnostics.map((d) => d.message);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/^services\[0\] says exactly what \[http_service\] says/);
    expect(messages[1]).toMatch(/^services\[1\] serves HTTP but cannot be written as \[http_service\]: .*its sub-tables are not all next to it in the file/);
  });

  it("keeps each entry's own sub-tables when entries follow each other", () => {
    const text = `${service(8080)}\n${service(9090)}`;
    const [first] = lintText(text, { rules: [legacyServices] }).diagnostics;
    const edit = first?.fix?.edits[0];
    // The rewrite of services[0] ends where services[1] starts: its ports are its own, not the next entry's.
    expect(edit && text.slice(edit.end).startsWith("\n[[services]]\n  internal_port = 9090")).toBe(true);
  });
});
