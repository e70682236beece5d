// npm run bench
// Start-up: median wall time of `flylint examples/fly.toml` against `node -e 0`, measured alternately in
// the same run on the same machine, and their ratio. Throughput: files per second over a folder of many
// generated configs. A script, never a test: timing assertions in tests are flaky by nature.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cli = join(root, "bin/flylint.cjs");
const example = join(root, "examples/fly.toml");
const runs = Number(process.env.BENCH_RUNS ?? 30);

function timeOnce(args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { stdio: "ignore" });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0 && result.status !== 1) throw new Error(`node ${args.join(" ")} exited ${result.status}`);
  return elapsed;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// Warm the file system cache, then alternate the two commands so machine noise hits both alike.
timeOnce(["-e", "0"]);
timeOnce([cli, example]);
const baseline = [];
const flylint = [];
for (let i = 0; i < runs; i++) {
  baseline.push(timeOnce(["-e", "0"]));
  flylint.push(timeOnce([cli, example]));
}
const baseMs = median(baseline);
const lintMs = median(flylint);
console.log(`start-up (median of ${runs}): node -e 0 ${baseMs.toFixed(1)} ms, flylint one file ${lintMs.toFixed(1)} ms, ratio ${(lintMs / baseMs).toFixed(2)}x`);

const fileCount = Number(process.env.BENCH_FILES ?? 1000);
const folder = mkdtempSync(join(tmpdir(), "flylint-bench-"));
try {
  const text = readFileSync(example, "utf8");
  for (let i = 0; i < fileCount; i++) {
    const dir = join(folder, `app-${i}`);
    mkdirSync(dir);
    writeFileSync(join(dir, "fly.toml"), text.replace('app = "flylint-example"', `app = "app-${i}"`));
  }
  const times = [1, 2, 3].map(() => timeOnce([cli, folder, "--format", "json"]));
  const ms = median(times);
  console.log(`throughput: ${fileCount} files in ${ms.toFixed(0)} ms (median of 3), ${((fileCount / ms) * 1000).toFixed(0)} files/s`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
