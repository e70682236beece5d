import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runFlylint, useProjects } from "./helpers/cli.js";

const project = useProjects("flylint-migrate-");
const run = (args: string[], cwd: string) => runFlylint(["migrate", ...args], cwd);

const legacy = `app = "old" # keep me\nkill_timeout = 5\n\n[[services]]\n  internal_port = "8080"\n  protocol = "tcp"\n  script_checks = []\n  [[services.ports]]\n    port = 80\n    handlers = ["http"]\n  [[services.ports]]\n    port = 443\n    handlers = ["tls", "http"]\n  [[services.tcp_checks]]\n    interval = 15000\n`;
const current = `app = "old" # keep me\nkill_timeout = "5s"\n\n[[services]]\n  internal_port = 8080\n  protocol = "tcp"\n  [[services.ports]]\n    port = 80\n    handlers = ["http"]\n  [[services.ports]]\n    port = 443\n    handlers = ["tls", "http"]\n  [[services.tcp_checks]]\n    interval = "15s"\n`;
const read = (cwd: string, path: string) => readFileSync(join(cwd, path), "utf8");

describe("flylint migrate", () => {
  it("rewrites legacy forms, keeps comments, reports per file, and changes nothing the second time", () => {
    const cwd = project({ "fly.toml": legacy, "api/fly.toml": current });
    const first = run([], cwd);
    expect(first.code).toBe(0);
    expect(read(cwd, "fly.toml")).toBe(current);
    expect(first.stdout).toBe(
      [
        "api/fly.toml: already current",
        "fly.toml: migrated 4 (check-timing-number 1, kill-timeout-number 1, port-string 1, v1-leftovers 1)",
        "2 files: 1 migrated (4 changes: check-timing-number 1, kill-timeout-number 1, port-string 1, v1-leftovers 1), 1 already current, 0 skipped, 0 left for a person",
        "",
      ].join("\n"),
    );
    const second = run([], cwd);
    expect(second.stdout).toContain("2 files: 0 migrated (0 changes), 2 already current");
    expect(read(cwd, "fly.toml")).toBe(current);
  });

  it("--check writes nothing and exits 1 when a file would change, 0 when none would", () => {
    const cwd = project({ "fly.toml": legacy });
    const check = run(["--check"], cwd);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain("fly.toml: would migrate 4");
    expect(read(cwd, "fly.toml")).toBe(legacy);
    expect(run(["--check"], project({ "fly.toml": current })).code).toBe(0);
  });

  it("--dry-run prints the diff, the summary on stderr, and writes nothing", () => {
    const cwd = project({ "fly.toml": legacy });
    const { code, stdout, stderr } = run(["--dry-run"], cwd);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^--- a\/fly\.toml\n\+\+\+ b\/fly\.toml\n/);
    expect(stdout).toContain('-kill_timeout = 5\n+kill_timeout = "5s"');
    expect(stderr).toContain("1 would migrate");
    expect(read(cwd, "fly.toml")).toBe(legacy);
  });

  it("--format json gives the report to tools", () => {
    const cwd = project({ "fly.toml": legacy, "bad/fly.toml": `app = "x\n` });
    const report = JSON.parse(run(["--format", "json", "--check"], cwd).stdout);
    expect(report.schemaVersion).toBe(1);
    expect(report.totals).toEqual({ files: 2, migrated: 1, unchanged: 0, skipped: 1, changes: 4, remaining: 0 });
    expect(report.files[0]).toMatchObject({ path: "bad/fly.toml", status: "skipped", error: { line: 1, column: 9 } });
    expect(report.files[1]).toMatchObject({ path: "fly.toml", status: "migrated", changes: { "v1-leftovers": 1 } });
  });

  it("reports and skips a file that does not parse, never touching it", () => {
    const broken = `app = "x\n[[services]]\ninternal_port = "8080"\n`;
    const cwd = project({ "fly.toml": broken });
    const { code, stdout } = run([], cwd);
    expect(code).toBe(0);
    expect(stdout).toContain("fly.toml: skipped, it does not parse (1:9 TOML syntax error:");
    expect(read(cwd, "fly.toml")).toBe(broken);
  });

  it("says what is left for a person", () => {
    const cwd = project({ "fly.toml": `[[env]]\nA = "1"\n[[env]]\nA = "2"\n` });
    const { stdout } = run(["--check"], cwd);
    expect(stdout).toContain("  needs a person: 1:3 env-array: [[env]] is the legacy form");
    expect(stdout).toContain("1 left for a person");
  });

  it("exits 2 on usage errors", () => {
    const cwd = project({});
    expect(run(["--dry-run", "--check"], cwd)).toEqual({ code: 2, stdout: "", stderr: "flylint: --dry-run and --check do not go together (see flylint --help)\n" });
    expect(run(["nowhere"], cwd)).toEqual({ code: 2, stdout: "", stderr: "flylint: no such file or directory: nowhere\n" });
  });
});
