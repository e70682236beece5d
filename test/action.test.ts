import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const action = readFileSync(join(root, "action.yml"), "utf8");
const folder = mkdtempSync(join(tmpdir(), "flylint-action-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The `run:` scripts of action.yml's steps, in order (block scalars and one-liners). */
function runScripts(yaml: string): string[] {
  const scripts: string[] = [];
  const lines = yaml.split("\n");
  lines.forEach((line, i) => {
    const match = /^(\s*)run: (.*)$/.exec(line);
    if (!match) return;
    if (match[2] !== "|") return void scripts.push(match[2] as string);
    const block: string[] = [];
    const indent = (match[1] as string).length;
    for (const next of lines.slice(i + 1)) {
      if (next.trim() !== "" && next.length - next.trimStart().length <= indent) break;
      block.push(next.trim());
    }
    scripts.push(block.filter(Boolean).join("\n"));
  });
  return scripts;
}

describe("action.yml", () => {
  const [install, sarifStep, lintStep] = runScripts(action);

  it("installs flylint from the action's folder, then writes SARIF and annotates", () => {
    expect(install).toBe('npm ci --prefix "$GITHUB_ACTION_PATH" --no-audit --no-fund --loglevel=error');
    expect(sarifStep).toContain("--format sarif --output-file");
    expect(lintStep).toContain("--format github");
    // Inputs reach the scripts through environment variables, never pasted into the script text.
    expect(action).not.toMatch(/run: .*\$\{\{/);
  });

  it("its steps, run as GitHub runs them, write a valid report and fail on errors with annotations", () => {
    writeFileSync(join(folder, "fly.toml"), `app = "x"\nkill_timeout = "5"\n`);
    const output = join(folder, "github-output");
    writeFileSync(output, "");
    const env = { ...process.env, GITHUB_ACTION_PATH: root, GITHUB_OUTPUT: output, FLYLINT_PATHS: ".", FLYLINT_ARGS: "", FLYLINT_SARIF: "flylint.sarif", NO_COLOR: "1" };
    execFileSync("bash", ["-euo", "pipefail", "-c", sarifStep as string], { cwd: folder, env });
    const sarif = JSON.parse(readFileSync(join(folder, "flylint.sarif"), "utf8"));
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toEqual(["invalid-value"]);
    expect(readFileSync(output, "utf8")).toBe("path=flylint.sarif\n");
    const lint = spawnSync("bash", ["-c", lintStep as string], { cwd: folder, env, encoding: "utf8" });
    expect(lint.status).toBe(1);
    expect(lint.stdout).toBe(`::error file=fly.toml,line=2,col=16,endLine=2,endColumn=19,title=invalid-value::kill_timeout must be a duration with a unit, such as "10s" (got "5")\n`);
  });
});
