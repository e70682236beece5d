import type { StructuredPatchHunk } from "diff";
import { relative, resolve, sep } from "node:path";
import { discoverConfigFiles, FileAccessError, type DiscoverOptions } from "../files/discover.js";
import { readRegularFile } from "../files/read.js";
import { writeConfigFile as writeConfigFileContent } from "../files/write.js";
import { DIFF_BUDGET, lineChanges, type LineChange } from "../text/line-diff.js";
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

/**
 * A config's text; only a regular file is read (`listedAsFile`: a search just listed it as one, see
 * readRegularFile). The search removed stale temporary files next to it.
 */
export function readConfigFile(path: string, listedAsFile = false): string {
  try {
    return readRegularFile(path, listedAsFile);
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

/** Lines of context around each change: the diff package's default, which flylint's diffs have always had (git writes 3). */
const DIFF_CONTEXT = 4;

/** Hunks of line changes as the diff package makes them: changes with context, merged when their context meets. */
function hunksOf(changes: readonly LineChange[]): StructuredPatchHunk[] {
  const ops = changes.flatMap((change) => change.value.map((line) => ({ op: change.added ? "+" : change.removed ? "-" : " ", line })));
  const hunks: StructuredPatchHunk[] = [];
  const changed = ops.flatMap((op, index) => (op.op === " " ? [] : [index]));
  let oldLine = 1;
  let newLine = 1;
  let index = 0;
  for (let group = 0; group < changed.length; ) {
    let last = group;
    while (last + 1 < changed.length && (changed[last + 1] as number) - (changed[last] as number) - 1 <= 2 * DIFF_CONTEXT) last++;
    const from = Math.max(index, (changed[group] as number) - DIFF_CONTEXT);
    const to = Math.min(ops.length, (changed[last] as number) + 1 + DIFF_CONTEXT);
    for (; index < from; index++) {
      oldLine++;
      newLine++;
    }
    const hunk: StructuredPatchHunk = { oldStart: oldLine, oldLines: 0, newStart: newLine, newLines: 0, lines: [] };
    for (; index < to; index++) {
      const { op, line } = ops[index] as { op: string; line: string };
      if (op !== "+") (hunk.oldLines++, oldLine++);
      if (op !== "-") (hunk.newLines++, newLine++);
      hunk.lines.push(op + (line.endsWith("\n") ? line.slice(0, -1) : line));
      if (!line.endsWith("\n")) hunk.lines.push("\\ No newline at end of file");
    }
    hunks.push(hunk);
    group = last + 1;
  }
  return hunks;
}

/**
 * The unified diff of a file's two texts, as git shows it; the diff package is loaded only when one is
 * printed. The lines are diffed within a budget, a piece at a time past it (src/text/line-diff.ts), so the
 * time stays linear in the size of the file; the hunks are the package's own for a diff within budget.
 */
export async function unifiedDiff(path: string, before: string, after: string, budget = DIFF_BUDGET): Promise<string> {
  const { diffArrays, formatPatch } = await import("diff");
  const name = displayPath(path);
  const hunks = hunksOf(lineChanges((a, b, options) => diffArrays(a, b, options), before, after, budget));
  return formatPatch({ oldFileName: `a/${name}`, newFileName: `b/${name}`, oldHeader: "", newHeader: "", hunks }, { includeIndex: false, includeUnderline: false, includeFileHeaders: true });
}
