#!/usr/bin/env node
"use strict";
// Runs the bundled CLI (dist/cli.cjs) with V8's code cache for it (dist/cli.cjs.cache), which the build
// writes on this machine: flylint runs on every commit and save, and compiling the bundle would
// otherwise cost more than linting a file. A cache from another Node version is rejected by V8 and the
// bundle is simply compiled; nothing is written at run time unless FLYLINT_WRITE_CODE_CACHE is set.
const { readFileSync, renameSync, writeFileSync } = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const bundle = path.join(__dirname, "..", "dist", "cli.cjs");
const cacheFile = `${bundle}.cache`;
const source = readFileSync(bundle, "utf8");
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
const wrapper = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
const script = new vm.Script(wrapper, { filename: bundle, cachedData });
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
