// How long `flylint lsp --stdio` takes to diagnose a keystroke: the time from sending a didChange to
// receiving the publishDiagnostics for that version, per edit, as p50 and p95 in milliseconds.
//
//   import { measureLspLatency } from "./bench/lsp-latency.mjs";
//   const { p50, p95, count } = await measureLspLatency({ cli: "bin/flylint.cjs", text, edits: 100 });
//
// Each edit types one character into a comment line added at the end of the document, sent as an
// incremental change (the server declares incremental sync). Edits are sent one after another, each
// once the diagnostics of the one before are in: a large document is linted in the server's worker
// thread, and edits that come faster than it lints are skipped (only the latest text is diagnosed), so
// sending them all at once would measure how many versions were skipped, not the latency of one.
// The open's own diagnostics (which start the worker for a large document) are waited for, not counted.
// This is wall time, what a person at the editor waits: on a loaded machine it includes waiting for a core.
// So the result also has `cpuMean`, the server's CPU time per edit (both its threads, and the wrapper
// bin/flylint.cjs starts it from), from /proc on Linux: the figure the machine's load does not change.
//
// Standalone, it prints the figures for a 60-line fly.toml, 100 KB and 1 MB (scripts/bench/large-configs.mjs):
//
//   node scripts/build.mjs && node scripts/bench/lsp-latency.mjs
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
} from "vscode-languageserver-protocol/node";
import { largeConfig } from "./large-configs.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** CPU milliseconds a process and its children so far (utime + stime of /proc/<pid>/stat), or undefined off Linux. */
function cpuMilliseconds(pid) {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
    // Fields after the command name (in parentheses, which may hold spaces): utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /s, "").split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    // Clock ticks are USER_HZ, 100 a second on Linux whatever the kernel's own tick rate.
    return (ticks * 1000) / 100 + children.reduce((sum, child) => sum + (cpuMilliseconds(child) ?? 0), 0);
  } catch {
    return undefined;
  }
}

/** The value at fraction `q` of sorted numbers, by nearest rank. */
function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/**
 * Spawns `node <cli> lsp --stdio`, opens a fly.toml with `text`, sends `edits` one-character changes one
 * after another, and returns the milliseconds from each didChange to its version's diagnostics.
 */
export async function measureLspLatency({ cli, text, edits }) {
  // A folder of its own, with a flylint.json, so no config further up the tree changes what is linted.
  const folder = mkdtempSync(join(tmpdir(), "flylint-lsp-latency-"));
  writeFileSync(join(folder, "flylint.json"), JSON.stringify({ rules: {} }));
  const uri = pathToFileURL(join(folder, "fly.toml")).href;
  const server = spawn(process.execPath, [cli, "lsp", "--stdio"], { cwd: folder });
  let stderr = "";
  server.stderr.setEncoding("utf8").on("data", (chunk) => (stderr += chunk));
  const exited = new Promise((done) => server.once("close", done));
  const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  let waiting;
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    if (waiting && params.uri === uri && params.version === waiting.version) waiting.done(performance.now());
  });
  connection.listen();
  const published = (version) => new Promise((done) => (waiting = { version, done }));
  try {
    await connection.sendRequest(InitializeRequest.type, { processId: null, rootUri: pathToFileURL(folder).href, capabilities: {}, workspaceFolders: null });
    await connection.sendNotification(InitializedNotification.type, {});
    const body = text.endsWith("\n") ? text : `${text}\n`;
    const typedLine = body.split("\n").length - 1;
    const prefix = "# typed: ";
    let version = 1;
    let wait = published(version);
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: "toml", version, text: `${body}${prefix}` } });
    await wait;
    const latencies = [];
    const cpuBefore = cpuMilliseconds(server.pid);
    for (let edit = 0; edit < edits; edit++) {
      const at = { line: typedLine, character: prefix.length + edit };
      version++;
      wait = published(version);
      const sent = performance.now();
      await connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: at, end: at }, text: String.fromCharCode(97 + (edit % 26)) }],
      });
      latencies.push((await wait) - sent);
      if (stderr !== "") break;
    }
    const cpuAfter = cpuMilliseconds(server.pid);
    if (stderr !== "") throw new Error(`the server wrote to stderr:\n${stderr}`);
    latencies.sort((a, b) => a - b);
    const cpuMean = cpuBefore === undefined || cpuAfter === undefined ? undefined : (cpuAfter - cpuBefore) / latencies.length;
    return { p50: quantile(latencies, 0.5), p95: quantile(latencies, 0.95), count: latencies.length, cpuMean };
  } finally {
    try {
      await connection.sendRequest(ShutdownRequest.type);
      await connection.sendNotification(ExitNotification.type);
    } catch {
      server.kill();
    }
    await exited;
    connection.dispose();
    rmSync(folder, { recursive: true, force: true });
  }
}

/** examples/fly.toml with a few more tables, 60 lines: a typical app's config. */
function sixtyLineConfig() {
  const lines = readFileSync(join(root, "examples/fly.toml"), "utf8").trimEnd().split("\n");
  const more = [
    ``,
    `[[mounts]]`,
    `  source = "data"`,
    `  destination = "/data"`,
    ``,
    `[deploy]`,
    `  release_command = "bin/migrate"`,
    `  strategy = "rolling"`,
    ``,
    `[[statics]]`,
    `  guest_path = "/app/public"`,
    `  url_prefix = "/static/"`,
    ``,
    `[metrics]`,
    `  port = 9091`,
    `  path = "/metrics"`,
    ``,
    `[[restart]]`,
    `  policy = "on-failure"`,
    `  retries = 3`,
    ``,
    `[checks.status]`,
    `  type = "http"`,
    `  port = 8080`,
    `  path = "/status"`,
    `  interval = "30s"`,
  ];
  // The typed comment line makes the 60th.
  return `${[...lines, ...more].slice(0, 59).join("\n")}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const cli = join(root, "bin/flylint.cjs");
  const cases = [
    { name: "60 lines", text: sixtyLineConfig(), edits: 200, target: 5 },
    { name: "100 KB", text: largeConfig("services", 100_000), edits: 30, target: 50 },
    { name: "1 MB", text: largeConfig("services", 1_000_000), edits: 8, target: 500 },
  ];
  for (const { name, text, edits, target } of cases) {
    const { p50, p95, count, cpuMean } = await measureLspLatency({ cli, text, edits });
    const cpu = cpuMean === undefined ? "" : `, server CPU ${cpuMean.toFixed(1)} ms per edit`;
    console.log(`${name.padEnd(8)} (${String(text.length).padStart(7)} chars): p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms over ${count} edits${cpu} (target p95 <= ${target} ms)`);
  }
}
