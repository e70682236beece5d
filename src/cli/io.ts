import { existsSync, readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";

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

/** Reads files next to a config (the Dockerfile), and nothing that is not there. */
export function siblingReader(configPath: string): (relativePath: string) => string | undefined {
  return (relativePath) => {
    const path = resolve(dirname(configPath), relativePath);
    try {
      return existsSync(path) ? readFileSync(path, "utf8") : undefined;
    } catch {
      return undefined;
    }
  };
}

export function readConfigFile(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    return fail(`cannot read ${displayPath(path)}: ${errorCode(error)}`);
  }
}

/** A unified diff of a file's change, as git shows it; the diff package is loaded only when one is printed. */
export async function unifiedDiff(path: string, before: string, after: string): Promise<string> {
  const { createTwoFilesPatch } = await import("diff");
  const name = displayPath(path);
  return createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, "", "", { headerOptions: { includeIndex: false, includeUnderline: false, includeFileHeaders: true } });
}
