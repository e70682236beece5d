import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
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
import { Worker } from "node:worker_threads";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { largeConfig } from "../scripts/bench/large-configs.mjs";
import { lintText } from "../src/engine/lint.js";
import { answer, lintOptions, type LintReply, type LintRequest } from "../src/lsp/lint-job.js";
import { LintScheduler, type LintJob } from "../src/lsp/lint-scheduler.js";
import { lspDiagnostics } from "../src/lsp/lsp-diagnostics.js";
import { LARGE_DOCUMENT_CHARACTERS, LARGE_DOCUMENT_SEMI_SPACE_MIB, WORKER_SEMI_SPACE_MIB, withWorkerYoungGeneration, workerSemiSpaceMiB } from "../src/lsp/lint-thread.js";
import { FlylintLanguageServer, type OffThreadOptions } from "../src/lsp/server.js";

// Linting stays off the keystroke path: large documents are linted in a worker thread, only their latest
// text, and an answer for an older version is never published. No test looks at the clock: each waits for
// the notification it expects, and checks versions and their order.
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const folders: string[] = [];
function tempFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), "flylint-lsp-offthread-"));
  // A flylint.json of its own, so no file further up the tree changes what is linted.
  writeFileSync(join(folder, "flylint.json"), JSON.stringify({ rules: {} }));
  folders.push(folder);
  return folder;
}
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

const workerStarted = "flylint: started a lint worker thread";
const small = `app = "web"\n\n[http_service]\n  internal_port = 8080\n  auto_stop_machines = true\n`;
const messageOf = (d: Diagnostic) => (typeof d.message === "string" ? d.message : d.message.value);

/** An LSP client recording what the server publishes and logs. */
class Client {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly logs: string[] = [];
  private readonly waiters = new Set<() => void>();
  failure: () => string | undefined = () => undefined;

  constructor(readonly connection: ProtocolConnection) {
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

  async initialize(folder: string): Promise<void> {
    await this.connection.sendRequest(InitializeRequest.type, { processId: null, rootUri: pathToFileURL(folder).href, capabilities: {}, workspaceFolders: null });
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  async diagnostics(uri: string, version: number): Promise<Diagnostic[]> {
    return (await this.until(() => this.published.find((p) => p.uri === uri && p.version === version))).diagnostics;
  }

  publishedVersions(uri: string): (number | undefined)[] {
    return this.published.filter((p) => p.uri === uri).map((p) => p.version);
  }

  async open(uri: string, version: number, text: string): Promise<void> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: "toml", version, text } });
  }

  fixAll(uri: string): Promise<CodeAction[]> {
    return this.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ["source.fixAll"] },
    }) as Promise<CodeAction[]>;
  }
}

/** Versions as published: each newer than the one before, so an editor never goes back to older diagnostics. */
function expectIncreasing(versions: (number | undefined)[]): void {
  versions.slice(1).forEach((version, i) => expect(version as number).toBeGreaterThan(versions[i] as number));
}

