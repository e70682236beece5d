import { readFileSync } from "node:fs";
import { relative } from "node:path";
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import packageJson from "../package.json" with { type: "json" };
import { countBySeverity, type LintResult } from "./engine/diagnostic.js";
import { lintText } from "./engine/lint.js";
import { discoverConfigFiles, PathNotFoundError } from "./files/discover.js";
import { formatNames, formatters, type FormatName } from "./formatters/index.js";

/** Exit codes, as ESLint and Ruff use them. */
export const EXIT_OK = 0;
export const EXIT_ERRORS = 1;
export const EXIT_FAILURE = 2;

/** A failure that ends the run with a one-line message and exit code 2. */
class UsageOrIoError extends Error {}

function fail(message: string): never {
  throw new UsageOrIoError(message);
}

function wantsColor(flag: boolean | undefined): boolean {
  if (flag !== undefined) return flag;
  if (process.env["NO_COLOR"]) return false;
  if (process.env["FORCE_COLOR"] && process.env["FORCE_COLOR"] !== "0") return true;
  return process.stdout.isTTY === true;
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : error instanceof Error ? error.message : String(error);
}

function readConfig(path: string, cwd: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    return fail(`cannot read ${relative(cwd, path) || path}: ${errorCode(error)}`);
  }
}

function lintFile(path: string, cwd: string): LintResult {
  const text = readConfig(path, cwd);
  try {
    return lintText(text, { filePath: path });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return fail(`internal error while linting ${relative(cwd, path) || path}: ${detail}`);
  }
}

interface LintArguments {
  paths: string[];
  format: FormatName;
  color: boolean | undefined;
}

function runLint(args: LintArguments): number {
  const cwd = process.cwd();
  let files: string[];
  try {
    files = discoverConfigFiles(args.paths, cwd);
  } catch (error) {
    if (error instanceof PathNotFoundError) fail(error.message);
    throw error;
  }
  const results = files.map((file) => lintFile(file, cwd));
  const output = formatters[args.format](results, { cwd, color: wantsColor(args.color), toolVersion: packageJson.version });
  if (output) process.stdout.write(output);
  const errors = countBySeverity(results.flatMap((r) => r.diagnostics)).error;
  return errors > 0 ? EXIT_ERRORS : EXIT_OK;
}

export async function main(argv: string[]): Promise<number> {
  let exitCode = EXIT_OK;
  await yargs(argv)
    .scriptName("flylint")
    .usage("$0 [paths..]\n\nLint fly.toml files: every fly.toml and fly.*.toml under the given paths (default: the current folder).")
    .command(
      "$0 [paths..]",
      false,
      (y) =>
        y
          .positional("paths", { type: "string", array: true, default: [] as string[], describe: "Files or folders to lint" })
          .option("format", { alias: "f", choices: formatNames, default: "stylish" as FormatName, describe: "Output format" })
          .option("color", { type: "boolean", describe: "Force colors on or off (default: on for terminals; NO_COLOR and FORCE_COLOR are honoured)" }),
      (args) => {
        exitCode = runLint({ paths: args.paths, format: args.format, color: args.color });
      },
    )
    .strict()
    .help()
    .version(packageJson.version)
    .fail((message, error) => {
      if (error) throw error;
      fail(`${message} (see flylint --help)`);
    })
    .parseAsync();
  return exitCode;
}

function reportFailure(error: unknown): void {
  const message = error instanceof UsageOrIoError ? error.message : `internal error: ${error instanceof Error ? error.message : String(error)}`;
  process.stderr.write(`flylint: ${message}\n`);
  process.exitCode = EXIT_FAILURE;
}

main(hideBin(process.argv)).then(
  (code) => {
    process.exitCode = code;
  },
  reportFailure,
);
