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
      (this.worker ??= this.start()).postMessage(request);
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

  private start(): Worker {
    // stdout and stderr piped here: the worker's own would be this process's, and stdout carries the protocol.
    const worker = new Worker(this.script, { stdout: true, stderr: true });
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
