import { dirname, relative, resolve, sep } from "node:path";
import { discoverConfigFiles, FileAccessError, type DiscoverOptions } from "../files/discover.js";
import { readRegularFile, readRegularFileIfPresent } from "../files/read.js";
import { writeConfigFile as writeConfigFileContent } from "../files/write.js";
import { writeErr } from "./terminal.js";

/** Exit codes, as ESLint and Ruff use them; the same in every command. */
export const EXIT_OK = 0;
export const EXIT_ERRORS = 1;
export const EXIT_FAILURE = 2;

/** A failure that ends the run with a one-line message and exit code 2 (unreadable file, bad config). */
export class FatalError extends Error {}

export function fail(message: string): never {
  throw new FatalError(message);
}

export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : error instanceof Error ? error.message : String(error);
}

export function displayPath(path: string): string {
  return relative(process.cwd(), path) || path;
}

/**
 * Reads regular files next to a config (the Dockerfile): a missing one, a folder or a fifo reads as absent.
 * Each file is read once per config, however many rules ask for it (two rules read the Dockerfile).
 */
export function siblingReader(configPath: string): (relativePath: string) => string | undefined {
  const read = new Map<string, string | undefined>();
  return (relativePath) => {
    const path = resolve(dirname(configPath), relativePath);
    if (!read.has(path)) read.set(path, readRegularFileIfPresent(path));
    return read.get(path);
  };
}

/**
 * The configs the paths name (see discoverConfigFiles); a path the search cannot use ends the run with one
 * line, and so does a folder with no fly config in it: as in ESLint, a wrong path in CI must not pass silently.
 */
export function findConfigFiles(paths: readonly string[], options: DiscoverOptions = {}): string[] {
  let found: string[];
  try {
    found = discoverConfigFiles(paths, process.cwd(), options);
  } catch (error) {
    if (error instanceof FileAccessError) fail(error.message);
    throw error;
  }
  const empty = folderWithoutConfigs(paths.length > 0 ? paths : ["."], found);
  if (empty !== undefined) fail(`no fly.toml or fly.*.toml found in ${empty} (.gitignore'd folders, node_modules and .git are not searched)`);
  return found;
}

/** The first of the paths that holds none of the found files (a named file is always found). */
function folderWithoutConfigs(paths: readonly string[], found: readonly string[]): string | undefined {
  return paths.find((given) => {
    const folder = resolve(given);
    return !found.some((file) => file === folder || file.startsWith(folder.endsWith(sep) ? folder : `${folder}${sep}`));
  });
}

/**
 * The found files that no flylint.json ignores. A file named on the command line that is ignored gets a
 * line on stderr, as ESLint does, so nobody takes its silence for a pass; found in a folder, it is just skipped.
 */
export function withoutIgnored(found: readonly string[], paths: readonly string[], ignoredBy: (file: string) => string | undefined): string[] {
  const named = new Set(paths.map((given) => resolve(given)));
  return found.filter((file) => {
    const config = ignoredBy(file);
    if (config === undefined) return true;
    if (named.has(file)) writeErr(`flylint: ${displayPath(file)} is ignored by "ignore" in ${displayPath(config)}, so it was not linted\n`);
    return false;
  });
}

/** A config's text; only a regular file is read. (The search removed stale temporary files next to it.) */
export function readConfigFile(path: string): string {
  try {
    return readRegularFile(path);
  } catch (error) {
    return fail(`cannot read ${displayPath(path)}: ${errorCode(error)}`);
  }
}

/** Writes a config's new content (see writeConfigFile in src/files/write.ts); a failure ends the run with one line. */
export function writeConfigFile(path: string, content: string): void {
  try {
    writeConfigFileContent(path, content);
  } catch (error) {
    fail(`cannot write ${displayPath(path)}: ${errorCode(error)}`);
  }
}

/** A unified diff of a file's change, as git shows it; the diff package is loaded only when one is printed. */
export async function unifiedDiff(path: string, before: string, after: string): Promise<string> {
  const { createTwoFilesPatch } = await import("diff");
  const name = displayPath(path);
  return createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, "", "", { headerOptions: { includeIndex: false, includeUnderline: false, includeFileHeaders: true } });
}
