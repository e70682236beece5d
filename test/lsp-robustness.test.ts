import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  CodeActionRequest,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  createProtocolConnection,
  type CodeAction,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from "vscode-languageserver-protocol/node";
import { createConnection } from "vscode-languageserver/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { lintText } from "../src/engine/lint.js";
import { DocumentStore } from "../src/lsp/documents.js";
import { FlylintLanguageServer, oneLineReason, type LintEngine } from "../src/lsp/server.js";

// The language server must survive whatever an editor or a file sends it: every failure becomes one
// diagnostic on its document, stderr stays empty, and the next request is answered. No test waits on
// the clock: each waits for the notification it expects (vitest's limit only catches a hang).
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const folders: string[] = [];

function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), "flylint-lsp-robust-"));
  folders.push(folder);
  return folder;
}

afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

const couldNotCheckPrefix = "flylint could not check this file: ";

/** The exact diagnostic of a document flylint could not check. */
function couldNotCheck(reason: string | RegExp): unknown {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: 1,
    source: "flylint",
    message: typeof reason === "string" ? `${couldNotCheckPrefix}${reason}` : expect.stringMatching(new RegExp(`^${couldNotCheckPrefix}${reason.source}$`)),
  };
}

/** A diagnostic's message as text (the protocol also allows markup). */
const messageOf = (d: Diagnostic) => (typeof d.message === "string" ? d.message : d.message.value);

/** What an editor compares of a diagnostic. */
const shape = (diagnostics: Diagnostic[]) => diagnostics.map((d) => [d.code, d.range, d.message]);

/** An LSP client over two streams, recording what the server publishes and logs. */
class Client {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly logs: string[] = [];
  private readonly waiters = new Set<() => void>();
  private versions = new Map<string, number>();
  /** Why waiting is pointless (the server wrote to stderr): a wait then fails at once instead of hanging. */
  failure: () => string | undefined = () => undefined;

  constructor(
    readonly connection: ProtocolConnection,
    private readonly rawInput: NodeJS.WritableStream,
  ) {
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
      this.wake();
    });
    connection.onNotification(LogMessageNotification.type, (params) => {
      this.logs.push(params.message);
      this.wake();
    });
    connection.listen();
  }

  wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  /** Resolves with the first recorded value `find` returns, now or when a notification brings it. */
  until<T>(find: () => T | undefined): Promise<T> {
    return new Promise((done, fail) => {
      const check = () => {
        const found = find();
        const failure = found === undefined ? this.failure() : undefined;
        if (found === undefined && failure === undefined) return;
        this.waiters.delete(check);
        if (found !== undefined) done(found);
        else fail(new Error(failure));
      };
      this.waiters.add(check);
      check();
    });
  }

  async initialize(rootUri: string | null): Promise<void> {
    await this.connection.sendRequest(InitializeRequest.type, { processId: null, rootUri, capabilities: {}, workspaceFolders: null });
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  /** The next version for a document, so each publication can be told apart from the ones before. */
  nextVersion(uri: string): number {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    return version;
  }

  /** The diagnostics published for this version of the document. */
  async diagnostics(uri: string, version: number): Promise<Diagnostic[]> {
    return (await this.until(() => this.published.find((p) => p.uri === uri && p.version === version))).diagnostics;
  }

  async open(uri: string, text: string): Promise<Diagnostic[]> {
    const version = this.nextVersion(uri);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: "toml", version, text } });
    return this.diagnostics(uri, version);
  }

  async change(uri: string, text: string): Promise<Diagnostic[]> {
    const version = this.nextVersion(uri);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    return this.diagnostics(uri, version);
  }

  /**
   * Writes one JSON-RPC message as bytes, as a faulty editor would, bypassing the typed client. Every
   * typed send is awaited before this runs, so the two never interleave on the stream.
   */
  sendRaw(message: object): void {
    const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }), "utf8");
    this.rawInput.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.rawInput.write(body);
  }

  /** A request the server must answer: the fix-all code action for the document. */
  fixAll(uri: string): Promise<CodeAction[]> {
    return this.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ["source.fixAll"] },
    }) as Promise<CodeAction[]>;
  }
}

/** `flylint lsp --stdio` as an editor starts it, with everything it writes to stderr kept. */
class SpawnedServer {
  readonly process: ChildProcessWithoutNullStreams;
  readonly client: Client;
  stderr = "";

