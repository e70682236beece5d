import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { workerCount } from "../src/cli/lint-workers.js";
import { bin, useProjects } from "./helpers/cli.js";

const project = useProjects("flylint-workers-");

/** Runs flylint with a given number of lint workers (FLYLINT_WORKERS), so the test does not depend on the machine's cores. */
function run(args: string[], cwd: string, workers: number) {
  // A run that hangs (a worker keeping it alive) ends at the timeout with no exit code, and fails the test.
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: "utf8", timeout: 60_000, env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "", FLYLINT_WORKERS: String(workers) } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** 60 apps, each a little different, with problems and fixes of several rules. */
function manyApps(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < 60; i++) {
    files[`app-${String(i).padStart(2, "0")}/fly.toml`] = [
      `app = "app-${i}"`,
      `primary_region = "iad"`,
      i % 3 === 0 ? `kill_timeout = ${i}` : `kill_timeout = "${i}s"`,
      "",
      "[http_service]",
      `  internal_port = ${8000 + i}`,
      i % 2 === 0 ? "  auto_stop_machines = true" : `  auto_stop_machines = "stop"`,
      i % 5 === 0 ? `  force_https = "yes"` : "  force_https = true",
      "",
      "[env]",
      i % 4 === 0 ? `  PORT = ${8000 + i}` : `  PORT = "${8000 + i}"`,
      "",
    ].join("\n");
  }
  return files;
}

