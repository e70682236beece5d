import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { deflateRawSync } from "node:zlib";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { analyze, applyFix, fixAll, migrate, plan } from "../playground/src/engine.js";
import { cursorPlace, describeKey, keyAt, keysUnder, splitDottedKey, tableAt, valuesFor } from "../playground/src/schema-help.js";
import { decodeShared, encodeShared, MAX_SHARED_TEXT_BYTES } from "../playground/src/share.js";
import { fixText } from "../src/engine/fix.js";
import { lintText } from "../src/engine/lint.js";
import { migrateText } from "../src/engine/migrate.js";
import { formatUsd, planText } from "../src/plan/index.js";
// @ts-expect-error: a plain .mjs build script; the test bundles with the options the playground build uses.
import { browserBuildOptions, playgroundPlugins } from "../scripts/build-playground.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

const broken = `app = "pg-test"
kill_timeout = "10m"

[http_service]
  internal_port = "8080"
  auto_stop_machines = true
  min_machine_running = 0
`;

describe("playground engine", () => {
  it("reports each problem at its place, with its fix's title and kind", () => {
    const { problems, fixable } = analyze(broken);
    const shown = problems.map((p) => [p.line, p.column, p.ruleId, p.fix?.applicability]);
    expect(shown).toEqual(lintText(broken).diagnostics.map((d) => [d.start.line, d.start.column, d.ruleId, d.fix?.applicability]));
    expect(shown).toEqual(
      expect.arrayContaining([
        [2, 16, "kill-timeout", "unsafe"],
        [5, 19, "invalid-value", undefined],
        [6, 24, "auto-stop-machines-boolean", "safe"],
        [7, 3, "unknown-key", undefined],
      ]),
    );
    const autoStop = problems.find((p) => p.ruleId === "auto-stop-machines-boolean");
    expect(broken.slice(autoStop?.from, autoStop?.to)).toBe("true");
    expect(fixable).toEqual({ safe: 1, unsafe: 2 });
  });

  it("counts offsets in the editor's text when it starts with a byte order mark", () => {
    const problem = analyze(`\uFEFF${broken}`).problems.find((p) => p.ruleId === "auto-stop-machines-boolean");
    expect(`\uFEFF${broken}`.slice(problem?.from, problem?.to)).toBe("true");
    expect(problem?.line).toBe(6);
  });

  it("applies one problem's fix and only that one", () => {
    const problem = analyze(broken).problems.find((p) => p.ruleId === "auto-stop-machines-boolean")!;
    const fixed = applyFix(broken, problem);
    expect(fixed).toBe(broken.replace("auto_stop_machines = true", 'auto_stop_machines = "stop"'));
    expect(analyze(fixed).problems.map((p) => p.ruleId)).not.toContain("auto-stop-machines-boolean");
  });

  it("leaves the text alone when the problem is no longer there", () => {
    const problem = analyze(broken).problems.find((p) => p.ruleId === "auto-stop-machines-boolean")!;
    const changed = broken.replace("auto_stop_machines = true", 'auto_stop_machines = "off"');
    expect(applyFix(changed, problem)).toBe(changed);
  });

  it("fixes all as flylint --fix does, and gives edits that turn the text into the result", () => {
    for (const unsafe of [false, true]) {
      const outcome = fixAll(broken, { unsafe });
      expect(outcome.output).toBe(fixText(broken, { unsafe }).output);
      let rebuilt = broken;
      for (const edit of [...outcome.edits].sort((a, b) => b.start - a.start)) rebuilt = rebuilt.slice(0, edit.start) + edit.text + rebuilt.slice(edit.end);
      expect(rebuilt).toBe(outcome.output);
    }
    expect(fixAll(broken, { unsafe: true }).fixed).toBe(2);
  });

  it("shows what flylint migrate writes, and why it did not when the file does not parse", () => {
    const legacy = readFileSync(join(root, "examples/legacy/fly.toml"), "utf8");
    const view = migrate(legacy);
    expect(view.status).toBe("migrated");
    expect(view.text).toBe(migrateText(legacy).output);
    expect(Object.keys(view.changes).length).toBeGreaterThan(0);
    const skipped = migrate("app = \n");
    expect(skipped).toMatchObject({ status: "skipped", text: "app = \n" });
    expect(skipped.notes[0]?.ruleId).toBe("toml-syntax");
  });

  it("masks secrets in what it shows, as every other output does", () => {
    const token = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";
    const text = `app = "pg-test"\n[http_service]\n  internal_port = "${token}"\n`;
    // The raw message quotes the value, so the test proves the masking.
    expect(lintText(text).diagnostics.some((d) => d.message.includes(token))).toBe(true);
    const shown = analyze(text).problems.find((p) => p.ruleId === "invalid-value");
    expect(shown?.message).toContain("••••");
    expect(JSON.stringify(analyze(text))).not.toContain("abcdefghijklmnop");
    expect(JSON.stringify(migrate(`${text}[[services]]\n`).notes)).not.toContain("abcdefghijklmnop");
  });
});