describe("the built server (flylint lsp --stdio)", () => {
  const folder = tempFolder();
  let server: ChildProcessWithoutNullStreams;
  let client: Client;
  let stderr = "";

  beforeAll(async () => {
    server = spawn(process.execPath, [join(root, "bin/flylint.cjs"), "lsp", "--stdio"], { cwd: folder });
    client = new Client(createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin)));
    client.failure = () => (stderr === "" ? undefined : `the server wrote to stderr:\n${stderr}`);
    server.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
      client.wake();
    });
    await client.initialize(folder);
  });
  afterEach(() => expect(stderr).toBe(""));
  afterAll(async () => {
    const exited = new Promise((done) => server.once("close", done));
    await client.connection.sendRequest(ShutdownRequest.type);
    await client.connection.sendNotification(ExitNotification.type);
    await exited;
    client.connection.dispose();
    expect(stderr).toBe("");
  });

  it("diagnoses a small document on its own thread, without starting the worker", async () => {
    const uri = pathToFileURL(join(folder, "small", "fly.toml")).href;
    await client.open(uri, 1, small);
    expect((await client.diagnostics(uri, 1)).map((d) => d.code)).toContain("auto-stop-machines-boolean");
    expect(client.logs.filter((log) => log.startsWith(workerStarted))).toEqual([]);
  });

  it("after a burst of changes to a large document, publishes the final version's diagnostics, never an older version after a newer", async () => {
    const uri = pathToFileURL(join(folder, "fly.toml")).href;
    const big = largeConfig("services", 300_000);
    // Line 0 names the version, as a key flylint reports as unknown: each publication shows which text it is of.
    const marker = (version: number) => `marker_v${version} = 1`;
    await client.open(uri, 1, `${marker(1)}\n${big}`);
    const last = 21;
    for (let version = 2; version <= last; version++) {
      const range = { start: { line: 0, character: 0 }, end: { line: 0, character: marker(version - 1).length } };
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range, text: marker(version) }] });
    }
    const final = await client.diagnostics(uri, last);
    // The server serves on: a small document is diagnosed, and the large one has nothing newer or older to publish.
    const other = pathToFileURL(join(folder, "other", "fly.toml")).href;
    await client.open(other, 1, small);
    await client.diagnostics(other, 1);
    const versions = client.publishedVersions(uri);
    expect(versions.at(-1)).toBe(last);
    expectIncreasing(versions);
    // Each publication is of the text of its version.
    for (const publication of client.published.filter((p) => p.uri === uri)) {
      const markers = publication.diagnostics.map(messageOf).filter((message) => /marker_v\d+/.test(message));
      expect(markers.length).toBe(1);
      expect(markers[0]).toContain(`marker_v${publication.version}`);
    }
    expect(client.logs.filter((log) => log.startsWith(workerStarted)).length).toBe(1);
    // The worker's diagnostics are those of the server's own thread.
    const text = `${marker(last)}\n${big}`;
    const path = fileURLToPath(uri);
    expect(final).toEqual(lspDiagnostics(text, lintText(text, lintOptions(path, {}))));
    // Once no open document needs the worker, it is stopped, giving its memory back.
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    await client.until(() => client.published.find((p) => p.uri === uri && p.version === undefined));
    expect(client.logs).toContain("flylint: stopped the lint worker thread");
  });
});

/** The server in this process over in-memory streams, its lint worker the script the test gives. */
function inProcessServer(offThread: OffThreadOptions): { client: Client; dispose(): void } {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const serverConnection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  const server = new FlylintLanguageServer(serverConnection, undefined, offThread);
  server.listen();
  const client = new Client(createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer)));
  return {
    client,
    dispose() {
      server.dispose();
      client.connection.dispose();
      serverConnection.dispose();
    },
  };
}

const couldNotCheck = (reason: string | RegExp) => ({
  range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  severity: 1,
  source: "flylint",
  message: typeof reason === "string" ? `flylint could not check this file: ${reason}` : expect.stringMatching(reason),
});