describe("lint workers", { timeout: 120_000 }, () => {
  it("start none for few files or one core, and one per spare core for many", () => {
    const saved = process.env["FLYLINT_WORKERS"];
    delete process.env["FLYLINT_WORKERS"];
    try {
      expect(workerCount(1, 8)).toBe(0);
      expect(workerCount(47, 8)).toBe(0);
      expect(workerCount(48, 8)).toBe(1);
      expect(workerCount(1000, 1)).toBe(0);
      expect(workerCount(1000, 2)).toBe(1);
      expect(workerCount(1000, 8)).toBe(7);
    } finally {
      if (saved !== undefined) process.env["FLYLINT_WORKERS"] = saved;
    }
  });

  it("report exactly what one thread reports, in the same order, in every format", () => {
    const cwd = project(manyApps());
    // Workers format their files' parts of a stylish or JSON report; one thread formats all of them.
    const runs = [
      ...["stylish", "json", "sarif"].map((format) => ["--format", format]),
      ["--quiet"],
      ["--format", "json", "--quiet"],
      ["--fix-dry-run"],
      ["--format", "json", "--fix-dry-run", "--unsafe-fixes"],
      ["--statistics"],
    ];
    for (const args of runs) {
      const one = run(args, cwd, 0);
      const three = run(args, cwd, 3);
      expect(one.code).toBe(1);
      expect(three).toEqual(one);
    }
  });

  it("lint each file with its own folder's config, as one thread does (workers are given what the main thread looked up)", () => {
    // The root's config, and every fourth app's own (15 of them, so workers surely lint some of each).
    const own: Record<string, string> = {};
    for (let i = 0; i < 60; i += 4) own[`app-${String(i).padStart(2, "0")}/flylint.json`] = JSON.stringify({ rules: { "auto-stop-machines-boolean": "error" } });
    const cwd = project({ ...manyApps(), ...own, "flylint.json": JSON.stringify({ rules: { "kill-timeout-number": "error" } }) });
    const three = run(["--format", "json"], cwd, 3);
    expect(three).toEqual(run(["--format", "json"], cwd, 0));
    const report = JSON.parse(three.stdout) as { files: { path: string; diagnostics: { ruleId: string; severity: string }[] }[] };
    for (const file of report.files) {
      const i = Number(/app-(\d+)/.exec(file.path)?.[1]);
      const severity = (rule: string) => file.diagnostics.find((d) => d.ruleId === rule)?.severity;
      // auto_stop_machines = true in the even apps; a number kill_timeout in every third.
      expect(severity("auto-stop-machines-boolean")).toBe(i % 4 === 0 ? "error" : i % 2 === 0 ? "warning" : undefined);
      expect(severity("kill-timeout-number")).toBe(i % 3 === 0 ? "error" : undefined);
    }
  });

  it("read each app's Dockerfile from what the search listed, as a run naming the files reads it", () => {
    // Every third app has a Dockerfile whose server listens on localhost; app-01 one named only in lower
    // case (read on a file system that does not tell case apart, absent on one that does, as flyctl's stat
    // finds it); app-02 names one in another folder; app-04's fly.toml is a symlink (not listed as a file:
    // read after a stat, as before).
    const localhostServer = "FROM python\nCMD uvicorn main:app\n";
    const files = manyApps();
    for (let i = 0; i < 60; i += 3) files[`app-${String(i).padStart(2, "0")}/Dockerfile`] = localhostServer;
    files["app-01/dockerfile"] = localhostServer;
    files["app-02/fly.toml"] = `${files["app-02/fly.toml"]}[build]\n  dockerfile = "../docker/web.Dockerfile"\n`;
    files["docker/web.Dockerfile"] = localhostServer;
    files["app-04/real.toml"] = files["app-04/fly.toml"] as string;
    files["app-04/Dockerfile"] = localhostServer;
    delete files["app-04/fly.toml"];
    const cwd = project(files);
    symlinkSync("real.toml", join(cwd, "app-04", "fly.toml"));
    const named = [...Object.keys(files).filter((path) => path.endsWith("fly.toml")), "app-04/fly.toml"].sort();
    const byName = run(["--format", "json", ...named], cwd, 0);
    const readDockerfile = (stdout: string) =>
      (JSON.parse(stdout) as { files: { path: string; diagnostics: { ruleId: string }[] }[] }).files.filter((file) => file.diagnostics.some((d) => d.ruleId === "localhost-binding")).map((file) => file.path);
    const caseBlind = existsSync(join(cwd, "app-01", "DOCKERFILE"));
    const expected = [...Array.from({ length: 20 }, (_, k) => `app-${String(k * 3).padStart(2, "0")}/fly.toml`), "app-02/fly.toml", "app-04/fly.toml", ...(caseBlind ? ["app-01/fly.toml"] : [])];
    expect(readDockerfile(byName.stdout)).toEqual(expected.sort());
    expect(run(["--format", "json"], cwd, 0)).toEqual(byName);
    expect(run(["--format", "json"], cwd, 3)).toEqual(byName);
  });

  it("fix the same files to the same bytes as one thread", () => {
    const files = manyApps();
    const single = project(files);
    const parallel = project(files);
    const one = run(["--fix", "--format", "json"], single, 0);
    const three = run(["--fix", "--format", "json"], parallel, 3);
    expect(three.code).toBe(one.code);
    expect(three.stdout.replaceAll(parallel, "<dir>")).toBe(one.stdout.replaceAll(single, "<dir>"));
    for (const app of readdirSync(single)) {
      expect(readFileSync(join(parallel, app, "fly.toml"), "utf8")).toBe(readFileSync(join(single, app, "fly.toml"), "utf8"));
    }
    expect(readFileSync(join(single, "app-00/fly.toml"), "utf8")).not.toBe(files["app-00/fly.toml"]);
  });

  it("end the run at the first unreadable file in file order, with one line, as one thread does", () => {
    const cwd = project(manyApps());
    // A dangling symlink is kept by the search (a config that cannot be read must not pass silently).
    for (const app of ["app-30", "app-50"]) {
      rmSync(join(cwd, app, "fly.toml"));
      symlinkSync(join(cwd, app, "gone.toml"), join(cwd, app, "fly.toml"));
    }
    const three = run([], cwd, 3);
    expect(three).toEqual(run([], cwd, 0));
    expect(three).toMatchObject({ code: 2, stdout: "", stderr: "flylint: cannot read app-30/fly.toml: ENOENT\n" });
  });

  it("end a run whose search or config fails after its workers started, at once, with one line", () => {
    // Workers start as the search finds files: here 60 of them, then a named folder with none, or a
    // config file that is not JSON. The workers were given no files and must not keep the run alive.
    const cwd = project({ ...manyApps(), "empty/README": "nothing here\n" });
    const empty = run([".", "empty"], cwd, 3);
    expect(empty).toEqual(run([".", "empty"], cwd, 0));
    expect(empty).toMatchObject({ code: 2, stdout: "", stderr: expect.stringMatching(/^flylint: no fly\.toml or fly\.\*\.toml found in empty .*\n$/) });
    const broken = project({ ...manyApps(), "app-59/flylint.json": "{ not json" });
    const badConfig = run([], broken, 3);
    expect(badConfig).toEqual(run([], broken, 0));
    expect(badConfig.code).toBe(2);
    expect(badConfig.stderr).toMatch(/^flylint: .*flylint\.json.*\n$/);
  });

  it("say once that a folder has two config files, however many threads read it", () => {
    const files = manyApps();
    const cwd = project({ ...files, "flylint.json": "{}", ".flylintrc.json": "{}" });
    const three = run(["--format", "json"], cwd, 3);
    expect(three.stderr).toBe("flylint: . has flylint.json and .flylintrc.json; using flylint.json\n");
    expect(three).toEqual(run(["--format", "json"], cwd, 0));
  });
});