  constructor(cwd: string) {
    this.process = spawn(process.execPath, [join(root, "bin/flylint.cjs"), "lsp", "--stdio"], { cwd });
    this.client = new Client(createProtocolConnection(new StreamMessageReader(this.process.stdout), new StreamMessageWriter(this.process.stdin)), this.process.stdin);
    this.client.failure = () => (this.stderr === "" ? undefined : `the server wrote to stderr:\n${this.stderr}`);
    this.process.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      this.stderr += chunk;
      this.client.wake();
    });
  }

  /** Shuts the server down and waits until its stderr is read to the end. */
  async stop(): Promise<void> {
    const exited = new Promise((done) => this.process.once("close", done));
    await this.client.connection.sendRequest(ShutdownRequest.type);
    await this.client.connection.sendNotification(ExitNotification.type);
    await exited;
    this.client.connection.dispose();
  }
}

const flyToml = `app = "web"\n\n[http_service]\n  internal_port = 8080\n  force_https = true\n`;
/** Text whose diagnostics name a key no other text here has, to tell stale diagnostics from fresh ones. */
const markedText = `stale_marker = 1\n${flyToml}`;

describe("the sibling Dockerfile", () => {
  let server: SpawnedServer;
  let absent: Diagnostic[];
  const folder = tempFolder();
  const uriIn = (name: string) => pathToFileURL(join(folder, name, "fly.toml")).href;
  for (const name of ["none", "folder", "fifo", "file"]) mkdirSync(join(folder, name));
  mkdirSync(join(folder, "folder", "Dockerfile"));
  const fifo = process.platform !== "win32" && spawnSync("mkfifo", [join(folder, "fifo", "Dockerfile")]).status === 0;
  writeFileSync(join(folder, "file", "Dockerfile"), `FROM node:20\nEXPOSE 3000\nCMD ["node", "server.js"]\n`);

  beforeAll(async () => {
    server = new SpawnedServer(folder);
    await server.client.initialize(pathToFileURL(folder).href);
    absent = await server.client.open(uriIn("none"), flyToml);
  });
  afterEach(() => expect(server.stderr).toBe(""));
  afterAll(async () => {
    await server.stop();
    expect(server.stderr).toBe("");
  });

  it("is read when it is a regular file", async () => {
    expect(absent.map((d) => d.code)).not.toContain("internal-port-mismatch");
    expect((await server.client.open(uriIn("file"), flyToml)).map((d) => d.code)).toContain("internal-port-mismatch");
  });

  it("is taken as absent when it is a folder (EISDIR), and the document is checked", async () => {
    expect(shape(await server.client.open(uriIn("folder"), flyToml))).toEqual(shape(absent));
  });

  it.skipIf(!fifo)("is taken as absent when it is a fifo, without blocking the server", async () => {
    expect(shape(await server.client.open(uriIn("fifo"), flyToml))).toEqual(shape(absent));
    expect(await server.client.fixAll(uriIn("fifo"))).toBeInstanceOf(Array);
  });
});

/** One server for a describe block, started in `folder`; stderr must stay empty after every test and at exit. */
function useSpawnedServer(folder: string): () => SpawnedServer {
  let server: SpawnedServer;
  beforeAll(async () => {
    server = new SpawnedServer(folder);
    await server.client.initialize(pathToFileURL(folder).href);
  });
  afterEach(() => expect(server.stderr).toBe(""));
  afterAll(async () => {
    await server.stop();
    expect(server.stderr).toBe("");
  });
  return () => server;
}

