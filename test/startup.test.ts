import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bin, root } from "./helpers/cli.js";

const scratch = mkdtempSync(join(tmpdir(), "flylint-startup-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The built-in modules a run of node loaded, by name, as Node lists them (process.moduleLoadList). */
function modulesLoadedBy(args: string[], stdio: "pipe" | "ignore"): string[] {
  const preload = join(scratch, "list-modules.cjs");
  const out = join(scratch, `modules-${args.join("-").replace(/\W/g, "_")}-${stdio}.txt`);
  writeFileSync(preload, `process.on("exit", () => require("node:fs").writeFileSync(${JSON.stringify(out)}, process.moduleLoadList.join("\\n")));`);
  const result = spawnSync(process.execPath, ["-r", preload, ...args], { cwd: root, stdio, env: { ...process.env, NO_COLOR: "1" } });
  expect([0, 1]).toContain(result.status);
  return readFileSync(out, "utf8").split("\n");
}

/** Modules that cost start-up time and that a lint of one file does not need. */
const heavy = /^NativeModule (stream|net|tty|crypto|os|worker_threads|child_process|internal\/streams\/|internal\/fs\/sync_write_stream)/;

describe("start-up", { timeout: 60_000 }, () => {
  // (A GitLab report does load node:crypto, for its fingerprints, and crypto loads the stream modules.)
  it("a lint of one file, its output piped or thrown away, loads no stream, tty, crypto, os or worker module", () => {
    const nodeItself = new Set(modulesLoadedBy(["-e", "0"], "pipe"));
    for (const stdio of ["pipe", "ignore"] as const) {
      for (const args of [["examples/fly.toml"], ["--format", "json", "examples/fly.toml"], ["--format", "sarif", "examples/fly.toml"]]) {
        const added = modulesLoadedBy([bin, ...args], stdio).filter((name) => !nodeItself.has(name));
        expect(added.filter((name) => heavy.test(name))).toEqual([]);
      }
    }
  });

  it("a reader that stops early ends the run quietly: no error, no stack trace", async () => {
    const child = spawn(process.execPath, [bin, "--format", "json", "examples"], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    // Close the pipe before flylint writes: its write then fails with EPIPE.
    child.stdout.destroy();
    const code = await new Promise<number | null>((done) => child.on("exit", (exitCode) => done(exitCode)));
    expect(stderr).toBe("");
    expect([0, 1]).toContain(code);
  });
});
