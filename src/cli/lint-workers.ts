import { resolve } from "node:path";
import type { MessagePort, Worker as WorkerThread } from "node:worker_threads";
import { ConfigError } from "../config/project-config.js";
import type { SeenFile } from "../files/read.js";
import { FatalError, readConfigFile } from "./io.js";
import { processNamed, reportParts, Runner, type FileOutcome, type FileSettings, type RunOptions } from "./lint-file.js";

/**
 * Linting many files on every core. A lint worker is a thread running the CLI bundle itself (through
 * bin/flylint.cjs, so it starts from V8's code cache) with this flag as its only argument; starting one
 * costs about as much as linting a dozen files, so a run over fewer files than this never starts one.
 */
export const LINT_WORKER_ARGUMENT = "--flylint-lint-worker";
const filesPerWorker = 48;

/** How many worker threads a run over `fileCount` files starts: none for few files or one core, else one per spare core. */
export function workerCount(fileCount: number, cores?: number): number {
  if (process.env["FLYLINT_WORKERS"] !== undefined) return Math.max(0, Math.min(Number(process.env["FLYLINT_WORKERS"]) || 0, fileCount));
  if (fileCount < filesPerWorker) return 0;
  return Math.max(0, Math.min((cores ?? coreCount()) - 1, Math.floor(fileCount / filesPerWorker)));
}

let availableCores: number | undefined;

/** The cores Node may use, asked once (the search asks at every file it finds); node:os is loaded only for a run over many files. */
function coreCount(): number {
  availableCores ??= (require("node:os") as typeof import("node:os")).availableParallelism();
  return availableCores;
}

/**
 * V8 optimizes a function with TurboFan once it has run for this much bytecode (its "interrupt budget";
 * V8's default is 132 KiB). A run over many small files calls hundreds of functions just often enough for
 * that, and their TurboFan compiles (up to 60 ms each, on background threads) took more CPU than the run
 * gained: on 1,415 real configs they kept the second core busy, so a lint worker there made the run no
 * faster. Eight times the budget leaves them to the interpreter and Sparkplug and optimizes what stays hot
 * (1.35 s -> 1.0 s wall, 2.5 s -> 1.7 s CPU, with one worker; a folder of 48 configs of 100 KB gains too).
 * One file, however large, keeps V8's default: its few hot loops want TurboFan early.
 */
const manyFilesInterruptBudget = 8 * 132 * 1024;

/**
 * Raises the budget for the rest of the process (V8 flags are process-wide). Only once every worker has
 * compiled its bundle: V8 rejects a code cache made under other flags, and a worker would then compile the
 * bundle from source.
 */
function raiseInterruptBudget(): void {
  (require("node:v8") as typeof import("node:v8")).setFlagsFromString(`--interrupt-budget=${manyFilesInterruptBudget}`);
}

/** Shared by every thread of a run: [0] the next file to take, [1] how many workers have compiled their bundle. */
const NEXT_FILE = 0;
const WORKERS_READY = 1;

/** What a worker is given as it starts: the run's options and the counters the threads share (the files come later, by message). */
interface WorkerInput {
  options: RunOptions;
  counters: SharedArrayBuffer;
  /** Where the worker sends its outcomes: the main thread takes them off it between its own files (drain). */
  outcomes: MessagePort;
}

/**
 * The files of the run, sent to every worker once the search has found them all, with what each is linted
 * with (`settings[settingsOf[i]]` for `files[i]`): the main thread looked every file's config files up
 * already, to leave out the ignored ones.
 */
interface WorkerFiles {
  files: string[];
  settings: FileSettings[];
  settingsOf: number[];
  /** What the search saw of each file (its folder's names, shared by the files beside it, cross once). */
  seen: (SeenFile | undefined)[];
}

/** A failure while linting a file, as it crosses threads: the main thread throws it again at that file's turn. */
interface CarriedError {
  kind: "fatal" | "config";
  message: string;
}

/** A file's outcome, or the failure kept for it. */
type WorkerMessage = ({ index: number } & Outcome) | { unexpected: string };

/** Makes a file's part of the report (reportParts), when the run's format has parts. */
type PartOf = ((outcome: FileOutcome) => string | undefined) | undefined;

function carried(error: unknown): CarriedError | undefined {
  if (error instanceof FatalError) return { kind: "fatal", message: error.message };
  if (error instanceof ConfigError) return { kind: "config", message: error.message };
  return undefined;
}

function rethrown(error: CarriedError): Error {
  return error.kind === "fatal" ? new FatalError(error.message) : new ConfigError(error.message);
}

