import { spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { NotRegularFileError, readRegularFile } from "../src/files/read.js";
import { bin, root, useProjects } from "./helpers/cli.js";

// What flylint promises about the files it reads and writes (README, "What flylint guarantees about
// files"). Every test spawns the built binary. A spawn gets a hang-only limit (a fifo read blocks
// forever) far above any run's length; no test measures time.
const project = useProjects("flylint-files-");
const hangLimit = { timeout: 60_000, killSignal: "SIGKILL" as const };
const slow = 180_000;

const isRoot = process.getuid?.() === 0;
const nobody = 65534;
const hasSetpriv = spawnSync("setpriv", ["--version"]).status === 0;
// Root reads everything, so permission errors are shown by running flylint as nobody (setpriv); a
// non-root test run is already a user that chmod 000 stops.
const canRunUnprivileged = !isRoot || hasSetpriv;
const unprivilegedReason = "running as root without setpriv: no way to run flylint as a user that permissions stop";

function flylint(args: string[], cwd: string, options: { asNobody?: boolean; input?: string } = {}) {
  const argv = [bin, ...args];
  const [command, commandArgs] = options.asNobody && isRoot ? ["setpriv", [`--reuid=${nobody}`, `--regid=${nobody}`, "--clear-groups", process.execPath, ...argv]] : [process.execPath, argv];
  const result = spawnSync(command as string, commandArgs as string[], { cwd, input: options.input, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "" }, ...hangLimit });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function mkfifo(path: string): void {
  const result = spawnSync("mkfifo", [path]);
  if (result.status !== 0) throw new Error(`mkfifo ${path}: ${result.stderr}`);
}

/** A folder (and its files) that the unprivileged user can read, or, with `writable`, also change. */
function openTo(folder: string, writable = false): void {
  chmodSync(folder, writable ? 0o777 : 0o755);
}

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

async function listenOn(path: string): Promise<void> {
  const server = createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(path, resolve));
}

// One safe fix (boolean auto-stop) and a legacy form migrate rewrites (a port as a string).
const fixable = `app = "web"\n[http_service]\n  internal_port = 8080\n  auto_stop_machines = true\n`;
const fixed = fixable.replace("auto_stop_machines = true", 'auto_stop_machines = "stop"');
const legacy = `app = "web"\n[[services]]\n  internal_port = "8080"\n  protocol = "tcp"\n`;
const clean = `app = "web"\nprimary_region = "ams"\n`;
const files = (stdout: string) => (JSON.parse(stdout) as { files: { path: string }[] }).files.map((f) => f.path);
const temporaries = (folder: string) => readdirSync(folder).filter((name) => name.includes(".flylint-"));

