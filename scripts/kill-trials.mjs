// node scripts/build.mjs && node scripts/kill-trials.mjs [--trials 300] [--jobs 2] [--json]
// Kills `flylint --fix` and `flylint migrate` with SIGKILL while they rewrite a large fly.toml, and checks
// what flylint promises about files: the file is always either the original or the fixed text, exactly
// (never half written), and the run after a kill leaves no temporary file behind. Half the trials kill
// after a random delay, half the moment the temporary file appears (so the write window is hit for sure).
// A script, not part of `npm test` (test/files.test.ts runs it with 20 trials): 300 trials take minutes.
// Timing only spreads the kills; no figure depends on it. Exits 1 when a file was damaged or a temp left.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, watch, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cli = join(root, "bin/flylint.cjs");
const { values } = parseArgs({ options: { trials: { type: "string", default: "300" }, jobs: { type: "string", default: "2" }, json: { type: "boolean", default: false } } });
const trials = Number(values.trials);
const jobs = Math.max(1, Number(values.jobs));
const isTemporary = (name) => /\.flylint-\d+-\d+\.tmp$/.test(name);

/** About 150 KB of config with thousands of changes for both --fix and migrate (numbers as env values, port strings, boolean auto-stop). */
function largeConfig() {
  const parts = [`app = "kill-trials"\nprimary_region = "ams"\n\n[env]\n`];
  for (let i = 0; i < 1500; i++) parts.push(`  # setting ${i}: a comment that makes the file as large as a generated one can be\n  VAR_${i} = ${i}\n`);
  parts.push(`\n[http_service]\n  internal_port = 8080\n  auto_stop_machines = true\n`);
  for (let i = 0; i < 150; i++) {
    parts.push(`\n[[services]]\n  internal_port = "${8000 + i}"\n  protocol = "tcp"\n  auto_stop_machines = true\n\n  [[services.ports]]\n    port = "${10000 + i}"\n    handlers = ["http"]\n`);
  }
  return parts.join("");
}

const modes = { fix: ["--fix", "fly.toml"], migrate: ["migrate", "fly.toml"] };
const original = largeConfig();

/** What an uninterrupted run makes of the file, and how long it takes (only to spread the kills). */
function expected(args) {
  const folder = mkdtempSync(join(tmpdir(), "flylint-kill-expected-"));
  try {
    writeFileSync(join(folder, "fly.toml"), original);
    const start = Date.now();
    const result = spawnSync(process.execPath, [cli, ...args], { cwd: folder, encoding: "utf8" });
    if (result.status !== 0 && result.status !== 1) throw new Error(`flylint ${args.join(" ")} exited ${result.status}: ${result.stderr}`);
    const text = readFileSync(join(folder, "fly.toml"), "utf8");
    if (text === original) throw new Error(`flylint ${args.join(" ")} changed nothing: the trials would prove nothing`);
    return { text, ms: Date.now() - start };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const outcomes = Object.fromEntries(Object.entries(modes).map(([mode, args]) => [mode, expected(args)]));

/** One trial: run, kill, look at the file, run again (lint only), look for temporary files. */
async function trial(index) {
  const mode = index % 2 === 0 ? "fix" : "migrate";
  const trigger = Math.floor(index / 2) % 2 === 0 ? "delay" : "temp";
  const folder = mkdtempSync(join(tmpdir(), "flylint-kill-"));
  try {
    const file = join(folder, "fly.toml");
    writeFileSync(file, original);
    const child = spawn(process.execPath, [cli, ...modes[mode]], { cwd: folder, stdio: "ignore" });
    const kill = () => child.kill("SIGKILL");
    let watcher;
    let timer;
    if (trigger === "temp") {
      watcher = watch(folder, (_event, name) => {
        if (name && isTemporary(String(name))) kill();
      });
    } else {
      timer = setTimeout(kill, Math.random() * outcomes[mode].ms * 1.2);
    }
    const signal = await new Promise((resolve) => child.on("exit", (_code, sig) => resolve(sig)));
    clearTimeout(timer);
    watcher?.close();
    const text = readFileSync(file, "utf8");
    const state = text === original ? "original" : text === outcomes[mode].text ? "fixed" : "damaged";
    const tempsAfterKill = readdirSync(folder).filter(isTemporary).length;
    const next = spawnSync(process.execPath, [cli, "fly.toml"], { cwd: folder, stdio: "ignore" });
    const tempsAfterNextRun = readdirSync(folder).filter(isTemporary).length;
    return { mode, trigger, killed: signal === "SIGKILL", state, tempsAfterKill, tempsAfterNextRun, nextRunFailed: next.status !== 0 && next.status !== 1 };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const results = [];
let nextIndex = 0;
await Promise.all(
  Array.from({ length: jobs }, async () => {
    while (nextIndex < trials) results.push(await trial(nextIndex++));
  }),
);

const count = (predicate) => results.filter(predicate).length;
const summary = {
  trials: results.length,
  fileBytes: Buffer.byteLength(original),
  killed: count((r) => r.killed),
  original: count((r) => r.state === "original"),
  fixed: count((r) => r.state === "fixed"),
  damaged: count((r) => r.state === "damaged"),
  tempsLeftByKill: count((r) => r.tempsAfterKill > 0),
  tempsAfterNextRun: results.reduce((sum, r) => sum + r.tempsAfterNextRun, 0),
  nextRunFailed: count((r) => r.nextRunFailed),
  byMode: Object.fromEntries(
    Object.keys(modes).flatMap((mode) =>
      ["delay", "temp"].map((trigger) => {
        const group = results.filter((r) => r.mode === mode && r.trigger === trigger);
        return [`${mode}/${trigger}`, { trials: group.length, original: group.filter((r) => r.state === "original").length, fixed: group.filter((r) => r.state === "fixed").length, damaged: group.filter((r) => r.state === "damaged").length, tempsLeftByKill: group.filter((r) => r.tempsAfterKill > 0).length }];
      }),
    ),
  ),
};
if (values.json) {
  console.log(JSON.stringify(summary));
} else {
  console.log(`${summary.trials} trials on a ${summary.fileBytes}-byte fly.toml (${summary.killed} killed mid-run):`);
  console.log(`  file afterwards: ${summary.original} original, ${summary.fixed} fixed, ${summary.damaged} damaged`);
  console.log(`  temporary files: left by the kill in ${summary.tempsLeftByKill} trials, ${summary.tempsAfterNextRun} after the next run`);
  for (const [group, figures] of Object.entries(summary.byMode)) console.log(`  ${group}: ${JSON.stringify(figures)}`);
  if (summary.nextRunFailed) console.log(`  the next run failed (exit 2) in ${summary.nextRunFailed} trials`);
}
process.exitCode = summary.damaged === 0 && summary.tempsAfterNextRun === 0 && summary.nextRunFailed === 0 ? 0 : 1;
