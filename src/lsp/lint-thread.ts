import { setFlagsFromString } from "node:v8";
import { Worker } from "node:worker_threads";
import { logText, oneLineReason } from "./failure.js";
import type { LintReply, LintRequest } from "./lint-job.js";

/**
 * The lint worker thread, started on the first request it gets (a server that only ever sees small
 * files never starts it) and again after it dies. It lints one request at a time. A worker that throws
 * outside a lint, exits or cannot start answers the request it had with a failure, so the document says
 * flylint could not check it, and the next request starts a new worker.
 */
export class LintThread {
  private worker: Worker | undefined;
  private pending: { request: LintRequest; done: (reply: LintReply) => void } | undefined;

  constructor(
    private readonly script: string,
    private readonly log: (message: string) => void,
  ) {}

  get busy(): boolean {
    return this.pending !== undefined;
  }

  /** Lints a request in the worker; `done` is called once, with its answer or with why there is none. */
  run(request: LintRequest, done: (reply: LintReply) => void): void {
    if (this.pending) throw new Error("the lint worker is busy");
    this.pending = { request, done };
    try {
      (this.worker ??= this.start(request.text.length)).postMessage(request);
    } catch (error) {
      this.died(this.worker, `the lint worker could not start: ${oneLineReason(error)}`, logText(error));
    }
  }

  /** Stops the worker (the server is exiting, or no open document needs it); a request it had is answered as failed. */
  stop(): void {
    const worker = this.worker;
    if (!worker) return;
    this.died(worker, "the lint worker was stopped", "the lint worker was stopped");
    this.log("flylint: stopped the lint worker thread");
  }

  /** Starts the worker for a document of `textLength` characters (the first it lints), its young generation sized for it. */
  private start(textLength: number): Worker {
    // stdout and stderr piped here: the worker's own would be this process's, and stdout carries the protocol.
    const worker = withWorkerYoungGeneration(() => new Worker(this.script, { stdout: true, stderr: true }), process.execArgv, workerSemiSpaceMiB(textLength));
    // The worker never keeps the server alive: the editor's connection decides when it ends.
    worker.unref();
    for (const stream of [worker.stdout, worker.stderr]) stream.setEncoding("utf8").on("data", (chunk: string) => this.log(`flylint lint worker: ${chunk.trimEnd()}`));
    worker.on("message", (reply: LintReply) => this.answered(worker, reply));
    worker.on("error", (error) => this.died(worker, `the lint worker crashed: ${oneLineReason(error)}`, logText(error)));
    worker.on("messageerror", (error) => this.died(worker, `the lint worker's answer could not be read: ${oneLineReason(error)}`, logText(error)));
    worker.on("exit", (code) => this.died(worker, `the lint worker exited with code ${code}`, `the lint worker exited with code ${code}`));
    this.log(`flylint: started a lint worker thread for large documents (${this.script})`);
    return worker;
  }

  private answered(worker: Worker, reply: LintReply): void {
    if (worker !== this.worker || !this.pending || reply.ticket !== this.pending.request.ticket) return;
    const { done } = this.pending;
    this.pending = undefined;
    done(reply);
  }

  /** Forgets a worker that is gone, answering its request as failed; later events of that worker are ignored. */
  private died(worker: Worker | undefined, reason: string, detail: string): void {
    if (worker !== this.worker) return;
    this.worker = undefined;
    if (worker) void worker.terminate().catch(() => undefined);
    const pending = this.pending;
    this.pending = undefined;
    if (pending) pending.done({ ticket: pending.request.ticket, failure: { reason, detail }, milliseconds: 0 });
  }
}

/** The semi-space size, in MiB, of the worker's young generation (V8's default for a 64-bit process is 16). */
export const WORKER_SEMI_SPACE_MIB = 32;

/** Documents from this many characters up start the worker with LARGE_DOCUMENT_SEMI_SPACE_MIB. */
export const LARGE_DOCUMENT_CHARACTERS = 512 * 1024;
export const LARGE_DOCUMENT_SEMI_SPACE_MIB = 64;