describe("only regular files are read", { timeout: slow }, () => {
  it("a fifo named on the command line is a one-line error, for lint and migrate", () => {
    const cwd = project({});
    mkfifo(join(cwd, "fly.toml"));
    const message = { code: 2, stdout: "", stderr: "flylint: cannot read fly.toml: not a regular file (a fifo)\n" };
    expect(flylint(["fly.toml"], cwd)).toEqual(message);
    expect(flylint(["--fix", "fly.toml"], cwd)).toEqual(message);
    expect(flylint(["migrate", "fly.toml"], cwd)).toEqual(message);
  });

  it("a file opened without a stat first (a search listed it as a regular file) is still refused as a fifo, without blocking", () => {
    const cwd = project({});
    mkfifo(join(cwd, "fly.toml"));
    expect(() => readRegularFile(join(cwd, "fly.toml"), true)).toThrow(new NotRegularFileError(join(cwd, "fly.toml"), "a fifo"));
  });

  it("a flylint.json that is a fifo is a one-line error, not a hang", () => {
    const cwd = project({ "fly.toml": 'app = "x"\n' });
    mkfifo(join(cwd, "flylint.json"));
    const run = flylint(["fly.toml"], cwd);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^flylint: .*flylint\.json: not a regular file \(a fifo\)\n$/);
  });

  it("so are a symlink to a fifo, a socket and a device", async () => {
    const cwd = project({});
    mkfifo(join(cwd, "pipe"));
    symlinkSync(join(cwd, "pipe"), join(cwd, "fly.toml"));
    await listenOn(join(cwd, "fly.sock.toml"));
    expect(flylint(["fly.toml"], cwd)).toEqual({ code: 2, stdout: "", stderr: "flylint: cannot read fly.toml: not a regular file (a fifo)\n" });
    expect(flylint(["fly.sock.toml"], cwd)).toEqual({ code: 2, stdout: "", stderr: "flylint: cannot read fly.sock.toml: not a regular file (a socket)\n" });
    expect(flylint(["/dev/null"], cwd)).toEqual({ code: 2, stdout: "", stderr: "flylint: cannot read /dev/null: not a regular file (a character device)\n" });
  });

  it("a folder search skips fifos, sockets, devices and links to them or to folders, silently", async () => {
    const cwd = project({ "app/fly.toml": clean, "shared/fly.toml": clean });
    mkfifo(join(cwd, "fly.toml"));
    mkfifo(join(cwd, "pipe"));
    symlinkSync(join(cwd, "pipe"), join(cwd, "fly.pipe.toml"));
    symlinkSync("/dev/zero", join(cwd, "fly.zero.toml"));
    symlinkSync(join(cwd, "shared"), join(cwd, "fly.folder.toml"));
    await listenOn(join(cwd, "fly.sock.toml"));
    expect(flylint(["-f", "json"], cwd)).toMatchObject({ code: 0, stderr: "" });
    expect(files(flylint(["-f", "json"], cwd).stdout)).toEqual(["app/fly.toml", "shared/fly.toml"]);
    expect(flylint(["migrate", "--check"], cwd)).toMatchObject({ code: 0, stderr: "" });
  });

  it("a Dockerfile that is a fifo, a folder or a device reads as absent", () => {
    const config = `app = "web"\n[http_service]\n  internal_port = 8080\n`;
    const fifo = project({ "fly.toml": config });
    mkfifo(join(fifo, "Dockerfile"));
    expect(flylint([], fifo)).toMatchObject({ code: 0, stderr: "" });
    expect(flylint(["--stdin", "--stdin-filename", "fly.toml"], fifo, { input: config })).toMatchObject({ code: 0, stderr: "" });
    const folder = project({ "fly.toml": config, "Dockerfile/README": "not a Dockerfile" });
    expect(flylint([], folder)).toMatchObject({ code: 0, stderr: "" });
    const device = project({ "fly.toml": `${config}[build]\n  dockerfile = "/dev/zero"\n` });
    expect(flylint([], device)).toMatchObject({ code: 0, stderr: "" });
  });
});

if (!canRunUnprivileged) it.skip(`permission errors: ${unprivilegedReason}`, () => {});
if (!isRoot) it.skip("owners kept: only root can give a test file another user's owner", () => {});

describe.runIf(canRunUnprivileged)("paths flylint may not read are one-line errors", { timeout: slow }, () => {
  it("an unreadable folder in a search stops the run, naming it; a .gitignore'd one is never read", () => {
    const cwd = project({ "fly.toml": clean, "apps/secret/fly.toml": clean });
    openTo(cwd);
    chmodSync(join(cwd, "apps/secret"), 0o000);
    const message = { code: 2, stdout: "", stderr: "flylint: cannot read apps/secret/: EACCES (list the folder in .gitignore to skip it)\n" };
    expect(flylint([], cwd, { asNobody: true })).toEqual(message);
    expect(flylint(["migrate"], cwd, { asNobody: true })).toEqual(message);
    writeFileSync(join(cwd, ".gitignore"), "apps/secret/\n");
    expect(flylint(["-f", "json"], cwd, { asNobody: true })).toMatchObject({ code: 0, stderr: "" });
    chmodSync(join(cwd, "apps/secret"), 0o755);
  });

  it("an unreadable .gitignore stops the run, naming it", () => {
    const cwd = project({ "fly.toml": clean, "apps/.gitignore": "legacy/\n", "apps/fly.toml": clean });
    openTo(cwd);
    chmodSync(join(cwd, "apps/.gitignore"), 0o000);
    expect(flylint([], cwd, { asNobody: true })).toEqual({ code: 2, stdout: "", stderr: "flylint: cannot read apps/.gitignore: EACCES\n" });
    chmodSync(join(cwd, "apps/.gitignore"), 0o644);
  });

  it("a named file that cannot be read, or sits in a folder that cannot be searched, is EACCES, not missing", () => {
    const cwd = project({ "fly.toml": clean, "locked/fly.toml": clean });
    openTo(cwd);
    chmodSync(join(cwd, "fly.toml"), 0o000);
    chmodSync(join(cwd, "locked"), 0o600);
    expect(flylint(["fly.toml"], cwd, { asNobody: true })).toEqual({ code: 2, stdout: "", stderr: "flylint: cannot read fly.toml: EACCES\n" });
    expect(flylint(["locked/fly.toml"], cwd, { asNobody: true })).toEqual({ code: 2, stdout: "", stderr: "flylint: cannot read locked/fly.toml: EACCES\n" });
    expect(flylint(["migrate", "locked/fly.toml"], cwd, { asNobody: true })).toEqual({ code: 2, stdout: "", stderr: "flylint: cannot read locked/fly.toml: EACCES\n" });
    chmodSync(join(cwd, "locked"), 0o755);
    chmodSync(join(cwd, "fly.toml"), 0o644);
  });
});

