import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  DidChangeConfigurationNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from "vscode-languageserver-protocol/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEditorRules } from "../src/lsp/editor-settings.js";

// The editor's rule settings (VS Code's `flylint.rules`) reach the server as initializationOptions and as
// workspace/didChangeConfiguration; spawn `flylint lsp --stdio` and send both as VS Code's client does.
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const folder = mkdtempSync(join(tmpdir(), "flylint-lsp-settings-"));
const uri = pathToFileURL(join(folder, "fly.toml")).href;
const text = `app = "web"\nbogus = 1\n[http_service]\n  internal_port = 8080\n  auto_stop_machines = true\n`;
let server: ChildProcessWithoutNullStreams;
let stderr = "";
let connection: ProtocolConnection;
const published: PublishDiagnosticsParams[] = [];
const logs: string[] = [];
let wake: (() => void) | undefined;

function nextDiagnostics(after: number): Promise<PublishDiagnosticsParams> {
  return new Promise((done) => {
    const check = () => (published.length > after ? (done(published[after]!), true) : false);
    if (!check()) wake = () => void check();
  });
}

const codesAndSeverities = (params: PublishDiagnosticsParams) => params.diagnostics.map((d) => [d.code, d.severity]);

beforeAll(async () => {
  // flylint.json turns unknown-key off; the editor's setting wins over it, as --rule does.
  writeFileSync(join(folder, "flylint.json"), JSON.stringify({ rules: { "unknown-key": "off", "ha-two-machines": "off" } }));
  server = spawn(process.execPath, [join(root, "bin/flylint.cjs"), "lsp", "--stdio"], { cwd: folder });
  server.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    if (params.uri !== uri) return;
    published.push(params);
    wake?.();
  });
  connection.onNotification(LogMessageNotification.type, (params) => {
    logs.push(params.message);
  });
  connection.listen();
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(folder).href,
    capabilities: {},
    workspaceFolders: null,
    initializationOptions: { rules: { "unknown-key": "error", "no-such-rule": "off", "auto-stop-machines-boolean": "loud" } },
  });
  await connection.sendNotification(InitializedNotification.type, {});
});

afterAll(async () => {
  const closed = new Promise((done) => server.once("close", done));
  await connection.sendRequest(ShutdownRequest.type);
  await connection.sendNotification(ExitNotification.type);
  await closed;
  connection.dispose();
  rmSync(folder, { recursive: true, force: true });
  expect(stderr).toBe("");
});

describe("rule severities from the editor's settings", () => {
  it("initializationOptions.rules win over flylint.json; unknown rules and bad severities are logged and left out", async () => {
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: "toml", version: 1, text } });
    const first = await nextDiagnostics(0);
    expect(first.diagnostics.find((d) => d.code === "unknown-key")?.severity).toBe(1);
    expect(logs).toContain('flylint: flylint.rules: unknown rule "no-such-rule" is ignored');
    expect(logs).toContain('flylint: flylint.rules: rule "auto-stop-machines-boolean" must be "off", "info", "warn" or "error" (got "loud"); it is ignored');
  });

  it("a didChangeConfiguration lints the open documents again with the new settings", async () => {
    const before = codesAndSeverities(published[0]!);
    expect(before.some(([code]) => code === "auto-stop-machines-boolean")).toBe(true);
    await connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { flylint: { rules: { "auto-stop-machines-boolean": "off", "unknown-key": "info" } } } });
    const after = await nextDiagnostics(1);
    expect(codesAndSeverities(after)).toEqual(before.filter(([code]) => code !== "auto-stop-machines-boolean").map(([code, severity]) => [code, code === "unknown-key" ? 3 : severity]));
  });

  it("a didChangeConfiguration without flylint's section changes nothing; an empty one falls back to flylint.json", async () => {
    await connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { other: {} } });
    await connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { flylint: {} } });
    const after = await nextDiagnostics(2);
    // Only the second notification published: the document is linted with flylint.json alone.
    expect(after.diagnostics.some((d) => d.code === "unknown-key")).toBe(false);
    expect(after.diagnostics.some((d) => d.code === "auto-stop-machines-boolean")).toBe(true);
    expect(published).toHaveLength(3);
  });
});

describe("parseEditorRules", () => {
  const known = new Set(["unknown-key"]);
  it("accepts flylint.json's severities, including warn for warning", () => {
    expect(parseEditorRules({ "unknown-key": "warn" }, known)).toEqual({ rules: { "unknown-key": "warning" }, problems: [] });
  });
  it("says what is wrong with a value that is not an object", () => {
    expect(parseEditorRules(["unknown-key"], known)).toEqual({ rules: {}, problems: ['flylint.rules must be an object of rule ids to "off", "info", "warn" or "error" (got an array)'] });
    expect(parseEditorRules(undefined, known)).toEqual({ rules: {}, problems: [] });
  });
});