describe("playground plan", () => {
  const twoGroups = `app = "pg-plan"
primary_region = "ams"

[processes]
  web = "bin/web"
  worker = "bin/worker --token ghp_abcdefghijklmnopqrstuvwxyz0123456789"

[http_service]
  internal_port = 8080
  auto_stop_machines = "stop"
  processes = ["web"]

[[vm]]
  size = "shared-cpu-1x"
  memory = "1gb"
`;

  it("shows each process group as flylint plan works it out", () => {
    const view = plan(twoGroups);
    const planned = planText(twoGroups);
    if (!view.ok || !planned.ok) throw new Error("expected a plan");
    expect(view.groups.map((g) => g.name)).toEqual(planned.plan.groups.map((g) => g.name));
    expect(view.groups.map((g) => g.machines)).toEqual(["2", "1 + 1 standby"]);
    expect(view.groups[0]).toMatchObject({ name: "web", size: "shared-cpu-1x 1024 MB", autostop: "stop", serves: "80,443 → 8080/tcp" });
    expect(view.total).toBe(`${formatUsd(planned.plan.monthlyCost.min)}–${formatUsd(planned.plan.monthlyCost.max)}`);
    expect(view.groups.map((g) => g.machineConfig)).toEqual(planned.plan.groups.map(() => expect.stringContaining(`"cmd"`)));
  });

  it("masks secrets in the machine config it shows", () => {
    const view = plan(twoGroups);
    expect(JSON.stringify(planText(twoGroups))).toContain("abcdefghijklmnop");
    expect(JSON.stringify(view)).not.toContain("abcdefghijklmnop");
    expect(JSON.stringify(view)).toContain("••••");
  });

  it("plans as fly deploy --ha=false when asked, and says why a file has no plan", () => {
    const view = plan(twoGroups, { ha: false });
    expect(view.ok && view.groups.map((g) => g.machines)).toEqual(["1", "1"]);
    expect(plan("app = \n")).toMatchObject({ ok: false, error: expect.stringMatching(/^TOML syntax error/) });
  });
});

