import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { root } from "./helpers/cli.js";

const actionText = readFileSync(join(root, "action.yml"), "utf8");
const scratch = mkdtempSync(join(tmpdir(), "flylint-action-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Step {
  name: string;
  id?: string;
  uses?: string;
  env: Record<string, string>;
  run?: string;
}

/**
 * The steps of action.yml's composite `runs:`, read as a runner reads them: name, id, uses, env and the
 * `run:` script (a block scalar or one line). action.yml keeps to this shape: steps are `- name:` items
 * with plain `key: value` lines, an `env:` map and a `run: |` block.
 */
function parseSteps(yaml: string): Step[] {
  const lines = yaml.split("\n");
  const start = lines.findIndex((line) => /^\s+steps:\s*$/.test(line));
  const steps: Step[] = [];
  let inEnv = false;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (/^\s*(#.*)?$/.test(line)) continue;
    const item = /^(\s*)- (\w[\w-]*): (.*)$/.exec(line);
    const entry = item ?? /^(\s*)(\w[\w-]*):\s*(.*)$/.exec(line);
    if (!entry) throw new Error(`action.yml line ${i + 1} is not in the shape this test reads: ${line}`);
    const [, indent = "", key = "", value = ""] = entry;
    if (item) steps.push({ name: "", env: {} });
    const step = steps[steps.length - 1] as Step;
    if (inEnv && !item && indent.length > 6) {
      step.env[key] = value.trim();
      continue;
    }
    inEnv = key === "env";
    if (key === "run" && value === "|") {
      const block: string[] = [];
      while (i + 1 < lines.length && (lines[i + 1]?.trim() === "" || (lines[i + 1] as string).length - (lines[i + 1] as string).trimStart().length > indent.length)) {
        block.push((lines[++i] as string).slice(indent.length + 2));
      }
      step.run = `${block.join("\n").trimEnd()}\n`;
    } else if (key === "run") step.run = value;
    else if (key === "name" || key === "id" || key === "uses") step[key] = value;
  }
  return steps;
}

/** `inputs:` with their defaults, and `outputs:` with their value expressions. */
function parseMap(yaml: string, section: "inputs" | "outputs", field: "default" | "value"): Record<string, string> {
  const block = new RegExp(`^${section}:\\n((?:  .*\\n|\\n)*)`, "m").exec(yaml)?.[1] ?? "";
  const map: Record<string, string> = {};
  let current = "";
  for (const line of block.split("\n")) {
    const name = /^ {2}([\w-]+):\s*$/.exec(line)?.[1];
    if (name) current = name;
    const value = new RegExp(`^ {4}${field}: (.*)$`).exec(line)?.[1];
    if (value !== undefined && current) map[current] = value.replace(/^"(.*)"$/, "$1");
  }
  return map;
}

/** A step's outputs, from the GITHUB_OUTPUT file it wrote (`name=value` lines). */
function readOutputs(file: string): Record<string, string> {
  return Object.fromEntries(readFileSync(file, "utf8").split("\n").filter(Boolean).map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]));
}

interface Run {
  /** Each step that ran, with its exit code and output. */
  steps: { name: string; code: number | null; stdout: string; stderr: string }[];
  /** The action's outputs, as the caller's `steps.<id>.outputs` sees them. */
  outputs: Record<string, string>;
}

/**
 * Runs the action as GitHub's runner runs a composite action: each step's `${{ }}` expressions filled in
 * from the inputs and earlier steps' outputs, its env set, its own GITHUB_OUTPUT file, `bash --noprofile
 * --norc -eo pipefail` in GITHUB_WORKSPACE; the first failing step ends the run.
 */
