import { resolve } from "node:path";
import type { Worker as WorkerThread } from "node:worker_threads";
import { ConfigError } from "../config/project-config.js";
import { FatalError, readConfigFile } from "./io.js";
import { processNamed, Runner, type FileOutcome, type RunOptions } from "./lint-file.js";

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

/** The cores Node may use; node:os is loaded only for a run over many files. */
function coreCount(): number {
  return (require("node:os") as typeof import("node:os")).availableParallelism();
}

/** What a worker is given: the run's options, the files, and the shared counter the threads take files from. */
interface WorkerInput {
  options: RunOptions;
  files: string[];
  next: SharedArrayBuffer;
}

/** A failure while linting a file, as it crosses threads: the main thread throws it again at that file's turn. */
interface CarriedError {
  kind: "fatal" | "config";
  message: string;
}

type WorkerMessage = { index: number; outcome: FileOutcome } | { index: number; error: CarriedError } | { unexpected: string };

function carried(error: unknown): CarriedError | undefined {
  if (error instanceof FatalError) return { kind: "fatal", message: error.message };
  if (error instanceof ConfigError) return { kind: "config", message: error.message };
  return undefined;
}

function rethrown(error: CarriedError): Error {
  return error.kind === "fatal" ? new FatalError(error.message) : new ConfigError(error.message);
}

/** The next file index no thread has taken yet (every thread counts on the same shared integer). */
function takeIndex(next: Int32Array): number {
  return Atomics.add(next, 0, 1);
}

/** Reads and lints one file as the sequential run does: a failure is kept for the file, not thrown past it. */
function lintOne(runner: Runner, file: string): { outcome: FileOutcome } | { error: CarriedError } {
  try {
    return { outcome: processNamed(runner, file, readConfigFile(file)) };
  } catch (error) {
    const known = carried(error);
    if (!known) throw error;
    return { error: known };
  }
}

/**
 * The outcome of every file, in the order given. With workers, every thread (this one too) takes the next
 * file from a shared counter until none is left, so a slow file holds up no one; outcomes are put back in
 * order, and the first failure in file order is thrown, as a one-thread run would throw it.
 */
export async function lintFiles(runner: Runner, options: RunOptions, files: readonly string[]): Promise<FileOutcome[]> {
  const count = workerCount(files.length);
  if (count === 0) return files.map((file) => processNamed(runner, file, readConfigFile(file)));
  const { Worker } = require("node:worker_threads") as typeof import("node:worker_threads");
  const next = new SharedArrayBuffer(4);
  const input: WorkerInput = { options, files: [...files], next };
  const results: ({ outcome: FileOutcome } | { error: CarriedError } | undefined)[] = new Array(files.length);
  const workers: Promise<void>[] = [];
  for (let i = 0; i < count; i++) workers.push(runWorker(new Worker(resolve(__dirname, "../bin/flylint.cjs"), { argv: [LINT_WORKER_ARGUMENT], workerData: input, stdout: false, stderr: false }), results));
  const counter = new Int32Array(next);
  for (let index = takeIndex(counter); index < files.length; index = takeIndex(counter)) results[index] = lintOne(runner, files[index] as string);
  await Promise.all(workers);
  return results.map((result, index) => {
    if (result === undefined) throw new Error(`no lint worker returned ${files[index]}`);
    if ("error" in result) throw rethrown(result.error);
    return result.outcome;
  });
}

function runWorker(worker: WorkerThread, results: ({ outcome: FileOutcome } | { error: CarriedError } | undefined)[]): Promise<void> {
  return new Promise((done, failed) => {
    let unexpected: string | undefined;
    worker.on("message", (message: WorkerMessage) => {
      if ("unexpected" in message) unexpected = message.unexpected;
      else results[message.index] = "error" in message ? { error: message.error } : { outcome: message.outcome };
    });
    worker.on("error", (error) => failed(error));
    worker.on("exit", (code) => (unexpected !== undefined || code !== 0 ? failed(new Error(unexpected ?? `a lint worker exited with code ${code}`)) : done()));
  });
}

/** A lint worker's whole life: take files from the shared counter, lint each, send each outcome back. */
export function serveLintWorker(): void {
  const { parentPort, workerData } = require("node:worker_threads") as typeof import("node:worker_threads");
  const input = workerData as WorkerInput;
  const runner = new Runner(input.options, true);
  const counter = new Int32Array(input.next);
  try {
    for (let index = takeIndex(counter); index < input.files.length; index = takeIndex(counter)) {
      parentPort?.postMessage({ index, ...lintOne(runner, input.files[index] as string) } satisfies WorkerMessage);
    }
  } catch (error) {
    parentPort?.postMessage({ unexpected: error instanceof Error ? error.message : String(error) } satisfies WorkerMessage);
  }
}