/** The next file index no thread has taken yet (every thread counts on the same shared integer). */
function takeIndex(counters: Int32Array): number {
  return Atomics.add(counters, NEXT_FILE, 1);
}

/**
 * Reads and lints one file as the sequential run does, and makes its part of the report (each thread
 * formats the files it linted): a failure is kept for the file, not thrown past it.
 */
function lintOne(runner: Runner, partOf: PartOf, file: string, settings?: FileSettings, seen?: SeenFile): Outcome {
  try {
    const outcome = readAndProcess(runner, file, settings, seen);
    const part = partOf?.(outcome);
    return { outcome: part === undefined ? outcome : { ...outcome, part } };
  } catch (error) {
    const known = carried(error);
    if (!known) throw error;
    return { error: known };
  }
}

type Outcome = { outcome: FileOutcome } | { error: CarriedError };

/** Reads one file (asking less of one the search `seen`) and lints it, as every thread does. */
function readAndProcess(runner: Runner, file: string, settings?: FileSettings, seen?: SeenFile): FileOutcome {
  return processNamed(runner, file, readConfigFile(file, seen?.listedAsFile), settings, seen);
}

/**
 * The lint workers of a run, started while the search is still finding files: as soon as it has found
 * enough for one (`found`), a worker starts up (about 70 ms: its isolate, the bundle from the code cache,
 * the rules) while the search goes on, instead of after it, with the other core idle meanwhile. Until it
 * is given the files a worker keeps nothing alive (unref), so a search that fails ends the run as before.
 */
export class LintPool {
  private readonly workers: WorkerThread[] = [];
  private readonly running: Promise<void>[] = [];
  private readonly outcomePorts: MessagePort[] = [];
  private readonly counters = new Int32Array(new SharedArrayBuffer(8));
  private results: (Outcome | undefined)[] = [];
  private unexpected: string | undefined;
  /** How many files have an outcome, from this thread or a worker. */
  private received = 0;
  /** node:worker_threads' receiveMessageOnPort, once a worker was started. */
  private receive: typeof import("node:worker_threads").receiveMessageOnPort | undefined;

  constructor(private readonly options: RunOptions) {}

  /** What the search saw of the files it found in folders (SeenFile): reading them then asks less. */
  private readonly seen = new Map<string, SeenFile>();

  /** The search has found `count` files so far, the last `file` (seen so): start the workers a run over that many files has. */
  found(count: number, file?: string, seen?: SeenFile): void {
    if (file !== undefined && seen) this.seen.set(file, seen);
    const wanted = workerCount(count);
    if (this.workers.length >= wanted) return;
    const { MessageChannel, receiveMessageOnPort, Worker } = require("node:worker_threads") as typeof import("node:worker_threads");
    this.receive = receiveMessageOnPort;
    while (this.workers.length < wanted) {
      const channel = new MessageChannel();
      const input: WorkerInput = { options: this.options, counters: this.counters.buffer as SharedArrayBuffer, outcomes: channel.port2 };
      const worker = new Worker(resolve(__dirname, "../bin/flylint.cjs"), { argv: [LINT_WORKER_ARGUMENT], workerData: input, transferList: [channel.port2], stdout: false, stderr: false });
      const running = watch(worker);
      // After the listeners: adding one can ref the worker again.
      worker.unref();
      // Awaited by lint(); a worker that fails before it (the search failed and the run ended) is no one's concern.
      running.catch(() => {});
      this.workers.push(worker);
      this.running.push(running);
      this.outcomePorts.push(channel.port1);
    }
  }

  /**
   * The outcome of every file, in the order given. With workers, every thread (this one too) takes the
   * next file from a shared counter until none is left, so a slow file holds up no one; outcomes are put
   * back in order, and the first failure in file order is thrown, as a one-thread run would throw it.
   */
  async lint(runner: Runner, files: readonly string[]): Promise<FileOutcome[]> {
    this.found(files.length);
    const count = this.workers.length;
    if (count === 0) {
      if (files.length >= filesPerWorker) raiseInterruptBudget();
      return files.map((file) => readAndProcess(runner, file, undefined, this.seen.get(file)));
    }
    this.results = new Array(files.length);
    const given = filesWithSettings(runner, files, this.seen);
    for (const worker of this.workers) {
      worker.ref();
      worker.postMessage(given);
    }
    const partOf = reportParts(this.options);
    let budgetRaised = false;
    for (let index = takeIndex(this.counters); index < files.length; index = takeIndex(this.counters)) {
      if (!budgetRaised && Atomics.load(this.counters, WORKERS_READY) === count) {
        raiseInterruptBudget();
        budgetRaised = true;
      }
      const file = files[index] as string;
      this.results[index] = lintOne(runner, partOf, file, undefined, this.seen.get(file));
      this.received++;
      this.drain();
    }
    await this.rest();
    if (this.unexpected !== undefined) throw new Error(this.unexpected);
    return this.results.map((result, index) => {
      if (result === undefined) throw new Error(`no lint worker returned ${files[index]}`);
      if ("error" in result) throw rethrown(result.error);
      return result.outcome;
    });
  }

