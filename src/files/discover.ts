import { existsSync, readdirSync, statSync, type Dirent } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import ignore, { type Ignore } from "ignore";
import { ciKindOf } from "../ci/paths.js";
import { compareNames } from "../text/compare-names.js";
import { NotRegularFileError, fileKind, readRegularFile, type SeenFile } from "./read.js";
import { isTemporaryName, removeStaleTemporaries } from "./write.js";

/** fly.toml, and per-environment configs such as fly.staging.toml (what `fly deploy -c` users name them). */
export function isFlyConfigName(name: string): boolean {
  return name === "fly.toml" || /^fly\.[^/\\]+\.toml$/.test(name);
}

const alwaysSkipped = new Set(["node_modules", ".git"]);

interface GitignoreScope {
  base: string;
  rules: Ignore;
}

/** A path the search cannot use; `message` is the one line to print (`cannot read <path>: <problem>`). */
export class FileAccessError extends Error {}

export class PathNotFoundError extends FileAccessError {
  constructor(readonly path: string) {
    super(`no such file or directory: ${path}`);
  }
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** How the search shows a path in messages: relative to the folder flylint runs in. */
type Show = (path: string) => string;

function cannotRead(shown: string, error: unknown): FileAccessError {
  return new FileAccessError(`cannot read ${shown}: ${codeOf(error) ?? (error instanceof Error ? error.message : String(error))}`);
}

function readGitignore(folder: string, show: Show): GitignoreScope | undefined {
  const file = join(folder, ".gitignore");
  let text: string;
  try {
    text = readRegularFile(file);
  } catch (error) {
    // Absent, or a folder or fifo that git would not read either; unreadable is an error, as the rules it holds matter.
    if (error instanceof NotRegularFileError || codeOf(error) === "ENOENT" || codeOf(error) === "ENOTDIR") return undefined;
    throw cannotRead(show(file), error);
  }
  return { base: folder, rules: ignore().add(text) };
}

function isIgnored(path: string, isDirectory: boolean, scopes: readonly GitignoreScope[]): boolean {
  return scopes.some((scope) => {
    const rel = relative(scope.base, path).split(sep).join("/");
    return rel !== "" && !rel.startsWith("..") && scope.rules.ignores(isDirectory ? `${rel}/` : rel);
  });
}

/** .gitignore files from the enclosing git work tree down to (not including) the folder itself. */
function ancestorScopes(folder: string, show: Show): GitignoreScope[] {
  const chain: string[] = [];
  let current = dirname(folder);
  while (true) {
    chain.unshift(current);
    if (existsSync(join(current, ".git"))) break;
    const parent = dirname(current);
    if (parent === current) return [];
    current = parent;
  }
  return chain.flatMap((dir) => readGitignore(dir, show) ?? []);
}

/**
 * Whether a folder entry named like a config is one to lint: a regular file, or a symlink to one. A
 * symlink to a fifo, socket, device or folder is skipped like the thing itself; a dangling or
 * unreadable symlink is kept, so reading it reports the problem with the path.
 */
function isConfigEntry(entry: Dirent, path: string): boolean {
  if (entry.isFile()) return true;
  if (!entry.isSymbolicLink()) return false;
  try {
    return statSync(path).isFile();
  } catch {
    return true;
  }
}

/** What a folder search collects besides fly configs: CI files (.github/workflows/*.yml, .gitlab-ci.yml), for lint. */
export interface DiscoverOptions {
  ciFiles?: boolean;
  /**
   * Told how many files the search has found so far, each time it finds one (a run starts its lint workers
   * early), and, for one found in a folder, what the listing showed of it (reading it then asks less).
   */
  onFound?: (count: number, file: string, seen: SeenFile) => void;
  /** Told the names of every folder's entries as the search lists it (the config lookup then asks only for names it saw). */
  onListed?: (folder: string, names: Iterable<string>) => void;
}

function walk(folder: string, scopes: readonly GitignoreScope[], found: string[], show: Show, options: DiscoverOptions): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch (error) {
    // An error, not a silent skip (find(1) fails too): a search that left a folder out would pass configs it never read.
    throw new FileAccessError(`cannot read ${show(folder)}${sep}: ${codeOf(error) ?? String(error)} (list the folder in .gitignore to skip it)`);
  }
  options.onListed?.(folder, entries.map((entry) => entry.name));
  const own = entries.some((entry) => entry.name === ".gitignore") ? readGitignore(folder, show) : undefined;
  // Temporary files a killed flylint left (see removeStaleTemporaries) are looked for where the listing shows
  // one, and next to a symlink's target; listing every config's folder again to find none cost a tenth of a
  // folder run.
  const hasTemporaries = entries.some((entry) => isTemporaryName(entry.name));
  const active = own ? [...scopes, own] : scopes;
  // Made for a folder the first time a config is found in it, and shared by the configs beside it.
  let siblings: ReadonlySet<string> | undefined;
  entries.sort((a, b) => compareNames(a.name, b.name));
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (alwaysSkipped.has(entry.name) || isIgnored(path, true, active)) continue;
      walk(path, active, found, show, options);
    } else if ((isFlyConfigName(entry.name) || (options.ciFiles === true && ciKindOf(path) !== undefined)) && !isIgnored(path, false, active) && isConfigEntry(entry, path)) {
      if (hasTemporaries || entry.isSymbolicLink()) removeStaleTemporaries(path);
      found.push(path);
      if (options.onFound) {
        siblings ??= new Set(entries.map((listed) => listed.name.toLowerCase()));
        options.onFound(found.length, path, { listedAsFile: entry.isFile(), siblings });
      }
    }
  }
}

/**
 * The fly configs to lint: files named on the command line as they are, and every fly.toml /
 * fly.*.toml below named folders, honouring .gitignore and skipping node_modules and .git.
 * Only regular files are configs: a fifo, socket or device named on the command line is a
 * FileAccessError, and one met in a folder is skipped. A folder or .gitignore the search cannot
 * read is a FileAccessError too. Temporary files that an earlier, killed flylint left next to a found
 * config are removed, so an interrupted --fix leaves nothing behind after the next run.
 */
export function discoverConfigFiles(paths: readonly string[], cwd: string, options: DiscoverOptions = {}): string[] {
  const show: Show = (path) => relative(cwd, path) || path;
  const found: string[] = [];
  for (const given of paths.length > 0 ? paths : ["."]) {
    const absolute = resolve(cwd, given);
    let stats;
    try {
      stats = statSync(absolute);
    } catch (error) {
      if (codeOf(error) === "ENOENT" || codeOf(error) === "ENOTDIR") throw new PathNotFoundError(given);
      throw cannotRead(given, error);
    }
    if (stats.isDirectory()) walk(absolute, ancestorScopes(absolute, show), found, show, options);
    else if (stats.isFile()) {
      removeStaleTemporaries(absolute);
      found.push(absolute);
    }
    else throw new FileAccessError(`cannot read ${given}: not a regular file (${fileKind(stats)})`);
  }
  return [...new Set(found)];
}