describe("a lint worker that fails", () => {
  const folder = tempFolder();
  const script = (name: string, body: string) => {
    const path = join(folder, name);
    writeFileSync(path, `const { parentPort } = require("node:worker_threads");\n${body}\n`);
    return path;
  };
  // Longer than maxInlineLength below, so it goes to the worker; `small` stays on the server's thread.
  const large = `${small}${"# padding\n".repeat(20)}`;
  const uri = pathToFileURL(join(folder, "fly.toml")).href;
  const smallUri = pathToFileURL(join(folder, "small", "fly.toml")).href;

  it.each([
    ["throws", `console.log("to stdout"); console.error("to stderr");\nparentPort.on("message", () => { throw new Error("boom in the worker"); });`, "the lint worker crashed: boom in the worker"],
    ["exits", `parentPort.on("message", () => process.exit(3));`, "the lint worker exited with code 3"],
    ["cannot start", undefined, /^flylint could not check this file: the lint worker crashed: Cannot find module /],
  ])("one that %s gives the document the could-not-check diagnostic, and the server serves on", async (_, body, reason) => {
    const workerScript = body === undefined ? join(folder, "missing-worker.cjs") : script(`worker-${Math.random().toString(36).slice(2)}.cjs`, body);
    const session = inProcessServer({ workerScript, maxInlineLength: 100, minWorkerLength: 100 });
    const { client } = session;
    try {
      await client.initialize(folder);
      await client.open(uri, 1, large);
      expect(await client.diagnostics(uri, 1)).toEqual([couldNotCheck(reason)]);
      expect(client.logs.some((log) => log.startsWith(`flylint could not check ${uri} (version 1): `))).toBe(true);
      // A small document is still diagnosed, on the server's own thread.
      await client.open(smallUri, 1, small);
      expect((await client.diagnostics(smallUri, 1)).map((d) => d.code)).toContain("auto-stop-machines-boolean");
      // The next large text gets a new worker (which fails again here), and requests are answered.
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: `${large}# more\n` }] });
      expect(await client.diagnostics(uri, 2)).toEqual([couldNotCheck(reason)]);
      expect(client.logs.filter((log) => log.startsWith(workerStarted)).length).toBe(2);
      expect(await client.fixAll(uri)).toHaveLength(1);
      // What the worker writes goes to the editor's log (this process's stdout is the protocol).
      if (body?.includes("console.log")) {
        await client.until(() => (client.logs.includes("flylint lint worker: to stdout") && client.logs.includes("flylint lint worker: to stderr") ? true : undefined));
      }
    } finally {
      session.dispose();
    }
  });
});

describe("the lint worker's heap", () => {
  // Keeps 2 million small objects alive (tens of MB), which grows the young generation to its limit,
  // then answers with its size: two semi-spaces, in MiB.
  const growsYoungGeneration = `
    const { parentPort } = require("node:worker_threads");
    const { getHeapSpaceStatistics } = require("node:v8");
    const kept = [];
    for (let i = 0; i < 2e6; i++) kept.push({ i });
    parentPort.postMessage(getHeapSpaceStatistics().find((space) => space.space_name === "new_space").space_size / 2 ** 20);
  `;
  const youngGenerationOf = (worker: Worker) =>
    new Promise<number>((resolve, reject) => {
      worker.once("message", (size: number) => void worker.terminate().then(() => resolve(size)));
      worker.once("error", reject);
    });

  it("gets larger semi-spaces than the server was started with, and later workers get the server's again", async () => {
    const server = ["--max-semi-space-size=16"];
    const raised = await youngGenerationOf(withWorkerYoungGeneration(() => new Worker(growsYoungGeneration, { eval: true }), server));
    expect(raised).toBeGreaterThan(2 * 16);
    expect(raised).toBeLessThanOrEqual(2 * WORKER_SEMI_SPACE_MIB);
    // The flag went back once the worker was running: a worker started without the helper gets 16 MiB ones.
    expect(await youngGenerationOf(new Worker(growsYoungGeneration, { eval: true }))).toBeLessThanOrEqual(2 * 16);
  });

  // Answers at once with the young generation's size (V8's new-space size, in MiB), before allocating anything.
  const reportsYoungGeneration = `
    const { parentPort } = require("node:worker_threads");
    const { getHeapSpaceStatistics } = require("node:v8");
    parentPort.postMessage(getHeapSpaceStatistics().find((space) => space.space_name === "new_space").space_size / 2 ** 20);
  `;

  it("starts the worker's young generation at its full size, and later workers at V8's own again", async () => {
    const server = ["--max-semi-space-size=1"];
    expect(await youngGenerationOf(withWorkerYoungGeneration(() => new Worker(reportsYoungGeneration, { eval: true }), server))).toBeGreaterThanOrEqual(WORKER_SEMI_SPACE_MIB);
    expect(await youngGenerationOf(new Worker(reportsYoungGeneration, { eval: true }))).toBeLessThan(WORKER_SEMI_SPACE_MIB);
  });

  it("gives a worker started for a large document the larger young generation asked for", async () => {
    const server = ["--max-semi-space-size=1"];
    const large = workerSemiSpaceMiB(LARGE_DOCUMENT_CHARACTERS);
    expect(large).toBe(LARGE_DOCUMENT_SEMI_SPACE_MIB);
    expect(large).toBeGreaterThan(WORKER_SEMI_SPACE_MIB);
    expect(await youngGenerationOf(withWorkerYoungGeneration(() => new Worker(reportsYoungGeneration, { eval: true }), server, large))).toBeGreaterThanOrEqual(large);
    expect(await youngGenerationOf(new Worker(reportsYoungGeneration, { eval: true }))).toBeLessThan(WORKER_SEMI_SPACE_MIB);
  });

  it("sizes the worker's young generation by the document that starts it", () => {
    expect(workerSemiSpaceMiB(100_000)).toBe(WORKER_SEMI_SPACE_MIB);
    expect(workerSemiSpaceMiB(LARGE_DOCUMENT_CHARACTERS - 1)).toBe(WORKER_SEMI_SPACE_MIB);
    expect(workerSemiSpaceMiB(1_000_000)).toBe(LARGE_DOCUMENT_SEMI_SPACE_MIB);
  });
});

