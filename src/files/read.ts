import { closeSync, constants, fstatSync, openSync, readFileSync, statSync, type Stats } from "node:fs";
import { basename, dirname, resolve } from "node:path";

// Opening a fifo for reading blocks until a writer appears, unless O_NONBLOCK (absent on Windows, where
// fifos are not files); O_NOCTTY keeps a terminal named by mistake from becoming ours.
const openFlags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

/** What a path that is not a regular file is, for messages: "a fifo", "a folder", ... */
export function fileKind(stats: Stats): string {
  if (stats.isDirectory()) return "a folder";
  if (stats.isFIFO()) return "a fifo";
  if (stats.isSocket()) return "a socket";
  if (stats.isCharacterDevice()) return "a character device";
  if (stats.isBlockDevice()) return "a block device";
  return stats.isFile() ? "a regular file" : "not a file";
}

/** A path that exists but is not a regular file; flylint reads nothing else. */
export class NotRegularFileError extends Error {
  constructor(
    readonly path: string,
    readonly kind: string,
  ) {
    super(`not a regular file (${kind})`);
  }
}

/**
 * What a folder search saw of a config it found, so that reading it and the files beside it asks the file
 * system less: each question is a syscall, and on a folder of 1,415 configs the stat before each read and
 * the stat of each absent Dockerfile were 55 ms of a 1.6 s single-thread run.
 */
export interface SeenFile {
  /** The listing showed a regular file (not a symlink). */
  listedAsFile: boolean;
  /** The names of the entries of its folder, lowercased (a file system may not tell case apart). */
  siblings: ReadonlySet<string>;
}

/**
 * The text of a regular file. Anything else (fifo, socket, device, folder) throws NotRegularFileError
 * without being opened, so reading never blocks on a fifo nor streams /dev/zero forever; errors of the
 * file system (ENOENT, EACCES, ...) are thrown as they come. The stat before the open keeps devices
 * closed (opening one can have effects); the fstat after it catches a file swapped in between. A file a
 * search just listed as a regular file (`listedAsFile`) is opened without that stat: it would only narrow
 * the moment in which the file could be swapped, which the fstat covers.
 */
export function readRegularFile(path: string, listedAsFile = false): string {
  if (!listedAsFile) {
    const named = statSync(path);
    if (!named.isFile()) throw new NotRegularFileError(path, fileKind(named));
  }
  const fd = openSync(path, openFlags);
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile()) throw new NotRegularFileError(path, fileKind(opened));
    return readFileSync(fd, "utf8");
  } finally {
    closeSync(fd);
  }
}

/** The text of a regular file, or undefined when there is none to read (missing, a folder, a fifo, unreadable). */
export function readRegularFileIfPresent(path: string): string | undefined {
  try {
    // Most configs have no file at the path asked for: finding that out without an exception is cheaper.
    if (statSync(path, { throwIfNoEntry: false }) === undefined) return undefined;
    return readRegularFile(path);
  } catch {
    return undefined;
  }
}

/**
 * Whether a search's listing of the config's folder (`siblings`) shows that nothing is at `path`: a path in
 * that folder whose name it did not list, compared without case. A name with other than printable ASCII
 * is asked of the file system, which may have normalized it otherwise.
 */
function listedAbsent(folder: string, path: string, siblings: ReadonlySet<string>): boolean {
  const name = basename(path);
  return dirname(path) === folder && /^[\x20-\x7e]+$/.test(name) && !siblings.has(name.toLowerCase());
}

/**
 * Reads regular files next to a config (the Dockerfile): a missing one, a folder or a fifo reads as absent.
 * Each file is read once per config, however many rules ask for it (two rules read the Dockerfile). A file
 * beside the config that the search's listing (`siblings`) did not show is absent without asking.
 */
export function siblingReader(configPath: string, read: (path: string) => string | undefined = readRegularFileIfPresent, siblings?: ReadonlySet<string>): (relativePath: string) => string | undefined {
  const folder = dirname(configPath);
  const texts = new Map<string, string | undefined>();
  return (relativePath) => {
    const path = resolve(folder, relativePath);
    if (!texts.has(path)) texts.set(path, siblings !== undefined && listedAbsent(folder, path, siblings) ? undefined : read(path));
    return texts.get(path);
  };
}