describe("playground schema help", () => {
  it("splits dotted keys, quoted names included", () => {
    expect(splitDottedKey("http_service.checks")).toEqual(["http_service", "checks"]);
    expect(splitDottedKey(' env . "A.B" ')).toEqual(["env", "A.B"]);
  });

  it("finds the table a line is in", () => {
    const text = "app = 'a'\n[[services.ports]] # comment\n  port = 80\n";
    expect(tableAt(text, text.indexOf("  port"))).toEqual(["services", "ports"]);
    expect(tableAt(text, 0)).toEqual([]);
  });

  it("reads the cursor's place: header, key or value", () => {
    const text = "[http_service]\n  auto_st\n  force_https = t\n[http_service.con";
    expect(cursorPlace(text, text.indexOf("auto_st") + 7)).toEqual({ kind: "key", parent: ["http_service"], from: text.indexOf("auto_st") });
    expect(cursorPlace(text, text.indexOf("= t") + 3)).toEqual({ kind: "value", path: ["http_service", "force_https"], from: text.indexOf("= t") + 2 });
    expect(cursorPlace(text, text.length)).toEqual({ kind: "header", parent: ["http_service"], from: text.length - 3 });
    expect(cursorPlace('app = "x" # a comment', 21)).toEqual({ kind: "none" });
  });

  it("offers the keys of a table, through $ref, anyOf and array items", () => {
    const httpService = keysUnder(["http_service"]).map((k) => k.name);
    expect(httpService).toEqual(expect.arrayContaining(["internal_port", "auto_stop_machines", "min_machines_running", "checks", "concurrency"]));
    expect(keysUnder(["services"]).map((k) => k.name)).toEqual(expect.arrayContaining(["internal_port", "ports", "protocol"]));
    expect(keysUnder(["services", "ports"]).map((k) => k.name)).toEqual(expect.arrayContaining(["port", "handlers", "force_https"]));
    expect(keysUnder([]).find((k) => k.name === "http_service")).toMatchObject({ table: true });
    expect(keysUnder([]).find((k) => k.name === "kill_timeout")).toMatchObject({ table: false });
    // Deprecated spellings are flagged by flylint; completion does not offer them.
    expect(keysUnder([]).map((k) => k.name)).not.toContain("mount");
  });

  it("offers the values a key allows", () => {
    expect(valuesFor(["http_service", "auto_stop_machines"]).sort()).toEqual(['"off"', '"stop"', '"suspend"', "false", "true"]);
    expect(valuesFor(["http_service", "force_https"])).toEqual(["true", "false"]);
  });

  it("describes the key under the cursor, in a header or before =", () => {
    const text = "[[services.ports]]\n  force_https = true\n";
    const inHeader = keyAt(text, text.indexOf("ports"));
    expect(inHeader).toEqual({ from: text.indexOf("ports"), to: text.indexOf("ports") + 5, path: ["services", "ports"] });
    expect(keyAt(text, text.indexOf("https"))?.path).toEqual(["services", "ports", "force_https"]);
    expect(keyAt(text, text.indexOf("true"))).toBeUndefined();
    const doc = describeKey(["kill_timeout"]);
    expect(doc?.description).toMatch(/kill_signal/);
    expect(doc?.link).toMatch(/^https:\/\/fly\.io\/docs\//);
    expect(describeKey(["http_service", "internal_port"])?.expected).toMatch(/integer/);
    expect(describeKey(["no_such_key"])).toBeUndefined();
  });
});

describe("playground share links", () => {
  it("round-trips any text through the address fragment", async () => {
    const text = `app = "ünïcode ✓"\n# ${"x".repeat(5000)}\n`;
    const hash = await encodeShared(text);
    expect(hash).toMatch(/^#code\/[A-Za-z0-9_-]+$/);
    expect(hash.length).toBeLessThan(200);
    expect(await decodeShared(hash)).toEqual({ text });
    expect(await decodeShared(await encodeShared(""))).toEqual({ text: "" });
  });

  it("says why a link cannot be read instead of failing", async () => {
    expect(await decodeShared("")).toBeUndefined();
    expect(await decodeShared("#other")).toBeUndefined();
    expect(await decodeShared("#code/not base64!")).toHaveProperty("error");
    const hash = await encodeShared("app = 'a'\n");
    expect(await decodeShared(hash.slice(0, -4))).toHaveProperty("error");
    const bomb = `#code/${deflateRawSync(Buffer.alloc(MAX_SHARED_TEXT_BYTES + 1, 0x61)).toString("base64url")}`;
    expect(bomb.length).toBeLessThan(5000);
    expect(await decodeShared(bomb)).toEqual({ error: `the link's config is larger than ${MAX_SHARED_TEXT_BYTES} bytes` });
  });
});

describe("playground bundle", () => {
  it("bundles for the browser: nothing on its path imports a Node built-in", async () => {
    const result = await build({ ...browserBuildOptions, entryPoints: [join(root, "playground/src/main.ts")], plugins: playgroundPlugins(), write: false, metafile: true, logLevel: "silent" });
    expect(result.errors).toEqual([]);
    const inputs = Object.keys(result.metafile?.inputs ?? {});
    expect(inputs.some((input) => input.startsWith("src/cli") || input.startsWith("src/files") || input.startsWith("src/lsp"))).toBe(false);
    expect(inputs).toContain("playground/src/engine.ts");
  });

  it("fails to bundle a module that imports one, so the test above can fail", async () => {
    await expect(build({ ...browserBuildOptions, entryPoints: [join(root, "src/cli/io.ts")], write: false, logLevel: "silent" })).rejects.toThrow(/node:/);
  });

  it("keeps CodeMirror out of the command line: no module under src/ imports the playground or an editor package", () => {
    const offenders: string[] = [];
    const visit = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) visit(path);
        else if (/\.ts$/.test(entry.name) && /from\s+["'](@codemirror\/|codemirror|marked|playwright-core|[./]+\/playground\/)/.test(readFileSync(path, "utf8"))) offenders.push(path);
      }
    };
    visit(join(root, "src"));
    expect(offenders).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
    expect(Object.keys(manifest.dependencies ?? {}).filter((name) => /codemirror|marked|playwright/.test(name))).toEqual([]);
    expect(manifest.devDependencies).toHaveProperty("@codemirror/lint");
  });

  it("ships a fly.toml that flylint lints clean (with its Dockerfile next to it)", () => {
    const run = spawnSync(process.execPath, [join(root, "bin/flylint.cjs"), "--format", "json", join(root, "playground/fly.toml")], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.files).toHaveLength(1);
    expect(report.files[0].diagnostics).toEqual([]);
  });
});