function runAction(actionPath: string, workspace: string, inputs: Record<string, string> = {}, extraEnv: Record<string, string> = {}): Run {
  const yaml = readFileSync(join(actionPath, "action.yml"), "utf8");
  const given = { ...parseMap(yaml, "inputs", "default"), ...inputs };
  const stepOutputs: Record<string, Record<string, string>> = {};
  const evaluate = (text: string) =>
    text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, expression: string) => {
      const [scope, a = "", b = "", c = ""] = expression.split(".");
      if (scope === "inputs") return given[a] ?? "";
      if (scope === "steps" && b === "outputs") return stepOutputs[a]?.[c] ?? "";
      if (scope === "github" && a === "action_path") return actionPath;
      throw new Error(`the test does not evaluate \${{ ${expression} }}`);
    });
  const runnerTemp = mkdtempSync(join(scratch, "runner-temp-"));
  const steps: Run["steps"] = [];
  for (const [index, step] of parseSteps(yaml).entries()) {
    if (step.run === undefined) throw new Error(`step ${step.name} is not a run step`);
    const output = join(runnerTemp, `output-${index}`);
    writeFileSync(output, "");
    const script = join(runnerTemp, `step-${index}.sh`);
    writeFileSync(script, step.run);
    const env = {
      ...process.env,
      NO_COLOR: "1",
      GITHUB_ACTIONS: "true",
      CI: "true",
      GITHUB_WORKSPACE: workspace,
      GITHUB_ACTION_PATH: actionPath,
      GITHUB_OUTPUT: output,
      RUNNER_TEMP: runnerTemp,
      ...Object.fromEntries(Object.entries(given).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])),
      ...Object.fromEntries(Object.entries(step.env).map(([name, value]) => [name, evaluate(value)])),
      ...extraEnv,
    };
    const result = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], { cwd: workspace, env, encoding: "utf8" });
    steps.push({ name: step.name, code: result.status, stdout: result.stdout, stderr: result.stderr });
    if (step.id) stepOutputs[step.id] = readOutputs(output);
    if (result.status !== 0) break;
  }
  const outputs = Object.fromEntries(Object.entries(parseMap(yaml, "outputs", "value")).map(([name, value]) => [name, evaluate(value)]));
  return { steps, outputs };
}

function workspace(files: Record<string, string>): string {
  const folder = mkdtempSync(join(scratch, "workspace-"));
  for (const [path, text] of Object.entries(files)) writeFileSync(join(folder, path), text);
  return folder;
}

const broken = `app = "x"\nkill_timeout = "5"\n`;

