// npm run fuzz -- [--count N] [--start I] [--seed S] [--workers W] [DIR...]: mutates the bundled fixtures
// and examples (and every .toml under the folders given, e.g. ../shared/corpus) and checks each input
// against flylint's promises: no exception, no input over 2 s of CPU, and the fix guarantees of
// scripts/fuzz/guarantees.mjs. Input i depends only on the seed and i, so a long run can be split into
// ranges (--start) across machines or sessions and still cover exactly the same inputs.
// Runs on the built library (dist/index.js) in one child process per core. Time per input is the child's
// own CPU time (process.cpuUsage), not wall time: on a shared machine at load 15, wall time measures the
// neighbours. Running totals are printed every 10,000 inputs, so a run cut short still says what it
// checked; failing inputs are written to fuzz-failures/ as they are found.
import { fork } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { checkGuarantees } from "./fuzz/guarantees.mjs";
import { mutate, randomSource } from "./fuzz/mutate.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const slowMs = 2000;
const reportEvery = 10_000;
const keptFailures = 50;

function tomlFiles(folder, found = []) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory() && entry.name !== "node_modules" && entry.name !== ".git") tomlFiles(path, found);
    else if (entry.isFile() && entry.name.endsWith(".toml")) found.push(path);
  }
  return found;
}

function cpuMsSince(before) {
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

async function runChild({ seeds, start, count, seed }) {
  const lib = await import(join(root, "dist/index.js"));
  const texts = seeds.map((path) => readFileSync(path, "utf8"));
  let batch = { inputs: 0, exceptions: 0, slow: 0, violations: 0, maxMs: 0, totalMs: 0 };
  for (let i = start; i < start + count; i++) {
    const random = randomSource(seed * 1_000_003 + i);
    const from = random.int(texts.length);
    const { text, applied } = mutate(texts[from], random, texts);
    const before = process.cpuUsage();
    const violations = checkGuarantees(lib, text);
    const ms = cpuMsSince(before);
    batch.inputs++;
    batch.totalMs += ms;
    batch.maxMs = Math.max(batch.maxMs, ms);
    if (ms > slowMs) batch.slow++;
    const threw = violations.filter((v) => v.includes(": threw "));
    batch.exceptions += threw.length;
    batch.violations += violations.length - threw.length;
    if (violations.length > 0 || ms > slowMs) process.send({ failure: { index: i, seedFile: seeds[from], mutations: applied, ms: Math.round(ms), violations, text } });
    if (batch.inputs === 1000 || i === start + count - 1) {
      process.send({ batch });
      batch = { inputs: 0, exceptions: 0, slow: 0, violations: 0, maxMs: 0, totalMs: 0 };
    }
  }
  process.send({ done: true }, () => process.exit(0));
}

function add(total, batch) {
  return {
    inputs: total.inputs + batch.inputs, exceptions: total.exceptions + batch.exceptions, slow: total.slow + batch.slow,
    violations: total.violations + batch.violations, maxMs: Math.max(total.maxMs, batch.maxMs), totalMs: total.totalMs + batch.totalMs,
  };
}

function summary(total, seconds) {
  const mean = total.inputs > 0 ? total.totalMs / total.inputs : 0;
  return `${total.inputs} inputs in ${seconds.toFixed(0)} s: ${total.exceptions} exceptions, ${total.slow} over ${slowMs / 1000} s of CPU, ${total.violations} fix-guarantee violations; slowest ${total.maxMs.toFixed(0)} ms CPU, mean ${mean.toFixed(2)} ms CPU`;
}

function keepFailure(failure) {
  const folder = join(root, "fuzz-failures");
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, `input-${failure.index}.toml`), failure.text);
  writeFileSync(join(folder, `input-${failure.index}.json`), JSON.stringify({ ...failure, text: undefined }, null, 2));
  console.log(`  #${failure.index} (${failure.mutations.join(", ")}, ${failure.ms} ms): ${failure.violations.join(" | ") || "slow"}`);
}

async function main() {
  const { values, positionals } = parseArgs({
    options: { count: { type: "string", default: "5000" }, start: { type: "string", default: "0" }, seed: { type: "string", default: "1" }, workers: { type: "string" } },
    allowPositionals: true,
  });
  const count = Number(values.count);
  const first = Number(values.start);
  const seed = Number(values.seed);
  const seeds = [...tomlFiles(join(root, "test/fixtures")), ...tomlFiles(join(root, "examples")), ...positionals.flatMap((dir) => (statSync(resolve(dir)).isDirectory() ? tomlFiles(resolve(dir)) : [resolve(dir)]))];
  const workers = Math.max(1, Math.min(Number(values.workers ?? availableParallelism()), count));
  console.log(`fuzz: inputs ${first}–${first + count - 1} (${count}) from ${seeds.length} seed files, seed ${seed}, ${workers} workers`);
  const began = Date.now();
  let total = { inputs: 0, exceptions: 0, slow: 0, violations: 0, maxMs: 0, totalMs: 0 };
  let failuresKept = 0;
  let nextReport = reportEvery;
  const share = Math.ceil(count / workers);
  await Promise.all(
    Array.from({ length: workers }, (_, w) => {
      const start = first + w * share;
      const mine = Math.max(0, Math.min(share, first + count - start));
      return new Promise((resolveChild, reject) => {
        if (mine === 0) return resolveChild();
        const child = fork(fileURLToPath(import.meta.url), ["--child"], { serialization: "advanced" });
        child.on("message", (message) => {
          if (message.failure) {
            if (failuresKept++ < keptFailures) keepFailure(message.failure);
          } else if (message.batch) {
            total = add(total, message.batch);
            if (total.inputs >= nextReport) {
              console.log(`  ${summary(total, (Date.now() - began) / 1000)}`);
              nextReport += reportEvery;
            }
          } else if (message.done) resolveChild();
        });
        child.on("error", reject);
        child.on("exit", (code) => (code === 0 ? resolveChild() : reject(new Error(`fuzz child for inputs ${start}–${start + mine - 1} exited with ${code}`))));
        child.send({ seeds, start, count: mine, seed });
      });
    }),
  );
  console.log(summary(total, (Date.now() - began) / 1000));
  if (failuresKept > 0) console.log(`failing inputs written to ${join(root, "fuzz-failures")}`);
  process.exitCode = total.exceptions + total.slow + total.violations > 0 ? 1 : 0;
}

if (process.argv.includes("--child")) process.once("message", (work) => runChild(work));
else await main();
