import { chmodSync, lstatSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeFileAtomically } from "../src/files/write.js";
import { runFlylint, useProjects } from "./helpers/cli.js";

const project = useProjects("flylint-fix-");
const run = runFlylint;

// One safe fix (boolean autostop) and one unsafe fix (loopback HOST).
const config = `app = "web"\n[http_service]\n  internal_port = 8080\n  auto_stop_machines = true\n[env]\n  HOST = "127.0.0.1"\n`;
const safeFixed = config.replace("auto_stop_machines = true", 'auto_stop_machines = "stop"');
const allFixed = safeFixed.replace('"127.0.0.1"', '"0.0.0.0"');
const read = (cwd: string, path = "fly.toml") => readFileSync(join(cwd, path), "utf8");

describe("flylint --fix", () => {
  it("applies safe fixes, reports what remains and exits 1 for the remaining error", () => {
    const cwd = project({ "fly.toml": config });
    const { code, stdout } = run(["--fix"], cwd);
    expect(read(cwd)).toBe(safeFixed);
    expect(code).toBe(1);
    expect(stdout).toContain("localhost-binding");
    expect(stdout).toContain("  fixed 1 problem: auto-stop-machines-boolean 1\n");
    expect(stdout).not.toContain("auto_stop_machines");
    expect(stdout).not.toContain("fixable with --fix");
    expect(stdout).toContain("\n  1 more fixable with --unsafe-fixes\n");
  });

  it("applies unsafe fixes too with --unsafe-fixes", () => {
    const cwd = project({ "fly.toml": config });
    expect(run(["--fix", "--unsafe-fixes"], cwd)).toEqual({
      code: 0,
      stdout: "fly.toml\n  fixed 2 problems: auto-stop-machines-boolean 1, localhost-binding 1\n\n✔ Found 2 problems (2 fixed, 0 remaining)\n",
      stderr: "",
    });
    expect(read(cwd)).toBe(allFixed);
  });

  it("keeps CRLF line endings and a BOM", () => {
    const crlf = `\uFEFF${config.replace(/\n/g, "\r\n")}`;
    const cwd = project({ "fly.toml": crlf });
    run(["--fix", "--unsafe-fixes"], cwd);
    expect(read(cwd)).toBe(`\uFEFF${allFixed.replace(/\n/g, "\r\n")}`);
  });

  it("writes nothing with --fix-dry-run and reports what --fix would leave", () => {
    const cwd = project({ "fly.toml": config });
    const { code, stdout } = run(["--fix-dry-run"], cwd);
    expect(read(cwd)).toBe(config);
    expect(code).toBe(1);
    expect(stdout).toContain("localhost-binding");
    expect(stdout).toContain("  --fix would fix 1 problem: auto-stop-machines-boolean 1\n");
  });

  it("lists the problems the fixes would remove in the JSON report", () => {
    const cwd = project({ "fly.toml": config });
    const [file] = JSON.parse(run(["--fix-dry-run", "-f", "json"], cwd).stdout).files;
    expect(file.fixed).toEqual([{ ruleId: "auto-stop-machines-boolean", message: expect.stringContaining("old boolean form"), line: 4, column: 24 }]);
    expect(file.diagnostics.map((d: { ruleId: string }) => d.ruleId)).toEqual(["localhost-binding"]);
  });

  it("prints a unified diff with --diff and writes nothing", () => {
    const cwd = project({ "fly.toml": config });
    const { code, stdout } = run(["--diff"], cwd);
    expect(read(cwd)).toBe(config);
    expect(stdout).toBe(
      [
        "--- a/fly.toml",
        "+++ b/fly.toml",
        "@@ -1,6 +1,6 @@",
        ' app = "web"',
        " [http_service]",
        "   internal_port = 8080",
        "-  auto_stop_machines = true",
        '+  auto_stop_machines = "stop"',
        " [env]",
        '   HOST = "127.0.0.1"',
        "",
      ].join("\n"),
    );
    expect(code).toBe(1);
  });

  it("touches only files whose content changes, and keeps their mode", () => {
    const clean = `app = "web"\n[http_service]\n  internal_port = 8080\n  auto_stop_machines = "stop"\n`;
    const cwd = project({ "a/fly.toml": config, "b/fly.toml": clean });
    chmodSync(join(cwd, "a/fly.toml"), 0o640);
    const before = statSync(join(cwd, "b/fly.toml")).mtimeMs;
    run(["--fix"], cwd);
    expect(statSync(join(cwd, "a/fly.toml")).mode & 0o777).toBe(0o640);
    expect(statSync(join(cwd, "b/fly.toml")).mtimeMs).toBe(before);
    expect(readdirSync(join(cwd, "a"))).toEqual(["fly.toml"]);
  });

  it("writes through a symlinked fly.toml to its target", () => {
    const cwd = project({ "shared/base.toml": config });
    mkdirSync(join(cwd, "app"));
    symlinkSync(join(cwd, "shared/base.toml"), join(cwd, "app/fly.toml"));
    run(["--fix", "app"], cwd);
    expect(lstatSync(join(cwd, "app/fly.toml")).isSymbolicLink()).toBe(true);
    expect(read(cwd, "shared/base.toml")).toBe(safeFixed);
  });
});