describe("action.yml", () => {
  const steps = parseSteps(actionText);

  it("changes nothing of the job: no setup-node, no npm ci, no build; one lint; inputs only through env", () => {
    expect(steps.map((s) => s.name)).toEqual(["Find flylint", "Lint"]);
    expect(steps.filter((s) => s.uses !== undefined)).toEqual([]);
    const withoutComments = actionText.replace(/^\s*#.*$/gm, "");
    expect(withoutComments).not.toMatch(/npm ci|npm run|scripts\/build|setup-node@/);
    const scripts = steps.map((s) => s.run ?? "").join("\n");
    expect(scripts.match(/node "\$FLYLINT_BIN"/g)).toHaveLength(1);
    // Inputs reach the scripts through environment variables, never pasted into the script text.
    expect(scripts).not.toContain("${{");
  });

  it("lints once, writing annotations and SARIF, and fails with flylint's exit code", () => {
    const cwd = workspace({ "fly.toml": broken });
    const run = runAction(root, cwd);
    expect(run.steps.map((s) => [s.name, s.code])).toEqual([
      ["Find flylint", 0],
      ["Lint", 1],
    ]);
    const lint = run.steps[1];
    expect(lint?.stdout).toBe(`::error file=fly.toml,line=2,col=16,endLine=2,endColumn=19,title=invalid-value::kill_timeout must be a duration with a unit, such as "10s" (got "5")\n`);
    const sarif = JSON.parse(readFileSync(join(cwd, "flylint.sarif"), "utf8"));
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toEqual(["invalid-value"]);
    expect(run.outputs).toEqual({ "sarif-file": "flylint.sarif", "exit-code": "1" });
  });

  it("passes a clean run, and takes paths, args and an empty sarif-file from the inputs", () => {
    const cwd = workspace({ "fly.toml": `app = "x"\nbogus = 1\n` });
    const clean = runAction(root, cwd);
    expect(clean.steps.map((s) => s.code)).toEqual([0, 0]);
    expect(clean.outputs).toEqual({ "sarif-file": "flylint.sarif", "exit-code": "0" });
    expect(clean.steps[1]?.stdout).toContain("::warning file=fly.toml,line=2");
    const strict = runAction(root, cwd, { args: "--max-warnings 0", "sarif-file": "" });
    expect(strict.steps[1]?.code).toBe(1);
    expect(strict.outputs).toEqual({ "sarif-file": "", "exit-code": "1" });
    // The run that wrote no report removed the earlier one rather than leave it to be uploaded.
    const failing = runAction(root, cwd, { paths: "nowhere" });
    expect(failing.steps[1]?.code).toBe(2);
    expect(failing.steps[1]?.stderr).toBe("flylint: no such file or directory: nowhere\n");
    expect(failing.outputs).toEqual({ "sarif-file": "", "exit-code": "2" });
    expect(existsSync(join(cwd, "flylint.sarif"))).toBe(false);
  });

  it("says what is missing when the runner has no Node 20", () => {
    const bin = mkdtempSync(join(scratch, "old-node-"));
    writeFileSync(join(bin, "node"), `#!/bin/sh\ncase "$1" in --version) echo v18.19.0 ;; *) echo 18 ;; esac\n`);
    chmodSync(join(bin, "node"), 0o755);
    const run = runAction(root, workspace({ "fly.toml": broken }), {}, { PATH: `${bin}:${process.env["PATH"] ?? ""}` });
    expect(run.steps.map((s) => [s.name, s.code])).toEqual([["Find flylint", 2]]);
    expect(run.steps[0]?.stdout).toBe("::error title=flylint::flylint needs Node.js 20 or newer on the runner (found: v18.19.0); on a self-hosted runner, put actions/setup-node before this step\n");
  });

  describe("at a release tag, where dist/ is not committed", () => {
    let actionPath: string;
    let tarball: string;
    let fakeBin: string;
    const version = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;

    beforeAll(() => {
      // What `uses: flylint/flylint@v1` checks out: the repository's files without a build.
      actionPath = mkdtempSync(join(scratch, "checkout-"));
      for (const file of ["action.yml", "package.json"]) copyFileSync(join(root, file), join(actionPath, file));
      // The package as npm publishes it, packed from this build.
      const packed = JSON.parse(execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", scratch], { cwd: root, encoding: "utf8" })) as { filename: string }[];
      tarball = join(scratch, packed[0]?.filename as string);
      // The registry stand-in: npm as the runner has it, given the packed tarball for `flylint@<version>`.
      fakeBin = mkdtempSync(join(scratch, "npm-"));
      const realNpm = execFileSync("bash", ["-c", "command -v npm"], { encoding: "utf8" }).trim();
      writeFileSync(
        join(fakeBin, "npm"),
        `#!/bin/bash\nprintf '%s\\n' "$*" >> "${join(fakeBin, "calls")}"\nargs=()\nfor a in "$@"; do [ "$a" = "flylint@${version}" ] && a="${tarball}"; args+=("$a"); done\nexec "${realNpm}" "\${args[@]}"\n`,
      );
      chmodSync(join(fakeBin, "npm"), 0o755);
    });

    it("installs the published flylint of the action's version, without devDependencies, and lints with it", () => {
      const cwd = workspace({ "fly.toml": broken });
      const run = runAction(actionPath, cwd, {}, { PATH: `${fakeBin}:${process.env["PATH"] ?? ""}` });
      expect(run.steps.map((s) => [s.name, s.code])).toEqual([
        ["Find flylint", 0],
        ["Lint", 1],
      ]);
      expect(readFileSync(join(fakeBin, "calls"), "utf8").split("\n").filter(Boolean)).toEqual([
        expect.stringMatching(new RegExp(`^install --prefix .*/flylint-${version.replace(/\./g, "\\.")} --omit=dev --no-save --no-audit --no-fund --loglevel=error flylint@${version.replace(/\./g, "\\.")}$`)),
      ]);
      const prefix = (readFileSync(join(fakeBin, "calls"), "utf8").split(" ")[2] as string).trim();
      // flylint's bundle needs nothing else: the install is flylint alone.
      expect(readdirSync(join(prefix, "node_modules")).filter((name) => !name.startsWith("."))).toEqual(["flylint"]);
      expect(run.steps[1]?.stdout).toContain("::error file=fly.toml,line=2,col=16");
      expect(JSON.parse(readFileSync(join(cwd, "flylint.sarif"), "utf8")).runs[0].results).toHaveLength(1);
    });
  });
});
