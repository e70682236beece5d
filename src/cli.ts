import { readFileSync } from "node:fs";
import { relative } from "node:path";
import packageJson from "../package.json" with { type: "json" };
import { countBySeverity, type LintResult } from "./engine/diagnostic.js";
import { lintText } from "./engine/lint.js";
import { parseCommandLine, renderHelp, UsageError, type OptionSpec } from "./cli/options.js";
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

const lintOptions: OptionSpec[] = [
  { name: "format", short: "f", type: "string", choices: formatNames, placeholder: "name", description: "Output format, default stylish" },
  { name: "color", type: "boolean", negatable: true, description: "Colors on or off (default: on for terminals; NO_COLOR and FORCE_COLOR are honoured)" },
  { name: "help", short: "h", type: "boolean", description: "Show this help" },
  { name: "version", short: "v", type: "boolean", description: "Show flylint's version" },
];

const usage = [
  "Usage: flylint [options] [paths..]",
  "",
  "Lints every fly.toml and fly.*.toml under the given files and folders (default: the current folder),",
  "honouring .gitignore. Exit codes: 0 no errors, 1 errors found, 2 usage, I/O or internal failure.",
];

export function main(argv: readonly string[]): number {
  const { positionals, values } = parseCommandLine(argv, lintOptions);
  if (values["help"]) {
    process.stdout.write(renderHelp(usage, lintOptions));
    return EXIT_OK;
  }
  if (values["version"]) {
    process.stdout.write(`${packageJson.version}\n`);
    return EXIT_OK;
  }
  const color = values["color"];
  return runLint({
    paths: positionals,
    format: (values["format"] as FormatName | undefined) ?? "stylish",
    color: typeof color === "boolean" ? color : undefined,
  });
}

function failureMessage(error: unknown): string {
  if (error instanceof UsageError) return `${error.message} (see flylint --help)`;
  if (error instanceof UsageOrIoError) return error.message;
  return `internal error: ${error instanceof Error ? error.message : String(error)}`;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`flylint: ${failureMessage(error)}\n`);
  process.exitCode = EXIT_FAILURE;
}