describe("LintScheduler", () => {
  const uri = "file:///app/fly.toml";
  const job = (version: number, text = "x".repeat(100), at = uri): LintJob => ({ uri: at, version, request: { text, ruleSettings: {} } });
  const reply = (request: LintRequest, milliseconds = 1): LintReply => ({ ticket: request.ticket, diagnostics: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: request.text }], milliseconds });

  /** A scheduler whose worker is a list of requests the test answers, in any order it likes. */
  function harness(inlineMilliseconds = 1) {
    const inWorker: { request: LintRequest; done: (reply: LintReply) => void }[] = [];
    const settled: [number | undefined, string][] = [];
    const stops: number[] = [];
    const scheduler = new LintScheduler(
      { maxInlineLength: 50, maxInlineMilliseconds: 8, minWorkerLength: 10 },
      (request) => reply(request, inlineMilliseconds),
      () => ({ run: (request, done) => void inWorker.push({ request, done }), stop: () => void stops.push(inWorker.length) }),
      (lintJob, answered) => settled.push([lintJob.version, "failure" in answered ? answered.failure.reason : messageOf(answered.diagnostics[0]!)]),
    );
    /** Answers the worker's oldest request. */
    const finish = () => {
      const next = inWorker.shift()!;
      next.done(reply(next.request));
    };
    return { scheduler, inWorker, settled, stops, finish };
  }

  it("lints a burst's latest text only, and drops the answer for a text replaced while it ran", () => {
    const { scheduler, inWorker, settled, finish } = harness();
    scheduler.lint(job(1, "a".repeat(100)));
    for (let version = 2; version <= 5; version++) scheduler.lint(job(version, `${version}`.repeat(100)));
    expect(inWorker.map((w) => w.request.text[0])).toEqual(["a"]);
    finish();
    expect(settled).toEqual([]);
    expect(inWorker.map((w) => w.request.text[0])).toEqual(["5"]);
    finish();
    expect(settled).toEqual([[5, "5".repeat(100)]]);
    expect(inWorker).toEqual([]);
  });

  it("lints a small text at once, even while the worker is busy, and then drops the worker's older answer", () => {
    const { scheduler, settled, finish } = harness();
    scheduler.lint(job(1));
    scheduler.lint(job(2, "small"));
    expect(settled).toEqual([[2, "small"]]);
    finish();
    expect(settled).toEqual([[2, "small"]]);
  });

  it("drops a lint still running when its document closes or gets diagnostics without one", () => {
    const { scheduler, inWorker, settled, finish } = harness();
    scheduler.lint(job(1));
    scheduler.forget(uri);
    expect(scheduler.size).toBe(0);
    scheduler.lint(job(1, "y".repeat(100), "file:///other/fly.toml"));
    scheduler.settle("file:///other/fly.toml");
    finish();
    expect(inWorker).toEqual([]);
    expect(settled).toEqual([]);
  });

  it("stops the worker once no open document was last linted there, and starts it again when one is", () => {
    const { scheduler, inWorker, settled, stops, finish } = harness();
    const other = "file:///other/fly.toml";
    scheduler.lint(job(1));
    scheduler.lint(job(1, "y".repeat(100), other));
    finish();
    scheduler.forget(uri);
    expect(stops).toEqual([]);
    finish();
    scheduler.lint(job(2, "small", other));
    expect(stops).toEqual([0]);
    scheduler.lint(job(3));
    expect(inWorker.length).toBe(1);
    scheduler.forget(uri);
    expect(stops).toEqual([0]);
    finish();
    expect(stops).toEqual([0, 0]);
    expect(settled.map(([version]) => version)).toEqual([1, 1, 2]);
  });

  it("takes turns between documents, each with its latest text", () => {
    const { scheduler, settled, finish } = harness();
    const other = "file:///other/fly.toml";
    scheduler.lint(job(1, "a".repeat(100)));
    scheduler.lint(job(1, "b".repeat(100), other));
    scheduler.lint(job(2, "c".repeat(100)));
    finish();
    finish();
    finish();
    expect(settled).toEqual([
      [1, "b".repeat(100)],
      [2, "c".repeat(100)],
    ]);
  });

  it("sends a document whose lint was slow to the worker, and brings it back once it is fast; a tiny one always stays", () => {
    const { scheduler, inWorker, settled, finish } = harness(20);
    const medium = "m".repeat(30);
    scheduler.lint(job(1, medium));
    expect(settled).toEqual([[1, medium]]);
    scheduler.lint(job(2, medium));
    expect(inWorker.length).toBe(1);
    finish();
    scheduler.lint(job(3, medium));
    expect(settled).toEqual([
      [1, medium],
      [2, medium],
      [3, medium],
    ]);
    expect(inWorker).toEqual([]);
    const tiny = "file:///tiny/fly.toml";
    scheduler.lint(job(1, "tiny", tiny));
    scheduler.lint(job(2, "tiny", tiny));
    expect(settled.slice(3)).toEqual([
      [1, "tiny"],
      [2, "tiny"],
    ]);
    expect(inWorker).toEqual([]);
  });
});

