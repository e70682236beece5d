import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "./helpers/simple-yaml.js";
import { afterAll, describe, expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const hooks = parseYaml(readFileSync(join(root, ".pre-commit-hooks.yaml"), "utf8"));
const bin = join(root, "bin/flylint.cjs");
const hasPreCommit = spawnSync("pre-commit", ["--version"], { encoding: "utf8" }).status === 0;
const folders: string[] = [];
afterAll(() => folders.forEach((f) => rmSync(f, { recursive: true, force: true })));

function gitRepo(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), "flylint-precommit-"));
  folders.push(folder);
  execFileSync("git", ["init", "-q"], { cwd: folder });
  execFileSync("git", ["config", "user.email", "test@example.com"], { cwd: folder });
  execFileSync("git", ["config", "user.name", "test"], { cwd: folder });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  return folder;
}

const bad = `app = "x"\nkill_timeout = "5"\n`;
const fixable = `app = "x"\n[http_service]\n  internal_port = 8080\n  auto_stop_machines = true\n`;

describe(".pre-commit-hooks.yaml", () => {
  const filesPattern = new RegExp(hooks[0]?.files ?? "$^");

  it("declares a lint hook and a fixing hook for fly.toml and fly.*.toml at any depth", () => {
    expect(hooks.map((h) => [h.id, h.entry, h.language])).toEqual([
      ["flylint", "flylint", "node"],
      ["flylint-fix", "flylint --fix", "node"],
    ]);
    for (const path of ["fly.toml", "apps/api/fly.toml", "fly.staging.toml", "a/b/fly.production.toml"]) expect(filesPattern.test(path), path).toBe(true);
    for (const path of ["flyfly.toml", "config.toml", "fly.toml.bak", "myfly.toml", "fly.yaml"]) expect(filesPattern.test(path), path).toBe(false);
    // CI files, whose flyctl steps flylint checks (src/ci/paths.ts says the same).
    for (const path of [".github/workflows/deploy.yml", ".github/workflows/fly.yaml", ".gitlab-ci.yml", "ci/deploy.gitlab-ci.yml"]) expect(filesPattern.test(path), path).toBe(true);
    for (const path of [".github/dependabot.yml", "workflows/deploy.yml", "gitlab-ci.yml"]) expect(filesPattern.test(path), path).toBe(false);
  });

  // The command lines the hooks run: the entry followed by the staged files that match.
  it("blocks on errors and passes clean files, as the hook's command line", () => {
    const repo = gitRepo({ "fly.toml": bad, "ok/fly.toml": fixable.replace("true", '"stop"') });
    expect(spawnSync(process.execPath, [bin, "fly.toml"], { cwd: repo }).status).toBe(1);
    expect(spawnSync(process.execPath, [bin, "ok/fly.toml"], { cwd: repo }).status).toBe(0);
  });

  it("fixes in place and passes, as the fixing hook's command line", () => {
    const repo = gitRepo({ "fly.toml": fixable });
    expect(spawnSync(process.execPath, [bin, "--fix", "fly.toml"], { cwd: repo }).status).toBe(0);
    expect(readFileSync(join(repo, "fly.toml"), "utf8")).toContain('auto_stop_machines = "stop"');
  });
});

// The real tool, when it is installed (.ci/run installs Debian's pre-commit): it installs this repository's
// hooks the way its users get them (npm install + npm pack) and runs them on a commit.
describe.skipIf(!hasPreCommit)("pre-commit with this repository's hooks", () => {
  const head = execFileSync("git", ["rev-parse", "HEAD"], { cwd: root, encoding: "utf8" }).trim();
  const config = (hook: string) => `repos:\n  - repo: ${root}\n    rev: ${head}\n    hooks:\n      - id: ${hook}\n`;
  const commit = (repo: string) => spawnSync("git", ["commit", "-q", "-m", "test"], { cwd: repo, encoding: "utf8", env: { ...process.env, PRE_COMMIT_COLOR: "never" } });

  it("blocks a commit with a bad fly.toml and lets a good one through", { timeout: 600_000 }, () => {
    const repo = gitRepo({ ".pre-commit-config.yaml": config("flylint"), "fly.toml": bad, "README.md": "x" });
    execFileSync("pre-commit", ["install"], { cwd: repo });
    execFileSync("git", ["add", "-A"], { cwd: repo });
    const blocked = commit(repo);
    expect(blocked.status).not.toBe(0);
    expect(blocked.stdout + blocked.stderr).toContain("kill_timeout must be a duration with a unit");
    writeFileSync(join(repo, "fly.toml"), `app = "x"\nkill_timeout = "5s"\n`);
    execFileSync("git", ["add", "-A"], { cwd: repo });
    expect(commit(repo).status).toBe(0);
  });

  it("skips silently when no fly config is staged", { timeout: 600_000 }, () => {
    const repo = gitRepo({ ".pre-commit-config.yaml": config("flylint"), "README.md": "x" });
    execFileSync("pre-commit", ["install"], { cwd: repo });
    execFileSync("git", ["add", "-A"], { cwd: repo });
    const result = commit(repo);
    expect(result.status).toBe(0);
    expect(result.stdout + result.stderr).toMatch(/flylint\.+\(no files to check\)Skipped/);
  });

  it("the fixing hook rewrites the file and fails the commit so the fix can be reviewed", { timeout: 600_000 }, () => {
    const repo = gitRepo({ ".pre-commit-config.yaml": config("flylint-fix"), "fly.toml": fixable });
    execFileSync("pre-commit", ["install"], { cwd: repo });
    execFileSync("git", ["add", "-A"], { cwd: repo });
    const first = commit(repo);
    expect(first.status).not.toBe(0);
    expect(first.stdout + first.stderr).toContain("files were modified by this hook");
    expect(readFileSync(join(repo, "fly.toml"), "utf8")).toContain('auto_stop_machines = "stop"');
    execFileSync("git", ["add", "-A"], { cwd: repo });
    expect(commit(repo).status).toBe(0);
  });
});
