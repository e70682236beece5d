import { fstatSync, statSync, writeSync } from "node:fs";

/**
 * The CLI's output, without Node's stream modules. process.stdout and process.stderr are made on first use,
 * and making one loads node:stream, node:net or fs.SyncWriteStream and a dozen internal modules: about a
 * fifth of what flylint adds to Node's own start-up, on every commit and save. flylint writes each text
 * whole, so write(2) on the descriptor does the same job. Should a descriptor be non-blocking (EAGAIN,
 * a parent's pipe set so), that descriptor's output goes through the stream from then on, which waits for
 * the reader; a reader that went away (`flylint | head`, EPIPE) ends the run quietly, as before.
 */
const streamed = new Set<1 | 2>();

function streamOf(fd: 1 | 2): NodeJS.WriteStream {
  return fd === 1 ? process.stdout : process.stderr;
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/**
 * A text at least this long, and no longer than the most that the reused buffer below holds (a longer
 * text, a whole stylish report, gets a buffer of its own size rather than three times it), is encoded into
 * that buffer rather than into a new one.
 */
const largeWrite = 1 << 16;
const scratchCharacters = 1 << 22;
/**
 * The most of the reused buffer that texts are packed into (writePacked): writes of up to 256 KB. Each page of
 * it is fresh memory to fault in the first time: the 4.5 MB report of 1,415 configs took 25 ms to pack and
 * write through 3 MB, 16.5 ms through 256 KB (in 21 writes), and no less through 128 KB (50 writes).
 */
const packedBytes = 1 << 18;
let scratch: Buffer | undefined;

/** The buffer kept for the run, at least `bytes` long. */
function scratchOf(bytes: number): Buffer {
  if (!scratch || scratch.length < bytes) scratch = Buffer.allocUnsafe(bytes);
  return scratch;
}

/**
 * A text's UTF-8 bytes. A large one goes into one buffer kept for the run: a new buffer per text is fresh
 * memory to fault in, and encoding the 26 MB JSON report of a 1 MB legacy config that way took 35-40% longer
 * (alternated runs of 26 such texts). A UTF-16 code unit is at most 3 bytes of UTF-8, so the buffer always
 * has room for what it is given.
 */
function encoded(text: string): Buffer {
  if (text.length < largeWrite || text.length > scratchCharacters) return Buffer.from(text, "utf8");
  const buffer = scratchOf(text.length * 3);
  return buffer.subarray(0, buffer.write(text, 0, "utf8"));
}

function writeTo(fd: 1 | 2, text: string): void {
  if (text === "") return;
  if (streamed.has(fd)) {
    streamOf(fd).write(text);
    return;
  }
  writeBytes(fd, encoded(text));
}

/** Bytes to a descriptor, all of them; they may be the reused buffer's, so the stream is given a copy. */
function writeBytes(fd: 1 | 2, data: Buffer): void {
  if (streamed.has(fd)) {
    streamOf(fd).write(Buffer.from(data));
    return;
  }
  for (let written = 0; written < data.length; ) {
    try {
      written += writeSync(fd, data, written, data.length - written);
    } catch (error) {
      const code = codeOf(error);
      if (code === "EPIPE") process.exit(process.exitCode ?? 0);
      if (code !== "EAGAIN") throw error;
      streamed.add(fd);
      const stream = streamOf(fd);
      stream.on("error", (streamError: NodeJS.ErrnoException) => {
        if (streamError.code === "EPIPE") process.exit(process.exitCode ?? 0);
        throw streamError;
      });
      // A copy: the stream writes it later, and the next text reuses the buffer.
      stream.write(Buffer.from(data.subarray(written)));
      return;
    }
  }
}

/**
 * Texts written one after another, as if they were one (a report's chunks): encoded end to end into the
 * buffer kept for the run, which is written through `write` whenever the next text might not fit, and at the
 * end. A report comes in chunks of a few thousand characters (text/pretty-json.ts), which V8 makes and
 * flattens in its young generation; encoding them each into a fresh buffer, or a million characters at a
 * time, was fresh memory to fault in for every chunk, and a syscall per chunk when written one by one.
 * A text that might not fit in it is written alone, encoded as writeOut encodes it.
 */
export function writePacked(texts: Iterable<string>, write: (bytes: Buffer) => void): void {
  let filled = 0;
  const flush = () => {
    if (filled > 0) write(scratchOf(packedBytes).subarray(0, filled));
    filled = 0;
  };
  for (const text of texts) {
    const most = text.length * 3;
    if (most > packedBytes) {
      flush();
      write(encoded(text));
      continue;
    }
    const buffer = scratchOf(packedBytes);
    if (filled + most > packedBytes) flush();
    filled += buffer.write(text, filled, "utf8");
  }
  flush();
}

/** Writes texts to standard output one after another, packed into large writes (writePacked). */
export function writeAllOut(texts: Iterable<string>): void {
  writePacked(texts, (bytes) => writeBytes(1, bytes));
}

/** Writes to standard output. */
export function writeOut(text: string): void {
  writeTo(1, text);
}

/** Writes to standard error. */
export function writeErr(text: string): void {
  writeTo(2, text);
}

/**
 * Whether standard output is a terminal (colors by default). Only a character device other than /dev/null
 * can be one, so pipes, files and /dev/null (how editors, hooks and CI run flylint) are told apart with a
 * stat, and Node's tty module, which loads the stream modules, is asked only about a real device.
 */
export function stdoutIsTerminal(): boolean {
  let stats;
  try {
    stats = fstatSync(1);
  } catch {
    return false;
  }
  if (!stats.isCharacterDevice() || isDevNull(stats.rdev)) return false;
  return process.stdout.isTTY === true;
}

function isDevNull(rdev: number): boolean {
  try {
    return statSync("/dev/null").rdev === rdev;
  } catch {
    return false;
  }
}