/**
 * The worker's semi-space size for the document that starts it. A lint allocates about 80 bytes per
 * character of text (78 MB for a 1 MB config, sampled with the heap profiler) while the document's tree
 * it builds stays alive: with 32 MiB semi-spaces a 1 MB lint was scavenged three times, copying that tree
 * each time. 64 MiB made the first keystrokes after opening a 1 MB config 100-130 ms faster (edit 1:
 * 348-447 ms vs 495-652 in five alternated runs of the worker alone; the server's p95 over 15 edits
 * 463-539 vs 561-648 ms in five alternated runs of scripts/bench/lsp-latency.mjs), for about 70-110 MB
 * more peak RSS while it is open. A 100 KB document gained nothing from it (its p95 was no better in six
 * alternated runs) and would only hold more garbage, so smaller documents keep 32 MiB. The worker keeps
 * its size for later documents; it is stopped when no open document needs it.
 */
export function workerSemiSpaceMiB(textLength: number): number {
  return textLength >= LARGE_DOCUMENT_CHARACTERS ? LARGE_DOCUMENT_SEMI_SPACE_MIB : WORKER_SEMI_SPACE_MIB;
}

/**
 * Starts a worker whose young generation is sized for large documents (`workerSemiSpace` MiB semi-spaces), not the server's 1 MiB.
 * bin/flylint.cjs starts the server with --max-semi-space-size=1, which keeps its own heap small over a
 * long editor session, and V8 flags are the process's: without this the worker got 1 MiB semi-spaces too.
 * A 100 KB lint allocates about 15 MB while the document it holds stays alive, so 1 MiB semi-spaces
 * scavenged it a dozen times per lint, copying the live document each time: 35% of the worker's time
 * (`node --cpu-prof`). With 32 MiB a 100 KB keystroke's p50 went from 58-73 ms to 39-44 ms, and 1 MB
 * from 660-775 ms to 530-590 ms (scripts/bench/lsp-latency.mjs), for up to 64 MiB more memory while a
 * large document is open. The young generation starts at that size too: grown from V8's 1 MiB, the first
 * lints were scavenged a dozen times each, which promoted their documents to the old generation, and
 * collecting that made the 5th to 8th keystroke in a 100 KB document 50-80 ms instead of 20-35 (the p95
 * over 50 keystrokes went from 52-75 to 45-50 ms in alternated runs). V8 reads the flags when it configures a new isolate's
 * heap (and a Worker's resourceLimits lose to them), so they are set for the worker's start and put back
 * once the worker is running; the server's own heap, configured at its start, keeps its size.
 */
export function withWorkerYoungGeneration(start: () => Worker, execArgv: readonly string[] = process.execArgv, workerSemiSpace = WORKER_SEMI_SPACE_MIB): Worker {
  const serverSemiSpace = semiSpaceMiB(execArgv);
  if (serverSemiSpace === undefined || serverSemiSpace >= workerSemiSpace) return start();
  // The server has one lint thread, so one worker starts at a time; were two to overlap, both would get the first's size.
  if (workersStarting++ === 0) setFlagsFromString(`--max-semi-space-size=${workerSemiSpace} --min-semi-space-size=${workerSemiSpace}`);
  let configuring = true;
  // Once the worker runs JavaScript its heap is configured; one that exits first never will be. (The
  // server is never started with a minimum: 0 is V8's "its own default".)
  const configured = () => {
    if (!configuring) return;
    configuring = false;
    if (--workersStarting === 0) setFlagsFromString(`--max-semi-space-size=${serverSemiSpace} --min-semi-space-size=0`);
  };
  let worker: Worker;
  try {
    worker = start();
  } catch (error) {
    configured();
    throw error;
  }
  worker.once("online", configured);
  worker.once("exit", configured);
  return worker;
}

/** Workers started whose heap V8 has not configured yet: the flag stays raised until there are none. */
let workersStarting = 0;

/** The --max-semi-space-size among a process's flags (bin/flylint.cjs gives the server 1), if any. */
function semiSpaceMiB(execArgv: readonly string[]): number | undefined {
  for (const flag of execArgv) {
    const size = /^--max-semi-space-size=(\d+)$/.exec(flag)?.[1];
    if (size !== undefined) return Number(size);
  }
  return undefined;
}