describe("malformed notifications from the editor", () => {
  const folder = tempFolder();
  const uri = pathToFileURL(join(folder, "fly.toml")).href;
  const running = useSpawnedServer(folder);
  let server: SpawnedServer;
  beforeAll(() => {
    server = running();
  });

  it.each([
    ["a number", 42],
    ["null", null],
    ["an object", { text: "app = 1" }],
    ["missing", undefined],
  ])("a didOpen whose text is %s gets one diagnostic, and a whole new text recovers", async (described, text) => {
    const { client } = server;
    await client.open(uri, markedText);
    const version = client.nextVersion(uri);
    client.sendRaw({ method: "textDocument/didOpen", params: { textDocument: { uri, languageId: "toml", version, text } } });
    expect(await client.diagnostics(uri, version)).toEqual([couldNotCheck(`the editor sent its text as ${described}, not a string`)]);
    expect(client.logs).toContain(`flylint: ${uri}: the editor sent its text as ${described}, not a string`);
    // The server answers, and has no document to fix until a whole text arrives.
    expect(await client.fixAll(uri)).toEqual([]);
    const fresh = await client.change(uri, markedText);
    expect(fresh.map((d) => d.code)).toContain("unknown-key");
    expect(fresh.some((d) => messageOf(d).startsWith(couldNotCheckPrefix))).toBe(false);
  });

  it("a didChange whose text is not a string gets one diagnostic, and an incremental change then asks for a reopen", async () => {
    const { client } = server;
    await client.open(uri, markedText);
    let version = client.nextVersion(uri);
    client.sendRaw({ method: "textDocument/didChange", params: { textDocument: { uri, version }, contentChanges: [{ text: 7 }] } });
    expect(await client.diagnostics(uri, version)).toEqual([couldNotCheck("didChange sent change 1 without text (got a number)")]);
    version = client.nextVersion(uri);
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    client.sendRaw({ method: "textDocument/didChange", params: { textDocument: { uri, version }, contentChanges: [{ range, text: "# x\n" }] } });
    expect(await client.diagnostics(uri, version)).toEqual([couldNotCheck("the editor changed a document flylint does not have; close and reopen it")]);
    expect((await client.change(uri, markedText)).map((d) => d.code)).toContain("unknown-key");
  });

  it("a didChange whose contentChanges is not an array, or whose range is broken, gets one diagnostic", async () => {
    const { client } = server;
    await client.open(uri, markedText);
    let version = client.nextVersion(uri);
    client.sendRaw({ method: "textDocument/didChange", params: { textDocument: { uri, version }, contentChanges: "app = 1" } });
    expect(await client.diagnostics(uri, version)).toEqual([couldNotCheck("didChange sent contentChanges as a string, not an array")]);
    await client.open(uri, markedText);
    version = client.nextVersion(uri);
    client.sendRaw({ method: "textDocument/didChange", params: { textDocument: { uri, version }, contentChanges: [{ range: { start: { line: -1 } }, text: "" }] } });
    expect(await client.diagnostics(uri, version)).toEqual([couldNotCheck("didChange sent change 1 with a range that is not two positions")]);
  });

  it("notifications and requests without a document are logged or answered, never thrown", async () => {
    const { client } = server;
    client.sendRaw({ method: "textDocument/didOpen", params: { textDocument: { uri: 5, text: "" } } });
    client.sendRaw({ method: "textDocument/didChange", params: null });
    client.sendRaw({ method: "textDocument/didClose", params: {} });
    await client.until(() => (client.logs.includes("flylint: didChange sent no document uri") ? true : undefined));
    expect(client.logs).toContain("flylint: didOpen sent no document uri");
    // A code action request with a diagnostic whose data an editor mangled.
    await client.open(uri, markedText);
    const answer = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [{ range: { start: { line: 99, character: 0 }, end: { line: 99, character: 0 } }, message: "x", source: "flylint", data: { ruleId: "unknown-key", fix: { title: "t", applicability: "safe", edits: [{ start: -4, end: "x", text: 1 }] } } }] },
    });
    expect(answer).toEqual([]);
  });
});

// These inputs overflowed the stack in the parser and the schema walk. Whether the engine now reports
// them or still fails, the document gets fresh diagnostics, nothing reaches stderr, and the server serves on.
describe("inputs that have made the linter throw", () => {
  const folder = tempFolder();
  const uri = pathToFileURL(join(folder, "fly.toml")).href;
  const running = useSpawnedServer(folder);
  let server: SpawnedServer;
  beforeAll(() => {
    server = running();
  });

  it.each([
    ["a quoted string of 130,000 characters", `a = "${"x".repeat(130_000)}"\n`],
    ["arrays nested 2,400 deep", `a = ${"[".repeat(2_400)}${"]".repeat(2_400)}\n`],
    ["a dotted key of 2,100 parts", `${Array.from({ length: 2_100 }, () => "a").join(".")} = 1\n`],
  ])("%s: fresh diagnostics for that version, then normal service", async (_, crashing) => {
    const { client } = server;
    expect(shape(await client.open(uri, markedText)).some(([, , message]) => String(message).includes("stale_marker"))).toBe(true);
    const diagnostics = await client.change(uri, crashing);
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics.some((d) => messageOf(d).includes("stale_marker"))).toBe(false);
    // Either the engine reported the input, or it failed and the document says so in exactly one diagnostic.
    if (diagnostics.some((d) => messageOf(d).startsWith(couldNotCheckPrefix))) expect(diagnostics).toEqual([couldNotCheck(/[^\n]+/)]);
    else expect(diagnostics.every((d) => d.source === "flylint" && typeof d.code === "string")).toBe(true);
    expect(await client.fixAll(uri)).toBeInstanceOf(Array);
    const normal = await client.change(uri, markedText);
    expect(normal.some((d) => messageOf(d).includes("stale_marker"))).toBe(true);
    expect(normal.some((d) => messageOf(d).startsWith(couldNotCheckPrefix))).toBe(false);
  });
});

