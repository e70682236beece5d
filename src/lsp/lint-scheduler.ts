import type { LintReply, LintRequest } from "./lint-job.js";

/** When a document counts as large, and is linted in the worker. */
export interface LintLimits {
  /** Longest text, in UTF-16 units, linted on the server's thread. */
  maxInlineLength: number;
  /** A document whose last lint took longer goes to the worker (back again below half of it, so it does not flap). */
  maxInlineMilliseconds: number;
  /**
   * Shorter texts stay here however long their last lint took: a garbage collection or a busy machine can
   * stretch a 60-line file's 2 ms past the limit, and that must not start a worker for it.
   */
  minWorkerLength: number;
}

// A 4 KB fly.toml lints in about 4-10 ms, 32 KB in 20-70 ms (CPU time, scripts/bench/large-configs.mjs shapes).
export const defaultLintLimits: LintLimits = { maxInlineLength: 32 * 1024, maxInlineMilliseconds: 8, minWorkerLength: 4 * 1024 };

/** A document's text to lint, and the version its diagnostics are published for. */
export interface LintJob {
  uri: string;
  version: number | undefined;
  request: Omit<LintRequest, "ticket">;
}

/** What lints off the server's thread: src/lsp/lint-thread.ts's worker, one request at a time. */
export interface LintRunner {
  run(request: LintRequest, done: (reply: LintReply) => void): void;
  /** Gives back the worker's memory when no open document needs it; a later `run` starts it again. */
  stop(): void;
}

interface DocumentState {
  /** The ticket of the latest text or result for the document; anything older is stale. */
  ticket: number;
  /** How long its last lint took, and where: what decides where the next one runs. */
  milliseconds: number;
  inWorker: boolean;
}

interface Waiting {
  job: LintJob;
  ticket: number;
}

/**
 * Decides where and when each document is linted, so that a large document never holds up the next
 * keystroke. A small document is linted at once on the server's thread: a 60-line fly.toml takes 1-2 ms,
 * and a server that only ever sees such files never starts a worker. A large one (more characters than
 * `maxInlineLength`, or more than `minWorkerLength` and its last lint slower than `maxInlineMilliseconds`)
 * goes to the lint worker. While the worker is busy, each document waits for it with its latest text
 * only: the versions typed in between are never linted. There is no timer: an edit that finds the worker
 * free is linted at once, and a burst of edits costs at most the lint under way plus one of the last text.
 *
 * Every text handed in gets a ticket; a document's answer is published only when its ticket is still the
 * document's latest, so a lint that finishes after a newer text, a close or a reopen is dropped, and no
 * editor ever gets diagnostics older than ones it already has.
 */
export class LintScheduler {
  private nextTicket = 1;
  private readonly documents = new Map<string, DocumentState>();
  /** Documents waiting for the worker, each with its latest text, in the order they came. */
  private readonly waiting = new Map<string, Waiting>();
  private running: Waiting | undefined;
  private runner: LintRunner | undefined;

  constructor(
    private readonly limits: LintLimits,
    /** Lints on the server's thread; `answer` never throws. */
    private readonly lintHere: (request: LintRequest) => LintReply,
    /** The worker, made the first time a document needs it. */
    private readonly worker: () => LintRunner,
    /** Publishes a fresh answer for a document's version. */
    private readonly settled: (job: LintJob, reply: LintReply) => void,
  ) {}

  /** How many documents the scheduler keeps anything for: what a leak of closed documents would grow. */
  get size(): number {
    return Math.max(this.documents.size, this.waiting.size);
  }

  /** A new text (or new settings) for a document: lints it now, or as soon as the worker is free. */
  lint(job: LintJob): void {
    const state = this.renew(job.uri);
    this.waiting.delete(job.uri);
    const length = job.request.text.length;
    const slow = state.milliseconds > (state.inWorker ? this.limits.maxInlineMilliseconds / 2 : this.limits.maxInlineMilliseconds);
    if (length <= this.limits.minWorkerLength || (length <= this.limits.maxInlineLength && !slow)) {
      const reply = this.lintHere({ ...job.request, ticket: state.ticket });
      const wasInWorker = state.inWorker;
      this.record(job.uri, reply, false);
      this.settled(job, reply);
      if (wasInWorker) this.stopWhenUnneeded();
      return;
    }
    this.waiting.set(job.uri, { job, ticket: state.ticket });
    this.pump();
  }

  /** Diagnostics known without linting (not a fly config, ignored, unreadable): they replace any lint under way. */
  settle(uri: string): void {
    this.renew(uri);
    this.waiting.delete(uri);
  }

  /** The document closed: nothing of it is kept, and a lint of it still running is dropped when it ends. */
  forget(uri: string): void {
    this.documents.delete(uri);
    this.waiting.delete(uri);
    this.stopWhenUnneeded();
  }

  /** Stops the worker when it has nothing to do and no open document was last linted there. */
  private stopWhenUnneeded(): void {
    if (!this.runner || this.running || this.waiting.size > 0) return;
    for (const state of this.documents.values()) if (state.inWorker) return;
    this.runner.stop();
  }

  /** A fresh ticket for a document, making every answer for it still to come stale. */
  private renew(uri: string): DocumentState {
    const state = this.documents.get(uri) ?? { ticket: 0, milliseconds: 0, inWorker: false };
    state.ticket = this.nextTicket++;
    this.documents.set(uri, state);
    return state;
  }

  private record(uri: string, reply: LintReply, inWorker: boolean): void {
    const state = this.documents.get(uri);
    // A worker that died tells nothing of how long the document takes.
    if (!state || (inWorker && "failure" in reply)) return;
    state.milliseconds = reply.milliseconds;
    state.inWorker = inWorker;
  }

  /** Hands the worker the document that has waited longest, if it is free. */
  private pump(): void {
    if (this.running) return;
    const next = this.waiting.values().next();
    if (next.done) return;
    const waiting = next.value;
    this.waiting.delete(waiting.job.uri);
    this.running = waiting;
    (this.runner ??= this.worker()).run({ ...waiting.job.request, ticket: waiting.ticket }, (reply) => {
      this.running = undefined;
      const uri = waiting.job.uri;
      this.record(uri, reply, true);
      if (this.documents.get(uri)?.ticket === waiting.ticket) this.settled(waiting.job, reply);
      this.pump();
      // The document may have closed while it was linted.
      this.stopWhenUnneeded();
    });
  }
}
