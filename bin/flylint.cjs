#!/usr/bin/env node
"use strict";
// Runs the bundled CLI (dist/cli.cjs) with V8's code cache for it (dist/cli.cjs.cache), which the build
// writes on this machine: flylint runs on every commit and save, and compiling the bundle would
// otherwise cost more than linting a file. A cache from another Node version is rejected by V8 and the
// bundle is simply compiled; nothing is written at run time unless FLYLINT_WRITE_CODE_CACHE is set.
const { readFileSync, renameSync, writeFileSync } = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

// The language server lives as long as the editor: it runs with V8's young generation held at 1 MiB, which
// V8 otherwise grows to 32 MiB in a busy process (RSS +50 MiB that no document holds). The flag must be given
// at start-up, so `flylint lsp` starts itself again with it, once.
if (process.argv[2] === "lsp" && !process.execArgv.some((flag) => flag.startsWith("--max-semi-space-size"))) {
  const { spawn } = require("node:child_process");
  const child = spawn(process.execPath, ["--max-semi-space-size=1", __filename, ...process.argv.slice(2)], { stdio: "inherit" });
  // An editor that stops the server stops this process: the signal goes on to the server.
  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
const bundle = path.join(__dirname, "..", "dist", "cli.cjs");
const cacheFile = `${bundle}.cache`;
// The build keeps the bundle ASCII (scripts/build.mjs checks it), so it is read as latin1: the same string,
// without decoding UTF-8 (a millisecond of every start). It is written as the function expression compiled
// here, `(function (exports, require, module, __filename, __dirname) {...})`, so the text is compiled as read.
const source = readFileSync(bundle, "latin1");
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const script = new vm.Script(source, { filename: bundle, cachedData });
const bundleModule = { exports: {} };
script.runInThisContext()(bundleModule.exports, require, bundleModule, bundle, path.dirname(bundle));

if (process.env.FLYLINT_WRITE_CODE_CACHE) {
  // After the run, so the cache holds the functions a lint actually compiled, not just the top level.
  process.on("exit", () => {
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(temporary, script.createCachedData());
    renameSync(temporary, cacheFile);
  });
}
}