/** The server in this process over in-memory streams, with an engine the test controls. */
function inProcessServer(engine: LintEngine): { server: FlylintLanguageServer; client: Client; dispose(): void } {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  // Message readers, not raw streams: given streams, the library exits the process when they end.
  const serverConnection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  const server = new FlylintLanguageServer(serverConnection, engine);
  server.listen();
  const client = new Client(createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer)), toServer);
  return {
    server,
    client,
    dispose() {
      client.connection.dispose();
      serverConnection.dispose();
    },
  };
}

describe("a linter that throws", () => {
  const folder = tempFolder();
  const uri = pathToFileURL(join(folder, "fly.toml")).href;
  let failing: unknown = undefined;
  // The real engine, except that it throws `failing` while a test sets it.
  const engine: LintEngine = {
    lint(text, options) {
      if (failing !== undefined) throw failing;
      return lintText(text, options);
    },
    fix(text) {
      if (failing !== undefined) throw failing;
      return text;
    },
  };
  const session = inProcessServer(engine);
  const { client } = session;

  beforeAll(() => client.initialize(pathToFileURL(folder).href));
  afterAll(() => session.dispose());

  it("replaces the document's diagnostics by one saying why, logs the stack, and serves on", async () => {
    const before = await client.open(uri, markedText);
    expect(before.some((d) => messageOf(d).includes("stale_marker"))).toBe(true);
    failing = new RangeError("Maximum call stack size exceeded");
    expect(await client.change(uri, `app = "other"\n`)).toEqual([couldNotCheck("Maximum call stack size exceeded")]);
    expect(client.logs.some((log) => log.startsWith(`flylint could not check ${uri} (version 2): RangeError: Maximum call stack size exceeded\n    at `))).toBe(true);
    // The quick fixes still come for the diagnostics the editor holds; fix-all, which needs the linter, is left out.
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: before[0]!.range,
      context: { diagnostics: [before.find((d) => d.code === "unknown-key")!], only: ["quickfix", "source.fixAll"] },
    })) as CodeAction[];
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.every((a) => a.kind === "quickfix")).toBe(true);
    failing = undefined;
    expect((await client.change(uri, markedText)).some((d) => messageOf(d).includes("stale_marker"))).toBe(true);
  });

  it("says in one line what was thrown, whatever it was", async () => {
    failing = "line one\nline two";
    expect(await client.change(uri, flyToml)).toEqual([couldNotCheck("line one")]);
    failing = { toString: () => "  odd   thing  " };
    expect(await client.change(uri, flyToml)).toEqual([couldNotCheck("odd thing")]);
    failing = new Error("");
    expect(await client.change(uri, flyToml)).toEqual([couldNotCheck("Error")]);
    failing = undefined;
  });

  // The deterministic half of scripts/lsp-soak.mjs (RSS depends on the garbage collector, so it stays out of here):
  // nothing per document outlives its didClose.
  it("forgets every document when it closes", async () => {
    const uris = Array.from({ length: 200 }, (_, i) => pathToFileURL(join(folder, `app${i}`, "fly.toml")).href);
    for (const other of uris) await client.open(other, flyToml);
    expect(session.server.openDocuments).toBe(1 + uris.length);
    for (const other of uris) await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: other } });
    const last = uris.at(-1)!;
    await client.until(() => client.published.find((p) => p.uri === last && p.version === undefined));
    expect(session.server.openDocuments).toBe(1);
    expect(client.published.filter((p) => p.version === undefined).map((p) => [p.uri, p.diagnostics])).toEqual(uris.map((u) => [u, []]));
  });
});

describe("oneLineReason", () => {
  it("keeps a long message to one short line", () => {
    expect(oneLineReason(new Error(`${"x".repeat(500)}\nmore`))).toBe(`${"x".repeat(199)}…`);
  });
});

describe("DocumentStore", () => {
  it("applies incremental changes and recovers from a whole text after a bad one", () => {
    const store = new DocumentStore();
    const uri = "file:///fly.toml";
    store.didOpen({ textDocument: { uri, languageId: "toml", version: 1, text: "a = 1\n" } });
    const range = { start: { line: 0, character: 4 }, end: { line: 0, character: 5 } };
    const changed = store.didChange({ textDocument: { uri, version: 2 }, contentChanges: [{ range, text: "2" }] });
    expect(changed.kind === "synced" && changed.document.getText()).toBe("a = 2\n");
    expect(store.didChange({ textDocument: { uri, version: 3 }, contentChanges: [{}] }).kind).toBe("rejected");
    expect(store.get(uri)).toBeUndefined();
    const recovered = store.didChange({ textDocument: { uri, version: 4 }, contentChanges: [{ text: "b = 1\n" }, { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, text: "c" }] });
    expect(recovered.kind === "synced" && [recovered.document.getText(), recovered.document.version]).toEqual(["c = 1\n", 4]);
    store.didClose({ textDocument: { uri } });
    expect(store.size).toBe(0);
  });
});
