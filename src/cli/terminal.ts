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

function writeTo(fd: 1 | 2, text: string): void {
  if (text === "") return;
  if (streamed.has(fd)) {
    streamOf(fd).write(text);
    return;
  }
  const data = Buffer.from(text, "utf8");
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
      stream.write(data.subarray(written));
      return;
    }
  }
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