describe("writing keeps the file what it was", { timeout: slow }, () => {
  it.runIf(isRoot)("--fix and migrate by root keep another user's owner, group and mode", () => {
    const cwd = project({ "a/fly.toml": fixable, "b/fly.toml": legacy });
    for (const path of ["a/fly.toml", "b/fly.toml"]) {
      chownSync(join(cwd, path), nobody, nobody);
      chmodSync(join(cwd, path), 0o640);
    }
    flylint(["--fix", "a"], cwd);
    flylint(["migrate", "b"], cwd);
    for (const path of ["a/fly.toml", "b/fly.toml"]) {
      const stats = statSync(join(cwd, path));
      expect([stats.uid, stats.gid, stats.mode & 0o7777]).toEqual([nobody, nobody, 0o640]);
    }
    expect(readFileSync(join(cwd, "a/fly.toml"), "utf8")).toBe(fixed);
    expect(readFileSync(join(cwd, "b/fly.toml"), "utf8")).not.toBe(legacy);
  });

  it.runIf(isRoot && hasSetpriv)("a user fixing another user's file it may write keeps that owner", () => {
    const cwd = project({ "fly.toml": fixable });
    openTo(cwd, true);
    chmodSync(join(cwd, "fly.toml"), 0o666);
    expect(flylint(["--fix"], cwd, { asNobody: true })).toMatchObject({ code: 0, stderr: "" });
    expect(readFileSync(join(cwd, "fly.toml"), "utf8")).toBe(fixed);
    const stats = statSync(join(cwd, "fly.toml"));
    expect([stats.uid, stats.gid, stats.mode & 0o777]).toEqual([0, 0, 0o666]);
    expect(temporaries(cwd)).toEqual([]);
  });

  it("a read-only file (mode 444) is not rewritten, by root either: one line naming it, exit 2", () => {
    const cwd = project({ "fly.toml": fixable, "old/fly.toml": legacy });
    chmodSync(join(cwd, "fly.toml"), 0o444);
    chmodSync(join(cwd, "old/fly.toml"), 0o444);
    const message = (path: string) => `flylint: cannot write ${path}: the file is read-only (mode 444); make it writable to let flylint change it\n`;
    expect(flylint(["--fix", "fly.toml"], cwd)).toEqual({ code: 2, stdout: "", stderr: message("fly.toml") });
    expect(flylint(["migrate", "old"], cwd)).toEqual({ code: 2, stdout: "", stderr: message("old/fly.toml") });
    expect(readFileSync(join(cwd, "fly.toml"), "utf8")).toBe(fixable);
    expect(readFileSync(join(cwd, "old/fly.toml"), "utf8")).toBe(legacy);
    expect(statSync(join(cwd, "fly.toml")).mode & 0o777).toBe(0o444);
  });

  it.runIf(isRoot && hasSetpriv)("a file the user may not write is not replaced, even in a folder it may write", () => {
    // root's 644 file, nobody fixing it: the folder would let nobody rename a new file over it.
    const cwd = project({ "fly.toml": fixable });
    openTo(cwd, true);
    expect(flylint(["--fix"], cwd, { asNobody: true })).toEqual({
      code: 2,
      stdout: "",
      stderr: "flylint: cannot write fly.toml: the file is read-only (mode 644); make it writable to let flylint change it\n",
    });
    expect(readFileSync(join(cwd, "fly.toml"), "utf8")).toBe(fixable);
  });

  it("a file with several hard links is updated in place, so the links stay one file", () => {
    const cwd = project({ "fly.toml": fixable, "old/fly.toml": legacy });
    linkSync(join(cwd, "fly.toml"), join(cwd, "linked.toml"));
    linkSync(join(cwd, "old/fly.toml"), join(cwd, "old/linked.toml"));
    const before = statSync(join(cwd, "fly.toml")).ino;
    flylint(["--fix", "fly.toml"], cwd);
    flylint(["migrate", "old"], cwd);
    expect(readFileSync(join(cwd, "linked.toml"), "utf8")).toBe(fixed);
    expect(statSync(join(cwd, "fly.toml"))).toMatchObject({ ino: before, nlink: 2 });
    expect(readFileSync(join(cwd, "old/linked.toml"), "utf8")).toBe(readFileSync(join(cwd, "old/fly.toml"), "utf8"));
    expect(readFileSync(join(cwd, "old/fly.toml"), "utf8")).not.toBe(legacy);
    expect(statSync(join(cwd, "old/fly.toml")).nlink).toBe(2);
    expect([...temporaries(cwd), ...temporaries(join(cwd, "old"))]).toEqual([]);
  });

  it("migrate writes only files whose content changes", () => {
    const cwd = project({ "fly.toml": clean });
    const before = statSync(join(cwd, "fly.toml"));
    expect(flylint(["migrate"], cwd).code).toBe(0);
    expect(statSync(join(cwd, "fly.toml"))).toMatchObject({ ino: before.ino, mtimeMs: before.mtimeMs });
    expect(readdirSync(cwd)).toEqual(["fly.toml"]);
  });
});