describe("lintOptions", () => {
  it("reads each file next to the document once per lint, however many rules ask for it", () => {
    const folder = tempFolder();
    writeFileSync(join(folder, "Dockerfile"), "EXPOSE 8080\n");
    const { readSiblingFile } = lintOptions(join(folder, "fly.toml"), {});
    expect(readSiblingFile?.("Dockerfile")).toBe("EXPOSE 8080\n");
    writeFileSync(join(folder, "Dockerfile"), "EXPOSE 3000\n");
    expect(readSiblingFile?.("./Dockerfile")).toBe("EXPOSE 8080\n");
    expect(readSiblingFile?.("missing")).toBeUndefined();
    // The next lint reads the file as it is then.
    expect(lintOptions(join(folder, "fly.toml"), {}).readSiblingFile?.("Dockerfile")).toBe("EXPOSE 3000\n");
  });
});

describe("answer", () => {
  it("answers a text the engine throws on with the reason and the stack, never throwing", () => {
    const failed = answer({ ticket: 7, text: "a = 1\n", ruleSettings: {} }, () => {
      throw new RangeError("Maximum call stack size exceeded");
    });
    expect(failed).toMatchObject({ ticket: 7, failure: { reason: "Maximum call stack size exceeded", detail: expect.stringMatching(/^RangeError: Maximum call stack size exceeded\n {4}at /) } });
  });
});
