import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { TextDocument } from "vscode-languageserver-textdocument";
import {
  CodeActionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type CodeAction,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextEdit,
} from "vscode-languageserver-protocol/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

// End to end: spawn `flylint lsp --stdio` and speak LSP to it as an editor would.
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const folder = mkdtempSync(join(tmpdir(), "flylint-lsp-"));
const uri = pathToFileURL(join(folder, "fly.toml")).href;
let server: ChildProcessWithoutNullStreams;
/** Everything the server wrote to stderr, which editors show as a crash: it must stay empty. */
let stderr = "";
let connection: ProtocolConnection;
const published = new Map<string, PublishDiagnosticsParams[]>();
const waiters: (() => void)[] = [];

function nextDiagnostics(forUri: string, after: number): Promise<PublishDiagnosticsParams> {
  return new Promise((done) => {
    const check = () => {
      const list = published.get(forUri) ?? [];
      if (list.length > after) {
        done(list[after] as PublishDiagnosticsParams);
        return true;
      }
      return false;
    };
    if (!check()) waiters.push(() => void check());
  });
}

/** Sends new text for the document and waits for the diagnostics published for it. */
async function change(version: number, text: string): Promise<Diagnostic[]> {
  const before = published.get(uri)?.length ?? 0;
  await connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  return (await nextDiagnostics(uri, before)).diagnostics;
}

function apply(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create(uri, "toml", 0, text), edits);
}

beforeAll(async () => {
  writeFileSync(join(folder, "flylint.json"), JSON.stringify({ rules: { "ha-two-machines": "off" } }));
  server = spawn(process.execPath, [join(root, "bin/flylint.cjs"), "lsp", "--stdio"], { cwd: folder });
  server.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    published.set(params.uri, [...(published.get(params.uri) ?? []), params]);
    waiters.splice(0).forEach((wake) => wake());
  });
  connection.listen();
  const init = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: pathToFileURL(folder).href, capabilities: {}, workspaceFolders: null });
  expect(init.capabilities.codeActionProvider).toEqual({ codeActionKinds: ["quickfix", "source.fixAll.flylint"] });
  await connection.sendNotification(InitializedNotification.type, {});
});

afterEach(() => expect(stderr).toBe(""));

afterAll(async () => {
  const closed = new Promise((done) => server.once("close", done));
  await connection.sendRequest(ShutdownRequest.type);
  await connection.sendNotification(ExitNotification.type);
  await closed;
  connection.dispose();
  rmSync(folder, { recursive: true, force: true });
  expect(stderr).toBe("");
});

const text = `app = "web"\n[http_service]\n  internal_port = 8080\n  auto_stop_machines = true\n  min_machine_running = 1\n`;

describe("flylint lsp --stdio", () => {
  let diagnostics: Diagnostic[] = [];
  let current = text;

  it("publishes diagnostics when a document opens, honouring flylint.json", async () => {
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: "toml", version: 1, text } });
    diagnostics = (await nextDiagnostics(uri, 0)).diagnostics;
    expect(diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character, d.severity])).toEqual([
      ["auto-stop-machines-boolean", 3, 23, 27, 2],
      ["unknown-key", 4, 2, 21, 2],
    ]);
    expect(diagnostics[0]?.codeDescription?.href).toMatch(/docs\/rules\/auto-stop-machines-boolean\.md$/);
    expect(diagnostics[0]?.source).toBe("flylint");
  });

  it("offers a fix and a line suppression for a diagnostic, and the fix clears it", async () => {
    const actions = (await connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: diagnostics[0]!.range,
      context: { diagnostics: [diagnostics[0]!] },
    })) as CodeAction[];
    expect(actions.map((a) => [a.title, a.kind])).toEqual([
      ['Fix: Replace true with "stop"', "quickfix"],
      ["Disable auto-stop-machines-boolean for this line", "quickfix"],
    ]);
    const disabled = apply(current, actions[1]!.edit!.changes![uri]!);
    expect(disabled).toContain(`  # flylint-disable-next-line auto-stop-machines-boolean\n  auto_stop_machines = true`);
    current = apply(current, actions[0]!.edit!.changes![uri]!);
    expect(current).toContain(`auto_stop_machines = "stop"`);
    diagnostics = await change(2, current);
    expect(diagnostics.map((d) => d.code)).toEqual(["unknown-key"]);
  });

  it("fixes everything safe with source.fixAll.flylint, for fix-on-save", async () => {
    const broken = `[http_service]\r\n  auto_stop_machines = false\r\n[[services]]\r\n  auto_stop_machines = true\r\n`;
    await change(3, broken);
    const actions = (await connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ["source.fixAll"] },
    })) as CodeAction[];
    expect(actions.map((a) => a.kind)).toEqual(["source.fixAll.flylint"]);
    const fixed = apply(broken, actions[0]!.edit!.changes![uri]!);
    expect(fixed).toBe(`[http_service]\r\n  auto_stop_machines = "off"\r\n[[services]]\r\n  auto_stop_machines = "stop"\r\n`);
    const after = await change(4, fixed);
    expect(after.filter((d) => (d.data as { fix?: unknown } | undefined)?.fix)).toEqual([]);
  });

  it("lints only fly configs, not every TOML file the editor opens", async () => {
    const cargo = pathToFileURL(join(folder, "Cargo.toml")).href;
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: cargo, languageId: "toml", version: 1, text: `[package]\nname = "x"\n` } });
    expect((await nextDiagnostics(cargo, 0)).diagnostics).toEqual([]);
  });

  it("reads flylint.json afresh, so editing it needs no restart", async () => {
    writeFileSync(join(folder, "flylint.json"), JSON.stringify({ rules: { "ha-two-machines": "off", "unknown-key": "off" } }));
    expect(await change(10, `bogus = 1\n`)).toEqual([]);
    writeFileSync(join(folder, "flylint.json"), JSON.stringify({ rules: { "ha-two-machines": "off" } }));
  });

  it("maps positions after a byte order mark the way the editor counts them", async () => {
    const withBom = `\uFEFFkill_timeout = "5"\n`;
    const [first] = await change(11, withBom);
    expect(first?.range).toEqual({ start: { line: 0, character: 16 }, end: { line: 0, character: 19 } });
  });
});
