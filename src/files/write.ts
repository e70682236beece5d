import {
  accessSync,
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  lstatSync,
  openSync,
  readdirSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileKind, NotRegularFileError } from "./read.js";

/** A file flylint may not change; the message is the problem, the caller names the file. */
export class ReadOnlyFileError extends Error {}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/**
 * The temporary file a write goes through: hidden, next to the file, named after it and after the
 * process writing it (`.fly.toml.flylint-<pid>-<ms>.tmp`), so a later run can tell a stale one.
 */
export function temporaryPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.flylint-${process.pid}-${Date.now()}.tmp`);
}

const temporaryName = /^\.(.+)\.flylint-(\d+)-\d+\.tmp$/;

/** Whether a file name is one of flylint's temporary files (temporaryPathFor), whoever left it. */
export function isTemporaryName(name: string): boolean {
  return temporaryName.test(name);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists, it is someone else's.
    return codeOf(error) === "EPERM";
  }
}

/**
 * Removes the temporary files a flylint process that no longer runs (killed mid-write) left next to
 * `path` (or next to its target, for a symlink). Best effort: a folder that cannot be listed or
 * changed keeps them, and nothing else is touched.
 */
export function removeStaleTemporaries(path: string): void {
  let target: string;
  let names: string[];
  try {
    target = realpathSync(path);
    names = readdirSync(dirname(target));
  } catch {
    return;
  }
  for (const name of names) {
    const match = temporaryName.exec(name);
    if (!match || match[1] !== basename(target)) continue;
    const pid = Number(match[2]);
    if (pid === process.pid || isRunning(pid)) continue;
    const temporary = join(dirname(target), name);
    try {
      if (lstatSync(temporary).isFile()) unlinkSync(temporary);
    } catch {
      // Gone already, or the folder is not ours to change.
    }
  }
}

function writeAll(fd: number, data: Buffer): void {
  for (let written = 0; written < data.length; ) written += writeSync(fd, data, written, data.length - written, written);
}

/**
 * Whether the current user may not write the file. Root may write anything, so for root the mode
 * decides: a file without any write bit (mode 444) was made read-only on purpose, and stays as it is.
 */
function isReadOnly(target: string, stats: Stats): boolean {
  if (process.getuid?.() === 0) return (stats.mode & 0o222) === 0;
  try {
    accessSync(target, constants.W_OK);
    return false;
  } catch (error) {
    if (codeOf(error) === "EACCES" || codeOf(error) === "EPERM") return true;
    throw error;
  }
}

/**
 * Replaces a file's content atomically: the new text goes to a temporary file in the same folder,
 * given the file's owner, group and mode, which then takes the file's place, so a reader (or a kill)
 * never leaves half a file. A symlink is written through to its target rather than replaced.
 */
export function writeFileAtomically(path: string, content: string): void {
  const target = realpathSync(path);
  const stats = statSync(target);
  const temporary = temporaryPathFor(target);
  let fd: number | undefined;
  try {
    fd = openSync(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
    writeAll(fd, Buffer.from(content, "utf8"));
    const created = fstatSync(fd);
    // Owner first: chown clears set-id bits, the chmod after it puts them back.
    if (created.uid !== stats.uid || created.gid !== stats.gid) fchownSync(fd, stats.uid, stats.gid);
    fchmodSync(fd, stats.mode & 0o7777);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, target);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temporary);
    } catch {
      // Nothing was created, or it is already gone.
    }
    throw error;
  }
}

/** Overwrites a file's content through the file itself, so every hard link to it sees the new text. */
function writeInPlace(target: string, content: string): void {
  const fd = openSync(target, constants.O_WRONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile()) throw new NotRegularFileError(target, fileKind(opened));
    const data = Buffer.from(content, "utf8");
    // Write, then cut: a kill in between leaves the new text with the old tail, never an empty file.
    writeAll(fd, data);
    ftruncateSync(fd, data.length);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Gives a config file new content, as --fix and migrate do:
 * - a read-only file (no write permission; for root, no write bit) is not written: ReadOnlyFileError;
 * - a file with several hard links is updated in place (written and truncated through the file
 *   itself), so its links stay one file; this is not atomic, and a kill mid-write can leave it mixed;
 * - any other file is replaced atomically (writeFileAtomically), keeping its mode, owner and group;
 *   when the folder takes no new file or the new file cannot be given the owner (a user fixing a file
 *   of another user's it may write), it is updated in place instead, which keeps them too.
 */
export function writeConfigFile(path: string, content: string): void {
  const target = realpathSync(path);
  const stats = statSync(target);
  if (!stats.isFile()) throw new NotRegularFileError(target, fileKind(stats));
  if (isReadOnly(target, stats)) {
    throw new ReadOnlyFileError(`the file is read-only (mode ${(stats.mode & 0o777).toString(8).padStart(3, "0")}); make it writable to let flylint change it`);
  }
  if (stats.nlink > 1) return writeInPlace(target, content);
  try {
    writeFileAtomically(target, content);
  } catch (error) {
    if (codeOf(error) !== "EACCES" && codeOf(error) !== "EPERM") throw error;
    writeInPlace(target, content);
  }
}
