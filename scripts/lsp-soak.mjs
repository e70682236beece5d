// Soak test for `flylint lsp --stdio` (run by hand, not by npm test: it takes a while on a busy machine).
// Types into a 60-line fly.toml 10,000 times, one didChange per keystroke, waits for each round of
// diagnostics, and compares the server's resident memory (VmRSS in /proc/<pid>/status, so Linux only)
// after 100 edits with after 10,000. It fails when the latter is over 1.5 times the former: a per-edit
// leak (documents, diagnostics, config caches kept per version) grows well past that by then.
// It also prints the ratio after warm-up (1,000 edits to the end). V8 grows its young generation from
// 8 to 32 MiB as a process keeps allocating, whatever it keeps alive, and that alone can take the
// 100-edit ratio past 1.5; the warm-up ratio is the one a leak moves. Arguments starting with -- go to
// the server's node, to compare with the young generation held small:
//
//   node scripts/build.mjs && node scripts/lsp-soak.mjs [edits] [--max-semi-space-size=1]
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
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

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const nodeFlags = args.filter((arg) => arg.startsWith("--"));
const edits = Number(args.find((arg) => !arg.startsWith("--")) ?? 10_000);
const baselineAt = 100;
const warmedUpAt = 1000;
const limit = 1.5;

/** 60 lines of a realistic fly.toml, with a few diagnostics to publish on every edit. */
function flyToml() {
  const lines = [
    `app = "soak-test"`,
    `primary_region = "ams"`,
    `kill_signal = "SIGINT"`,
    `kill_timeout = "5s"`,
    ``,
    `[build]`,
    `  dockerfile = "Dockerfile"`,
    ``,
    `[env]`,
    `  PORT = "8080"`,
    `  LOG_LEVEL = "info"`,
    ``,
    `[http_service]`,
    `  internal_port = 8080`,
    `  force_https = true`,
    `  auto_stop_machines = true`,
    `  auto_start_machines = true`,
    `  min_machines_running = 0`,
    `  processes = ["app"]`,
    ``,
    `  [http_service.concurrency]`,
    `    type = "requests"`,
    `    soft_limit = 200`,
    `    hard_limit = 250`,
    ``,
    `[[http_service.checks]]`,
    `  grace_period = "10s"`,
    `  interval = "30s"`,
    `  method = "GET"`,
    `  timeout = "5s"`,
    `  path = "/health"`,
    ``,
    `[[vm]]`,
    `  size = "shared-cpu-1x"`,
    `  memory = "512mb"`,
    ``,
    `[[mounts]]`,
    `  source = "data"`,
    `  destination = "/data"`,
    ``,
    `[deploy]`,
    `  release_command = "bin/migrate"`,
    `  strategy = "rolling"`,
    ``,
    `[processes]`,
    `  app = "bin/server"`,
    `  worker = "bin/worker"`,
    ``,
    `[[statics]]`,
    `  guest_path = "/app/public"`,
    `  url_prefix = "/static/"`,
    ``,
    `[metrics]`,
    `  port = 9091`,
    `  path = "/metrics"`,
    ``,
    `[experimental]`,
    `  auto_rollback = true`,
    `# typing happens on the next line`,
    `  typed = ""`,
  ];
  if (lines.length !== 60) throw new Error(`the soak file has ${lines.length} lines, not 60`);
  return `${lines.join("\n")}\n`;
}

/**
 * The server's process: bin/flylint.cjs starts `flylint lsp` again as its child with a small young
 * generation (unless given --max-semi-space-size), so the spawned process is then only a wrapper.
 */
function serverPid(pid) {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
  return children.length === 1 ? Number(children[0]) : pid;
}

function rssKiB(pid) {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]);
}

const folder = mkdtempSync(join(tmpdir(), "flylint-lsp-soak-"));
writeFileSync(join(folder, "Dockerfile"), `FROM node:20\nEXPOSE 8080\nCMD ["node", "server.js"]\n`);
writeFileSync(join(folder, "flylint.json"), JSON.stringify({ rules: {} }));
const uri = pathToFileURL(join(folder, "fly.toml")).href;
const server = spawn(process.execPath, [...nodeFlags, join(root, "bin/flylint.cjs"), "lsp", "--stdio"], { cwd: folder });
let stderr = "";
server.stderr.setEncoding("utf8").on("data", (chunk) => (stderr += chunk));
const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
let waiting;
connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
  if (waiting && params.uri === uri && params.version === waiting.version) waiting.done();
});
connection.listen();
const published = (version) => new Promise((done) => (waiting = { version, done }));

await connection.sendRequest(InitializeRequest.type, { processId: null, rootUri: pathToFileURL(folder).href, capabilities: {}, workspaceFolders: null });
await connection.sendNotification(InitializedNotification.type, {});
let text = flyToml();
const typedLine = 59;
let version = 1;
let wait = published(version);
await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: "toml", version, text } });
await wait;

const figures = [];
for (let edit = 1; edit <= edits; edit++) {
  // Type a character inside the string, or delete the typed ones every 40 keystrokes, as an editor sends them.
  const column = `  typed = "`.length;
  const typed = /typed = "([^"]*)"/.exec(text)[1];
  const change =
    typed.length >= 40
      ? { range: { start: { line: typedLine, character: column }, end: { line: typedLine, character: column + typed.length } }, text: "" }
      : { range: { start: { line: typedLine, character: column + typed.length }, end: { line: typedLine, character: column + typed.length } }, text: String.fromCharCode(97 + (edit % 26)) };
  text = text.replace(/typed = "[^"]*"/, `typed = "${typed.length >= 40 ? "" : typed + change.text}"`);
  version++;
  wait = published(version);
  await connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [change] });
  await wait;
  if (edit === baselineAt || edit === warmedUpAt || edit % 1000 === 0 || edit === edits) figures.push({ edits: edit, rssKiB: rssKiB(serverPid(server.pid)) });
}
await connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
await connection.sendRequest(ShutdownRequest.type);
const exited = new Promise((done) => server.once("close", done));
await connection.sendNotification(ExitNotification.type);
await exited;
connection.dispose();
rmSync(folder, { recursive: true, force: true });

const mib = (kib) => `${(kib / 1024).toFixed(1)} MiB`;
for (const { edits: n, rssKiB: kib } of figures) console.log(`RSS after ${String(n).padStart(6)} edits: ${mib(kib)}`);
const baseline = figures.find((f) => f.edits === baselineAt);
const last = figures.at(-1);
const ratio = last.rssKiB / baseline.rssKiB;
console.log(`ratio ${last.edits} / ${baselineAt} edits: ${ratio.toFixed(2)} (limit ${limit})${nodeFlags.length ? ` with node ${nodeFlags.join(" ")}` : ""}`);
const warmedUp = figures.find((f) => f.edits === warmedUpAt);
if (warmedUp && warmedUp !== last) console.log(`ratio ${last.edits} / ${warmedUpAt} edits (after warm-up): ${(last.rssKiB / warmedUp.rssKiB).toFixed(2)}`);
if (stderr !== "") console.log(`the server wrote to stderr:\n${stderr}`);
process.exitCode = ratio <= limit && stderr === "" ? 0 : 1;
