// npm run fuzz -- [--count N] [--seed S] [DIR...]: mutates the bundled fixtures and examples (and every
// .toml under the folders given, e.g. ../shared/corpus) and checks each input against flylint's promises:
// no exception, no input over 2 s, and the fix guarantees of scripts/fuzz/guarantees.mjs. Runs on the
// built library (dist/index.js) in one worker per core; failing inputs are written to fuzz-failures/.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { checkGuarantees } from "./fuzz/guarantees.mjs";
import { mutate, randomSource } from "./fuzz/mutate.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const slowMs = 2000;

function tomlFiles(folder, found = []) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory() && entry.name !== "node_modules" && entry.name !== ".git") tomlFiles(path, found);
    else if (entry.isFile() && entry.name.endsWith(".toml")) found.push(path);
  }
  return found;
}

async function runWorker({ seeds, start, count, seed }) {
  const lib = await import(join(root, "dist/index.js"));
  const texts = seeds.map((path) => readFileSync(path, "utf8"));
  const stats = { inputs: 0, exceptions: 0, slow: 0, violations: 0, maxMs: 0, totalMs: 0, failures: [] };
  for (let i = start; i < start + count; i++) {
    const random = randomSource(seed * 1_000_003 + i);
    const from = random.int(texts.length);
    const { text, applied } = mutate(texts[from], random, texts);
    const began = performance.now();
    const violations = checkGuarantees(lib, text);
    const ms = performance.now() - began;
    stats.inputs++;
    stats.totalMs += ms;
    stats.maxMs = Math.max(stats.maxMs, ms);
    if (ms > slowMs) stats.slow++;
    const threw = violations.filter((v) => v.includes(": threw "));
    stats.exceptions += threw.length;
    stats.violations += violations.length - threw.length;
    if ((violations.length > 0 || ms > slowMs) && stats.failures.length < 50) {
      stats.failures.push({ index: i, seedFile: seeds[from], mutations: applied, ms: Math.round(ms), violations, text });
    }
    if (stats.inputs % 1000 === 0) parentPort.postMessage({ progress: 1000 });
  }
  parentPort.postMessage({ done: stats });
}

async function main() {
  const { values, positionals } = parseArgs({ options: { count: { type: "string", default: "5000" }, seed: { type: "string", default: "1" }, workers: { type: "string" } }, allowPositionals: true });
  const count = Number(values.count);
  const seed = Number(values.seed);
  const seeds = [...tomlFiles(join(root, "test/fixtures")), ...tomlFiles(join(root, "examples")), ...positionals.flatMap((dir) => (statSync(resolve(dir)).isDirectory() ? tomlFiles(resolve(dir)) : [resolve(dir)]))];
  const workers = Math.max(1, Math.min(Number(values.workers ?? availableParallelism()), count));
  console.log(`fuzz: ${count} inputs from ${seeds.length} seed files, seed ${seed}, ${workers} workers`);
  const began = Date.now();
  let done = 0;
  const share = Math.ceil(count / workers);
  const results = await Promise.all(
    Array.from({ length: workers }, (_, w) => {
      const start = w * share;
      const mine = Math.max(0, Math.min(share, count - start));
      return new Promise((resolvePromise, reject) => {
        const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { seeds, start, count: mine, seed } });
        worker.on("message", (message) => {
          if (message.progress) {
            done += message.progress;
            if (done % 50_000 === 0) console.log(`  ${done} inputs, ${Math.round((Date.now() - began) / 1000)} s`);
          } else resolvePromise(message.done);
        });
        worker.on("error", reject);
      });
    }),
  );
  const total = results.reduce((a, r) => ({
    inputs: a.inputs + r.inputs, exceptions: a.exceptions + r.exceptions, slow: a.slow + r.slow, violations: a.violations + r.violations,
    maxMs: Math.max(a.maxMs, r.maxMs), totalMs: a.totalMs + r.totalMs, failures: [...a.failures, ...r.failures],
  }));
  const seconds = (Date.now() - began) / 1000;
  console.log(`${total.inputs} inputs in ${seconds.toFixed(0)} s: ${total.exceptions} exceptions, ${total.slow} over ${slowMs / 1000} s, ${total.violations} fix-guarantee violations; slowest ${total.maxMs.toFixed(0)} ms, mean ${(total.totalMs / total.inputs).toFixed(2)} ms`);
  if (total.failures.length > 0) {
    const folder = join(root, "fuzz-failures");
    mkdirSync(folder, { recursive: true });
    for (const failure of total.failures) {
      writeFileSync(join(folder, `input-${failure.index}.toml`), failure.text);
      writeFileSync(join(folder, `input-${failure.index}.json`), JSON.stringify({ ...failure, text: undefined }, null, 2));
    }
    console.log(`failing inputs written to ${folder}`);
    for (const failure of total.failures.slice(0, 10)) console.log(`  #${failure.index} (${failure.mutations.join(", ")}, ${failure.ms} ms): ${failure.violations.join(" | ") || "slow"}`);
  }
  process.exitCode = total.exceptions + total.slow + total.violations > 0 ? 1 : 0;
}

if (isMainThread) await main();
else await runWorker(workerData);