describe("temporary files", { timeout: slow }, () => {
  it("a run removes the temporary files a killed flylint left next to the files it reads, and nothing else", () => {
    const dead = spawnSync(process.execPath, ["-e", ""]).pid;
    const cwd = project({
      "fly.toml": clean,
      [`.fly.toml.flylint-${dead}-1700000000000.tmp`]: "half a file",
      [`.fly.toml.flylint-${process.pid}-1700000000000.tmp`]: "a live process's file",
      [`.notes.toml.flylint-${dead}-1700000000000.tmp`]: "not next to a config",
      "shared/base.toml": clean,
      [`shared/.base.toml.flylint-${dead}-1700000000000.tmp`]: "left next to a symlink's target",
      "other.tmp": "someone else's",
    });
    mkdirSync(join(cwd, "app"));
    symlinkSync(join(cwd, "shared/base.toml"), join(cwd, "app/fly.toml"));
    expect(flylint([], cwd)).toMatchObject({ code: 0, stderr: "" });
    expect(readdirSync(cwd).sort()).toEqual([`.fly.toml.flylint-${process.pid}-1700000000000.tmp`, `.notes.toml.flylint-${dead}-1700000000000.tmp`, "app", "fly.toml", "other.tmp", "shared"]);
    expect(readdirSync(join(cwd, "shared"))).toEqual(["base.toml"]);
    expect(existsSync(join(cwd, "fly.toml"))).toBe(true);
  });

  it(
    "20 kill -9 trials during --fix and migrate of a large file: no file damaged, no temporary file after the next run",
    () => {
      const result = spawnSync(process.execPath, [join(root, "scripts/kill-trials.mjs"), "--trials", "20", "--json"], { encoding: "utf8", timeout: 1_500_000, killSignal: "SIGKILL" });
      expect(result.stderr).toBe("");
      const summary = JSON.parse(result.stdout) as Record<string, number>;
      expect(summary).toMatchObject({ trials: 20, damaged: 0, tempsAfterNextRun: 0, nextRunFailed: 0 });
      expect(result.status).toBe(0);
    },
    1_800_000,
  );
});
