import { spawnSync } from "node:child_process";
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatUsd, planText } from "../src/plan/index.js";
import { bin, runFlylint, useProjects } from "./helpers/cli.js";

const project = useProjects("flylint-diff-");
const fixture = (name: string) => readFileSync(join(__dirname, "fixtures/diff", name), "utf8");
const run = (args: string[], cwd: string, input?: string) => runFlylint(["diff", ...args], cwd, input);

/** The monthly cost difference `flylint plan` finds between two fly.toml texts, as the diff prints it: prices are data that may change. */
function costChange(before: string, after: string): string {
  const total = (text: string) => {
    const plan = planText(text);
    if (!plan.ok) throw new Error(plan.error);
    return plan.plan.monthlyCost;
  };
  const [a, b] = [total(before), total(after)];
  const signed = (value: number) => `${value < 0 ? "-" : "+"}${formatUsd(Math.abs(Math.round(value * 100) / 100))}`;
  const [min, max] = [b.min - a.min, b.max - a.max];
  return Math.abs(min - max) < 0.005 ? `${signed(max)}/month` : `${signed(min)} to ${signed(max)}/month`;
}

/** flylint with PATH set to the given folders only, so which `fly` it finds is the test's choice. */
function runWithPath(args: string[], cwd: string, path: string) {
  const result = spawnSync(process.execPath, [bin, "diff", ...args], { cwd, encoding: "utf8", env: { ...process.env, PATH: path, NO_COLOR: "1" } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * A stand-in for flyctl: a Node script named `fly` that prints a JSON config for `config show -a <app>`,
 * or fails as flyctl does when nobody is logged in. It tests flylint's handling of the subprocess (finding
 * it, its arguments, its output and exit code), not flyctl itself.
 */
function fakeFly(folder: string, behaviour: "print" | "logged-out"): void {
  const script = [
    `#!${process.execPath}`,
    `const args = process.argv.slice(2).join(" ");`,
    behaviour === "logged-out"
      ? `process.stderr.write("Error: No access token available. Please login with 'flyctl auth login'\\n"); process.exit(1);`
      : `if (args !== "config show -a hello-diff") { process.stderr.write("Error: unexpected arguments: " + args + "\\n"); process.exit(3); }
process.stderr.write("WARNING: a note flyctl prints on stderr\\n");
process.stdout.write(require("node:fs").readFileSync(${JSON.stringify(join(folder, "deployed.json"))}, "utf8"));`,
  ].join("\n");
  writeFileSync(join(folder, "fly"), script);
  chmodSync(join(folder, "fly"), 0o755);
}

describe("flylint diff A B", () => {
  it("exits 0 with no difference between a fly.toml and its `fly config show` JSON", () => {
    const cwd = project({ "fly.toml": fixture("fly.toml"), "deployed.json": fixture("config-show.json") });
    const { code, stdout, stderr } = run(["fly.toml", "deployed.json"], cwd);
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toBe("fly.toml → deployed.json (fly config show): no difference for flyctl ([build] is not compared: the Fly service does not keep it)\n");
  });

  it("exits 1 and prints each change at its key path, secrets masked", () => {
    const cwd = project({ "fly.toml": fixture("fly.toml"), "changed.toml": fixture("changed.toml") });
    const { code, stdout } = run(["fly.toml", "changed.toml"], cwd);
    expect(code).toBe(1);
    expect(stdout).toBe(
      [
        "fly.toml → changed.toml: 5 changes for flyctl",
        '  ~ env.LOG_LEVEL: "info" → "debug"',
        '  ~ env.DATABASE_URL: "••••" → "••••"',
        "  ~ vm[*].memory: 1024 → 2048 MB",
        "  ~ mounts[data].initial_size: 10 → 20 GB",
        '  ~ services[app:8080/tcp].auto_stop_machines: "stop" → "suspend"',
        "Machines (a first deploy's count; cost estimated per month, from stopped most of the time to always on):",
        `  group app: memory 1024 → 2048 MB, auto-stop stop → suspend, env and services change, 1 Machine, ${costChange(fixture("fly.toml"), fixture("changed.toml"))}`,
        "",
      ].join("\n"),
    );
  });

  it("writes a versioned JSON report and a Markdown table, neither with a secret", () => {
    const cwd = project({ "fly.toml": fixture("fly.toml"), "changed.toml": fixture("changed.toml") });
    const json = run(["--format", "json", "fly.toml", "changed.toml"], cwd);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({ schemaVersion: 1, before: { path: "fly.toml", kind: "fly.toml" }, after: { path: "changed.toml", kind: "fly.toml" }, equal: false, buildIgnored: false });
    expect(report.changes[2]).toEqual({ path: "vm[*].memory", change: "changed", before: 1024, after: 2048 });
    expect(report.groups.map((g: { name: string; status: string }) => [g.name, g.status])).toEqual([["app", "changed"]]);
    expect(`${report.monthlyCost.delta.min < 0 ? "-" : "+"}$${report.monthlyCost.delta.min.toFixed(2)} to +$${report.monthlyCost.delta.max.toFixed(2)}/month`).toBe(costChange(fixture("fly.toml"), fixture("changed.toml")));
    const markdown = run(["-f", "markdown", "fly.toml", "changed.toml"], cwd);
    expect(markdown.stdout).toContain("| changed | `vm[*].memory` | `1024 MB` | `2048 MB` |\n");
    expect(markdown.stdout).toContain(`- group app: memory 1024 → 2048 MB, auto-stop stop → suspend, env and services change, 1 Machine, ${costChange(fixture("fly.toml"), fixture("changed.toml"))}\n`);
    for (const output of [json.stdout, markdown.stdout]) {
      expect(output).not.toContain("hunter2hunter2");
      expect(output).not.toContain("correcthorsebattery");
    }
  });

  it("reads one side from standard input", () => {
    const cwd = project({ "fly.toml": fixture("fly.toml") });
    const { code, stdout } = run(["-", "fly.toml"], cwd, fixture("config-save.toml"));
    expect(code).toBe(0);
    expect(stdout).toBe("<stdin> → fly.toml: no difference for flyctl ([build] is not compared: the Fly service does not keep it)\n");
  });

  it("exits 2 with one line naming the file and position when a side cannot be read or loaded", () => {
    const cwd = project({ "fly.toml": fixture("fly.toml"), "broken.toml": "app = \n", "broken.json": '{"app": "a",\n "env": }' });
    expect(run(["fly.toml", "missing.toml"], cwd)).toEqual({ code: 2, stdout: "", stderr: "flylint: cannot read missing.toml: ENOENT\n" });
    const toml = run(["fly.toml", "broken.toml"], cwd);
    expect(toml.code).toBe(2);
    expect(toml.stderr).toMatch(/^flylint: broken\.toml:1:7: [^\n]+\n$/);
    expect(run(["broken.json", "fly.toml"], cwd)).toEqual({ code: 2, stdout: "", stderr: "flylint: broken.json: not valid JSON at line 2, column 9: Unexpected token '}'\n" });
  });

  it("exits 2 on usage errors", () => {
    const cwd = project({ "fly.toml": fixture("fly.toml") });
    expect(run(["fly.toml"], cwd)).toEqual({ code: 2, stdout: "", stderr: "flylint: flylint diff compares two configs: give two paths (got 1), or --deployed (see flylint --help)\n" });
    expect(run(["-a", "x", "fly.toml", "fly.toml"], cwd).stderr).toBe("flylint: -a goes with --deployed (see flylint --help)\n");
    expect(run(["--format", "yaml", "fly.toml", "fly.toml"], cwd).code).toBe(2);
    expect(run(["--help"], cwd).stdout).toContain("Usage: flylint diff [options] <before> <after>");
  });
});

describe("flylint diff --deployed", () => {
  it("runs `fly config show -a APP` (a fake fly on PATH) and compares its JSON with fly.toml", () => {
    const cwd = project({ "fly.toml": fixture("fly.toml"), "deployed.json": fixture("config-show.json") });
    fakeFly(cwd, "print");
    const same = runWithPath(["--deployed"], cwd, cwd);
    expect(same).toEqual({ code: 0, stdout: "deployed hello-diff (fly config show) → fly.toml: no difference for flyctl ([build] is not compared: the Fly service does not keep it)\n", stderr: "" });
    writeFileSync(join(cwd, "deployed.json"), fixture("config-show.json").replace('"memory": "1gb"', '"memory": "512mb"'));
    const drift = runWithPath(["--deployed", "-a", "hello-diff", "fly.toml"], cwd, cwd);
    expect(drift).toEqual({
      code: 1,
      stdout: [
        "deployed hello-diff (fly config show) → fly.toml: 1 change for flyctl",
        "  ~ vm[*].memory: 512 → 1024 MB",
        "  ([build] is not compared: the Fly service does not keep it)",
        "Machines (a first deploy's count; cost estimated per month, from stopped most of the time to always on):",
        `  group app: memory 512 → 1024 MB, 1 Machine, ${costChange(fixture("fly.toml").replace('memory = "1gb"', 'memory = "512mb"'), fixture("fly.toml"))}`,
        "",
      ].join("\n"),
      stderr: "",
    });
  });

  it("passes -a on to fly and reports fly's own failure", () => {
    const cwd = project({ "fly.toml": fixture("fly.toml"), "deployed.json": fixture("config-show.json") });
    fakeFly(cwd, "print");
    const other = runWithPath(["--deployed", "-a", "other-app"], cwd, cwd);
    expect(other.code).toBe(2);
    expect(other.stderr).toBe(
      "flylint: `fly config show -a other-app` exited with 3: Error: unexpected arguments: config show -a other-app; save the deployed config with `fly config show -a other-app > deployed.json` and run `flylint diff deployed.json fly.toml`\n",
    );
  });

  it("says to log in, or how to save the deployed config, when fly is not logged in", () => {
    const cwd = project({ "fly.toml": fixture("fly.toml") });
    fakeFly(cwd, "logged-out");
    const { code, stderr } = runWithPath(["--deployed"], cwd, cwd);
    expect(code).toBe(2);
    expect(stderr).toBe(
      "flylint: `fly config show -a hello-diff` exited with 1: Error: No access token available. Please login with 'flyctl auth login'; log in with `fly auth login`, or save the deployed config with `fly config show -a hello-diff > deployed.json` and run `flylint diff deployed.json fly.toml`\n",
    );
  });

  it("without flyctl on PATH says how to save the deployed config to a file, and exits 2", () => {
    const cwd = project({ "fly.toml": fixture("fly.toml") });
    const { code, stdout, stderr } = runWithPath(["--deployed"], cwd, join(cwd, "no-such-folder"));
    expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
    expect(stderr).toBe("flylint: flyctl is not installed here (no flyctl or fly on PATH); save the deployed config with `fly config show -a hello-diff > deployed.json` and run `flylint diff deployed.json fly.toml`\n");
  });

  it("needs an app name from -a or fly.toml", () => {
    const cwd = project({ "fly.toml": `primary_region = "iad"\n` });
    expect(runWithPath(["--deployed"], cwd, cwd)).toEqual({ code: 2, stdout: "", stderr: "flylint: fly.toml names no app: give the app with -a APP (see flylint --help)\n" });
  });
});