describe("flylint --stdin", () => {
  it("prints only the fixed text with --fix", () => {
    const cwd = project({});
    expect(run(["--stdin", "--stdin-filename", "fly.toml", "--fix", "--unsafe-fixes"], cwd, config)).toEqual({ code: 0, stdout: allFixed, stderr: "" });
  });

  it("prints the text unchanged when there is nothing to fix", () => {
    const cwd = project({});
    const text = `app = "web"\n`;
    expect(run(["--stdin", "--fix"], cwd, text)).toEqual({ code: 0, stdout: text, stderr: "" });
  });

  it("reports under the given file name and reads that folder's Dockerfile and config", () => {
    const cwd = project({
      "svc/Dockerfile": `FROM python\nCMD uvicorn main:app\n`,
      "svc/flylint.json": JSON.stringify({ rules: { "ha-two-machines": "off" } }),
    });
    const { code, stdout } = run(["--stdin", "--stdin-filename", "svc/fly.toml", "-f", "json"], cwd, `[http_service]\ninternal_port = 8080\n`);
    expect(code).toBe(1);
    const [file] = JSON.parse(stdout).files;
    expect(file.path).toBe("svc/fly.toml");
    expect(file.diagnostics.map((d: { ruleId: string; message: string }) => [d.ruleId, d.message.slice(0, 12)])).toEqual([["localhost-binding", "Dockerfile:2"]]);
  });
});

describe("severity, config files and exit codes", () => {
  const warningsOnly = `app = "web"\nbogus = 1\n`;

  it("--max-warnings fails the run when there are more warnings", () => {
    const cwd = project({ "fly.toml": warningsOnly });
    expect(run(["--max-warnings", "1"], cwd).code).toBe(0);
    const tooMany = run(["--max-warnings", "0"], cwd);
    expect(tooMany.code).toBe(1);
    expect(tooMany.stderr).toBe("flylint: 1 warnings, more than --max-warnings 0\n");
  });

  it("--quiet shows errors only; --exit-zero exits 0 with errors", () => {
    const cwd = project({ "fly.toml": `${warningsOnly}kill_timeout = "5"\n` });
    const quiet = run(["--quiet", "-f", "json"], cwd);
    expect(JSON.parse(quiet.stdout).files[0].diagnostics.map((d: { ruleId: string }) => d.ruleId)).toEqual(["invalid-value"]);
    expect(quiet.code).toBe(1);
    expect(run(["--exit-zero"], cwd).code).toBe(0);
  });

  it("--rule changes a severity, and rejects unknown rules and severities", () => {
    const cwd = project({ "fly.toml": warningsOnly });
    expect(run(["--rule", "unknown-key=error"], cwd).code).toBe(1);
    expect(run(["--rule", "unknown-key=off", "--rule", "v1-leftovers=warn"], cwd)).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(run(["--rule", "nope=off"], cwd)).toEqual({ code: 2, stdout: "", stderr: `flylint: --rule nope=off: unknown rule "nope" (see flylint --help)\n` });
    expect(run(["--rule", "unknown-key=loud"], cwd).stderr).toBe("flylint: --rule unknown-key=loud: the severity must be off, info, warn or error (see flylint --help)\n");
  });

  it("takes rule severities and ignore globs from the nearest flylint.json, for explicit paths too", () => {
    const cwd = project({
      "flylint.json": JSON.stringify({ rules: { "unknown-key": "error" }, ignore: ["legacy/"] }),
      "apps/web/fly.toml": warningsOnly,
      "apps/web/.flylintrc.json": JSON.stringify({ rules: { "unknown-key": "off" } }),
      "apps/api/fly.toml": warningsOnly,
      "legacy/fly.toml": `kill_timeout = "5"\n`,
    });
    const report = JSON.parse(run(["-f", "json"], cwd).stdout);
    expect(report.files.map((f: { path: string; errorCount: number }) => [f.path, f.errorCount])).toEqual([
      ["apps/api/fly.toml", 1],
      ["apps/web/fly.toml", 0],
    ]);
    expect(JSON.parse(run(["-f", "json", "legacy/fly.toml"], cwd).stdout).files).toEqual([]);
  });

  it("fails with one line naming a broken config file", () => {
    const cwd = project({ "fly.toml": warningsOnly, "flylint.json": `{ "rules": { "unknown-key": "off", } }` });
    const { code, stderr } = run([], cwd);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^flylint: .*flylint\.json: .*JSON.*\n$/);
    const unknown = project({ "fly.toml": warningsOnly, "flylint.json": `{ "rules": { "no-such-rule": "off" } }` });
    expect(run([], unknown).stderr).toBe(`flylint: ${join(unknown, "flylint.json")}: unknown rule "no-such-rule" in "rules"\n`);
  });
});

describe("writeFileAtomically", () => {
  it("throws and leaves no temporary file when the folder cannot take one", () => {
    // /proc/<pid>/ accepts no new files, even for root: the temporary file cannot be created.
    expect(() => writeFileAtomically("/proc/self/comm", "x")).toThrow();
  });

  it("replaces the content and keeps the mode", () => {
    const cwd = project({ "fly.toml": "a = 1\n" });
    chmodSync(join(cwd, "fly.toml"), 0o600);
    writeFileAtomically(join(cwd, "fly.toml"), "a = 2\n");
    expect(read(cwd)).toBe("a = 2\n");
    expect(statSync(join(cwd, "fly.toml")).mode & 0o777).toBe(0o600);
    expect(readdirSync(cwd)).toEqual(["fly.toml"]);
  });
});