  /**
   * Takes the outcomes the workers have sent so far, synchronously, between this thread's own files: each
   * is deserialized while the workers go on linting, rather than all of them once this thread is done
   * (as messages to the Worker would be, waiting for the event loop): that was 20-40 ms after the last lint.
   */
  private drain(): void {
    const receiveMessageOnPort = this.receive;
    if (receiveMessageOnPort === undefined) return;
    for (const port of this.outcomePorts) {
      for (let received = receiveMessageOnPort(port); received !== undefined; received = receiveMessageOnPort(port)) {
        this.take(received.message as WorkerMessage);
      }
    }
  }

  private take(message: WorkerMessage): void {
    if ("unexpected" in message) {
      this.unexpected ??= message.unexpected;
      return;
    }
    this.results[message.index] = message;
    this.received++;
  }

  /**
   * Once this thread has no file left: the outcomes the workers are still making, as they come. Every
   * file's outcome in, the run goes on without waiting for the workers to exit (tearing one down took
   * 20-30 ms), and they no longer keep it alive. A worker that fails or stops unexpectedly fails the run.
   */
  private rest(): Promise<void> {
    const complete = () => this.received >= this.results.length || this.unexpected !== undefined;
    const finish = () => {
      for (const port of this.outcomePorts) port.removeAllListeners("message").close();
      for (const worker of this.workers) worker.unref();
    };
    if (complete()) {
      finish();
      return Promise.resolve();
    }
    return new Promise((done, failed) => {
      const check = () => {
        if (!complete()) return;
        finish();
        done();
      };
      for (const port of this.outcomePorts) {
        port.on("message", (message: WorkerMessage) => {
          this.take(message);
          check();
        });
      }
      // A worker that ends before every outcome is in: anything it sent is on its port by then.
      Promise.all(this.running).then(() => {
        this.drain();
        if (!complete()) this.unexpected ??= "a lint worker ended before returning every file";
        check();
      }, (error: unknown) => {
        finish();
        failed(error);
      });
    });
  }
}

/** The files and what each is linted with, each config's settings once, and what the search saw of each. */
function filesWithSettings(runner: Runner, files: readonly string[], seen: ReadonlyMap<string, SeenFile>): WorkerFiles {
  const settings: FileSettings[] = [];
  const numbers = new Map<FileSettings, number>();
  const settingsOf = files.map((file) => {
    const own = runner.settingsFor(file);
    let number = numbers.get(own);
    if (number === undefined) {
      number = settings.push(own) - 1;
      numbers.set(own, number);
    }
    return number;
  });
  return { files: [...files], settings, settingsOf, seen: files.map((file) => seen.get(file)) };
}

/** Until a worker exits: with 0 it is done, otherwise the run fails. */
function watch(worker: WorkerThread): Promise<void> {
  return new Promise((done, failed) => {
    worker.on("error", (error) => failed(error));
    worker.on("exit", (code) => (code !== 0 ? failed(new Error(`a lint worker exited with code ${code}`)) : done()));
  });
}

/** A lint worker's whole life: start up, wait for the files, take them from the shared counter, lint each, send each outcome back. */
export function serveLintWorker(): void {
  const { parentPort, workerData } = require("node:worker_threads") as typeof import("node:worker_threads");
  const input = workerData as WorkerInput;
  const runner = new Runner(input.options, true);
  const counters = new Int32Array(input.counters);
  // This thread's bundle is compiled (from the code cache) by now: the main thread may change V8's flags.
  Atomics.add(counters, WORKERS_READY, 1);
  const outcomes = input.outcomes;
  const partOf = reportParts(input.options);
  parentPort?.once("message", ({ files, settings, settingsOf, seen }: WorkerFiles) => {
    try {
      for (let index = takeIndex(counters); index < files.length; index = takeIndex(counters)) {
        outcomes.postMessage({ index, ...lintOne(runner, partOf, files[index] as string, settings[settingsOf[index] as number], seen[index]) } satisfies WorkerMessage);
      }
    } catch (error) {
      outcomes.postMessage({ unexpected: error instanceof Error ? error.message : String(error) } satisfies WorkerMessage);
    }
  });
}
