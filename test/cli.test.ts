import { existsSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { root, runFlylint, useProjects } from "./helpers/cli.js";

const packageVersion = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;

beforeAll(() => {
  if (!existsSync(join(root, "dist/cli.cjs"))) throw new Error("dist/cli.cjs is missing: run npm run build (npm test does)");
});

const project = useProjects("flylint-cli-");
const run = runFlylint;

const clean = `app = "web"\n\n[http_service]\n  internal_port = 8080\n  auto_stop_machines = "stop"\n`;
const broken = `app = "web"\n\n[http_service]\n  internal_port = 8080\n  auto_stop_machines = "yes"\n  intenral_port = 1\n[[mounts]]\n  source = "data"\n  destination = "/data"\n`;

describe("flylint CLI", () => {
  it("exits 0 and prints nothing for a clean config", () => {
    const cwd = project({ "fly.toml": clean });
    expect(run([], cwd)).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("prints stylish diagnostics with a code frame and exits 1 on errors", () => {
    const cwd = project({ "fly.toml": broken });
    const { code, stdout, stderr } = run(["fly.toml"], cwd);
    expect(code).toBe(1);
    expect(stderr).toBe("");
    expect(stdout).toBe(
      [
        "fly.toml",
        `  5:24  error  http_service.auto_stop_machines must be "off", "stop" or "suspend", or a boolean (got "yes")  invalid-value`,
        "    4 |   internal_port = 8080",
        `  > 5 |   auto_stop_machines = "yes"`,
        "      |                        ^^^^^",
        "    6 |   intenral_port = 1",
        `  6:3  warning  Unknown key "intenral_port" in [http_service]: flyctl ignores it. Did you mean "internal_port"?  unknown-key`,
        `    5 |   auto_stop_machines = "yes"`,
        "  > 6 |   intenral_port = 1",
        "      |   ^^^^^^^^^^^^^",
        "    7 | [[mounts]]",
        "",
        "✖ 2 problems (1 error, 1 warning)",
        "",
      ].join("\n"),
    );
  });

  it("exits 0 when there are only warnings", () => {
    const cwd = project({ "fly.toml": `app = "web"\nbogus = 1\n` });
    expect(run([], cwd).code).toBe(0);
  });

  it("writes the versioned JSON report", () => {
    const cwd = project({ "fly.toml": broken });
    const { code, stdout } = run(["--format", "json"], cwd);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ schemaVersion: 1, tool: { name: "flylint", version: packageVersion }, errorCount: 1, warningCount: 1, infoCount: 0 });
    expect(report.files).toHaveLength(1);
    expect(report.files[0].path).toBe("fly.toml");
    expect(report.files[0].diagnostics[0]).toEqual({
      ruleId: "invalid-value",
      severity: "error",
      stage: "load",
      message: `http_service.auto_stop_machines must be "off", "stop" or "suspend", or a boolean (got "yes")`,
      line: 5,
      column: 24,
      endLine: 5,
      endColumn: 29,
      startOffset: broken.indexOf(`"yes"`),
      endOffset: broken.indexOf(`"yes"`) + 5,
      docsUrl: expect.stringMatching(/docs\/rules\/invalid-value\.md$/),
    });
  });

  it("finds fly.toml and fly.*.toml in folders, honouring .gitignore and skipping node_modules and .git", () => {
    const cwd = project({
      ".gitignore": "ignored/\n*.generated.toml\n",
      "fly.toml": broken,
      "apps/api/fly.staging.toml": broken,
      "apps/api/fly.production.toml": clean,
      "apps/api/fly.generated.toml": broken,
      "apps/web/.gitignore": "local/\n",
      "apps/web/local/fly.toml": broken,
      "ignored/fly.toml": broken,
      "node_modules/pkg/fly.toml": broken,
      ".git/fly.toml": broken,
      "config.toml": broken,
      "flyctl.toml": broken,
    });
    const report = JSON.parse(run(["--format", "json"], cwd).stdout);
    expect(report.files.map((f: { path: string }) => f.path)).toEqual(["apps/api/fly.production.toml", "apps/api/fly.staging.toml", "fly.toml"]);
  });

  it("lints a file named on the command line whatever its name", () => {
    const cwd = project({ "deploy/production.toml": broken });
    const report = JSON.parse(run(["--format", "json", "deploy/production.toml"], cwd).stdout);
    expect(report.files.map((f: { path: string }) => f.path)).toEqual(["deploy/production.toml"]);
  });

  it("reports a TOML syntax error at its position", () => {
    const cwd = project({ "fly.toml": `app = "web"\n[http_service\n` });
    const { code, stdout } = run(["--format", "json"], cwd);
    expect(code).toBe(1);
    const [diagnostic] = JSON.parse(stdout).files[0].diagnostics;
    expect(diagnostic).toMatchObject({ ruleId: "toml-syntax", line: 2, column: 14 });
  });

  it("counts columns after a byte order mark as editors do", () => {
    const cwd = project({ "fly.toml": `\uFEFFkill_timeout = "5"\n` });
    const [diagnostic] = JSON.parse(run(["-f", "json"], cwd).stdout).files[0].diagnostics;
    expect(diagnostic).toMatchObject({ ruleId: "invalid-value", line: 1, column: 16, startOffset: 15 });
  });

  it("exits 2 when there is nothing to lint, so a wrong path in CI does not pass", () => {
    const cwd = project({ "README.md": "no configs here" });
    expect(run([], cwd)).toEqual({ code: 2, stdout: "", stderr: "flylint: no fly.toml or fly.*.toml found in . (.gitignore'd folders, node_modules and .git are not searched)\n" });
  });

  it.each([
    [["missing.toml"], "flylint: no such file or directory: missing.toml\n"],
    [["--bogus"], "flylint: Unknown option '--bogus' (see flylint --help)\n"],
    [["--format", "xml"], `flylint: --format must be one of stylish, json, compact, github, gitlab, sarif (got "xml") (see flylint --help)\n`],
  ])("exits 2 with one line for bad usage: %j", (args, message) => {
    const cwd = project({ "fly.toml": clean });
    expect(run(args, cwd)).toEqual({ code: 2, stdout: "", stderr: message });
  });

  it("exits 2 with one line naming a file it cannot read", () => {
    const cwd = project({});
    symlinkSync(join(cwd, "nowhere.toml"), join(cwd, "fly.toml"));
    expect(run([], cwd)).toEqual({ code: 2, stdout: "", stderr: "flylint: cannot read fly.toml: ENOENT\n" });
  });

  it("prints help and version", () => {
    const cwd = project({});
    const help = run(["--help"], cwd);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: flylint [options] [paths..]");
    expect(help.stdout).toContain("--format <name>");
    expect(run(["--version"], cwd)).toEqual({ code: 0, stdout: `${packageVersion}\n`, stderr: "" });
  });

  it("colors output when asked", () => {
    const cwd = project({ "fly.toml": broken });
    expect(run(["--color"], cwd).stdout).toContain("\u001b[31m");
    expect(run(["--no-color"], cwd).stdout).not.toContain("\u001b[");
  });
});

describe("flylint rules, explain and schema", () => {
  it("lists every rule, as text and as JSON", () => {
    const cwd = project({});
    const text = run(["rules"], cwd);
    expect(text.code).toBe(0);
    expect(text.stdout.split("\n")[0]).toMatch(/^rule +severity  stage     fix     description$/);
    expect(text.stdout).toMatch(/\nlocalhost-binding +error +deploy +unsafe +Apps must listen/);
    const list = JSON.parse(run(["rules", "--format", "json"], cwd).stdout);
    expect(list.find((r: { id: string }) => r.id === "auto-stop-machines-boolean")).toMatchObject({ severity: "warning", stage: "advice", fix: "safe" });
    for (const rule of list) expect(existsSync(join(root, "docs", "rules", `${rule.id}.md`))).toBe(true);
  });

  it("explains a rule with its documentation page", () => {
    const cwd = project({});
    const explained = run(["explain", "suspend-incompatible"], cwd);
    expect(explained.code).toBe(0);
    expect(explained.stdout).toBe(readFileSync(join(root, "docs/rules/suspend-incompatible.md"), "utf8"));
    expect(run(["explain", "nope"], cwd)).toEqual({ code: 2, stdout: "", stderr: `flylint: unknown rule "nope"; flylint rules lists them (see flylint --help)\n` });
  });

  it("prints the path of the bundled JSON Schema", () => {
    const printed = run(["schema"], project({})).stdout.trim();
    expect(printed).toBe(join(root, "schema", "fly.schema.json"));
    expect(JSON.parse(readFileSync(printed, "utf8")).title).toBe("fly.toml");
  });
});
