import { closeSync, constants, fstatSync, openSync, readFileSync } from "node:fs";

// Opening a fifo for reading blocks until a writer appears, unless O_NONBLOCK (absent on Windows, where fifos are not files).
const openFlags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * The text of a regular file, or undefined for anything else: missing, a folder (EISDIR), a fifo or
 * device (which would block the server or never end), unreadable. The file is opened before it is
 * checked, so it cannot be swapped for a fifo between the check and the read.
 */
export function readRegularFile(path: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, openFlags);
  } catch {
    return undefined;
  }
  try {
    return fstatSync(fd).isFile() ? readFileSync(fd, "utf8") : undefined;
  } catch {
    return undefined;
  } finally {
    try {
      closeSync(fd);
    } catch {
      // Nothing to do: the text, if any, is already read.
    }
  }
}
