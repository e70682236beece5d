import { closeSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import packageJson from "../../package.json" with { type: "json" };
import { ciRuleMetas } from "../ci/rule-meta.js";
import { parseRuleSetting } from "../config/project-config.js";
import { flyctlVersionPattern } from "../data/flyctl-ci.js";
import { countBySeverity, type LintResult } from "../engine/diagnostic.js";
import type { RuleSetting } from "../engine/lint.js";
import { formattedChunks, formatNames, formatters, type FormatName } from "../formatters/index.js";
import { formatStatisticsJson, formatStatisticsText, ruleStatistics } from "../formatters/statistics.js";
import { rules } from "../rules/index.js";
import { didYouMeanSentence } from "../text/did-you-mean.js";
import { redactText, reportable } from "../secrets/redact.js";
import { displayPath, errorCode, EXIT_ERRORS, EXIT_OK, fail, findConfigFiles, unifiedDiff, withoutIgnored, writeConfigFile } from "./io.js";
import { mainReportContext, processNamed, reportContext, Runner, shownResult, type FileOutcome, type RunOptions } from "./lint-file.js";
import { LintPool } from "./lint-workers.js";
import { parseCommandLine, renderHelp, UsageError, type OptionSpec } from "./options.js";
import { stdoutIsTerminal, writeAllOut, writeErr, writeOut, writePacked } from "./terminal.js";

export const lintOptions: OptionSpec[] = [
  { name: "format", short: "f", type: "string", choices: formatNames, placeholder: "name", description: "Output format, default stylish" },
  { name: "fix", type: "boolean", description: "Apply safe fixes to the files" },
  { name: "unsafe-fixes", type: "boolean", description: "With --fix, --fix-dry-run or --diff, also apply fixes that may change behaviour" },
  { name: "fix-dry-run", type: "boolean", description: "Report what --fix would leave, writing nothing" },
  { name: "diff", type: "boolean", description: "Print the fixes as a unified diff, writing nothing; exit 1 when there is one" },
  { name: "stdin", type: "boolean", description: "Lint text from standard input; with --fix, print the fixed text" },
  { name: "stdin-filename", type: "string", placeholder: "path", description: "Path the standard input stands for (config lookup, Dockerfile, messages)" },
  { name: "output-file", short: "o", type: "string", placeholder: "path", description: "Write the report to a file; the terminal gets the stylish summary" },
  { name: "report", type: "string", multiple: true, placeholder: "format=path", description: "Also write the report in another format to a file, from the same lint (repeatable), e.g. sarif=flylint.sarif" },
  { name: "flyctl-version", type: "string", placeholder: "x.y.z", description: "The flyctl version CI files should pin (fixes flyctl-unpinned); also flyctlVersion in flylint.json" },
  { name: "rule", type: "string", multiple: true, placeholder: "id=off|info|warn|error", description: "Set a rule's severity (repeatable)" },
  { name: "statistics", type: "boolean", description: "Print how many problems each rule found, instead of the problems (as JSON with --format json)" },
  { name: "quiet", short: "q", type: "boolean", description: "Report errors only" },
  { name: "max-warnings", type: "string", placeholder: "n", description: "Exit 1 when there are more than n warnings" },
  { name: "exit-zero", type: "boolean", description: "Exit 0 even when errors remain (2 still means a failure)" },
  { name: "color", type: "boolean", negatable: true, description: "Colors on or off (default: on for terminals; NO_COLOR and FORCE_COLOR are honoured)" },
  { name: "print-config", type: "string", placeholder: "file", description: "Print the configuration a file is linted with (config files, every rule's severity) as JSON, linting nothing" },
  { name: "help", short: "h", type: "boolean", description: "Show this help" },
  { name: "version", short: "v", type: "boolean", description: "Show flylint's version" },
];

export const usage = [
  "Usage: flylint [options] [paths..]",
  "       flylint migrate [--dry-run | --check] [--format text|json] [paths..]",
  "       flylint diff <before> <after>           what changes for flyctl between two configs",
  "       flylint diff --deployed [-a APP] [fly.toml]",
  "       flylint plan [--format table|json|markdown] [--ha=false] [paths..]   the Machines fly deploy would create",
  "       flylint rules [--format text|json]      list every rule",
  "       flylint explain <rule-id>               print a rule's documentation",
  "       flylint schema                          print the path of the bundled JSON Schema",
  "       flylint lsp --stdio                     run the language server",
  "",
  "Lints every fly.toml and fly.*.toml under the given files and folders (default: the current folder), and the",
  "flyctl steps of .github/workflows/*.yml and .gitlab-ci.yml,",
  "honouring .gitignore and the ignore globs of flylint.json. Exit codes: 0 no errors, 1 errors found",
  "(or too many warnings), 2 usage, I/O or internal failure.",
];

function wantsColor(flag: string | boolean | undefined): boolean {
  if (typeof flag === "boolean") return flag;
  if (process.env["NO_COLOR"]) return false;
  if (process.env["FORCE_COLOR"] && process.env["FORCE_COLOR"] !== "0") return true;
  return stdoutIsTerminal();
}

function parseRuleFlags(values: string[]): Record<string, RuleSetting> {
  const known = new Set([...rules, ...ciRuleMetas.map((meta) => ({ meta }))].map((rule) => rule.meta.id));
  const settings: Record<string, RuleSetting> = {};
  for (const value of values) {
    const [id = "", severity] = value.split("=");
    const setting = parseRuleSetting(severity);
    if (!known.has(id)) throw new UsageError(`--rule ${value}: unknown rule "${id}"${didYouMeanSentence(id, [...known])}`);
    if (!setting) throw new UsageError(`--rule ${value}: the severity must be off, info, warn or error`);
    settings[id] = setting;
  }
  return settings;
}

/** `--report sarif=flylint.sarif`: a format flylint has, then the file to write. */
function parseReportFlags(values: readonly string[]): RunOptions["reports"] {
  return values.map((value) => {
    const at = value.indexOf("=");
    const format = at < 0 ? value : value.slice(0, at);
    const path = at < 0 ? "" : value.slice(at + 1);
    if (!(formatNames as string[]).includes(format)) throw new UsageError(`--report ${value}: unknown format "${format}"${didYouMeanSentence(format, formatNames)} (formats: ${formatNames.join(", ")})`);
    if (path === "") throw new UsageError(`--report ${value}: give a file after the format, e.g. --report sarif=flylint.sarif`);
    return { format: format as FormatName, path };
  });
}

/** Writes one report to a file chunk by chunk, as it is formatted (formatters/json.ts says why); a failure ends the run with one line. */
function writeReport(path: string, chunks: Iterable<string>): void {
  const absolute = resolve(path);
  try {
    const fd = openSync(absolute, "w");
    try {
      writePacked(chunks, (bytes) => writeFileSync(fd, bytes));
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    fail(`cannot write ${displayPath(absolute)}: ${errorCode(error)}`);
  }
}

function parseFlyctlVersion(value: string | boolean | string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !flyctlVersionPattern.test(value)) throw new UsageError(`--flyctl-version takes a flyctl release such as 0.4.87 (got ${JSON.stringify(value)})`);
  return value;
}

function parseMaxWarnings(value: string | boolean | string[] | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !/^\d+$/.test(value)) throw new UsageError(`--max-warnings takes a whole number (got ${JSON.stringify(value)})`);
  return Number(value);
}

/**
 * The fixes as a diff of the texts with their secrets masked, so context and changed lines show none. The
 * secrets of both texts were found as they were linted: finding them again would parse both once more.
 */
async function printDiff(outcomes: FileOutcome[]): Promise<void> {
  for (const outcome of outcomes) {
    if (outcome.fixed === undefined) continue;
    writeOut(await unifiedDiff(outcome.result.filePath, redactText(outcome.original, outcome.originalSecrets), redactText(outcome.fixed, reportable(outcome.result).secrets)));
  }
}

/** --diff is a check, as in Ruff: a fix it would make fails the run; otherwise the problems decide. */
function diffExitCode(outcomes: readonly FileOutcome[], options: RunOptions): number {
  if (!options.exitZero && outcomes.some((o) => o.fixed !== undefined)) return EXIT_ERRORS;
  return exitCodeFor(outcomes.map((o) => o.result), options);
}

function exitCodeFor(results: LintResult[], options: RunOptions): number {
  const counts = countBySeverity(results.flatMap((r) => r.diagnostics));
  if (options.exitZero) return EXIT_OK;
  if (counts.error > 0) return EXIT_ERRORS;
  if (options.maxWarnings !== undefined && counts.warning > options.maxWarnings) return EXIT_ERRORS;
  return EXIT_OK;
}

function report(outcomes: { result: LintResult; original: string; part?: string }[], options: RunOptions): void {
  const results = outcomes.map((o) => o.result);
  const shown = outcomes.map((o) => shownResult(o, options));
  const context = reportContext(options);
  // The files' parts of the report in its format, where they were made as the files were linted.
  const parts = outcomes.map((o) => o.part);
  const statistics = options.statistics ? ruleStatistics(shown) : undefined;
  if (statistics) {
    // Instead of the problems, on the terminal; a report file still gets them all.
    writeOut(options.format === "json" && !options.outputFile ? formatStatisticsJson(statistics) : formatStatisticsText(statistics));
  }
  if (options.outputFile) {
    // The report goes to the file for tools; people at the terminal still get the readable summary.
    writeReport(options.outputFile, formattedChunks(formatters[options.format], shown, mainReportContext(options), parts));
    const summary = statistics ? "" : formatters.stylish(shown, context);
    if (summary) writeOut(summary);
  } else if (!statistics) {
    writeAllOut(formattedChunks(formatters[options.format], shown, mainReportContext(options), parts));
  }
  // The same results in more formats, so one lint serves annotations and code scanning alike.
  for (const extra of options.reports) writeReport(extra.path, formattedChunks(formatters[extra.format], shown, { ...context, color: false }));
  const warnings = countBySeverity(results.flatMap((r) => r.diagnostics)).warning;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings && !options.exitZero) {
    writeErr(`flylint: ${warnings} warnings, more than --max-warnings ${options.maxWarnings}\n`);
  }
}

async function runStdin(runner: Runner, options: RunOptions, filename: string | undefined): Promise<number> {
  const path = resolve(filename ?? "fly.toml");
  const text = readFileSync(0, "utf8");
  if (filename && runner.isIgnored(path)) {
    if (options.fix) writeOut(text);
    return EXIT_OK;
  }
  const outcome = processNamed(runner, path, text);
  if (options.fix) {
    // Editors replace the buffer with standard output, so it carries the text and nothing else.
    writeOut(outcome.fixed ?? text);
    return exitCodeFor([outcome.result], options);
  }
  if (options.diff) {
    await printDiff([outcome]);
    return diffExitCode([outcome], options);
  }
  report([{ result: { ...outcome.result, filePath: filename ? path : "<stdin>" }, original: outcome.original }], options);
  return exitCodeFor([outcome.result], options);
}

async function runFiles(runner: Runner, options: RunOptions, paths: string[]): Promise<number> {
  const pool = new LintPool(options);
  const files = withoutIgnored(findConfigFiles(paths, { ciFiles: true, onFound: (count, file, seen) => pool.found(count, file, seen), onListed: (folder, names) => runner.knowListing(folder, names) }), paths, (file) => runner.ignoredBy(file));
  const outcomes = await pool.lint(runner, files);
  if (options.diff) {
    await printDiff(outcomes);
    return diffExitCode(outcomes, options);
  }
  if (options.fix) {
    // Only files whose content changed are written.
    for (const outcome of outcomes) if (outcome.fixed !== undefined) writeConfigFile(outcome.result.filePath, outcome.fixed);
  }
  report(outcomes, options);
  return exitCodeFor(outcomes.map((o) => o.result), options);
}

export async function runLint(argv: readonly string[]): Promise<number> {
  const { positionals, values } = parseCommandLine(argv, lintOptions);
  if (values["help"]) {
    writeOut(renderHelp(usage, lintOptions));
    return EXIT_OK;
  }
  if (values["version"]) {
    writeOut(`${packageJson.version}\n`);
    return EXIT_OK;
  }
  const ruleFlags = values["rule"];
  const options: RunOptions = {
    format: (values["format"] as FormatName | undefined) ?? "stylish",
    outputFile: values["output-file"] as string | undefined,
    reports: parseReportFlags(Array.isArray(values["report"]) ? values["report"] : []),
    color: wantsColor(values["color"] as boolean | undefined),
    fix: values["fix"] === true,
    unsafe: values["unsafe-fixes"] === true,
    dryRun: values["fix-dry-run"] === true,
    diff: values["diff"] === true,
    quiet: values["quiet"] === true,
    statistics: values["statistics"] === true,
    exitZero: values["exit-zero"] === true,
    maxWarnings: parseMaxWarnings(values["max-warnings"]),
    ruleSettings: parseRuleFlags(Array.isArray(ruleFlags) ? ruleFlags : []),
    flyctlVersion: parseFlyctlVersion(values["flyctl-version"]),
  };
  const runner = new Runner(options);
  const printConfigFor = values["print-config"];
  if (typeof printConfigFor === "string") {
    writeOut(runner.describeConfig(resolve(printConfigFor)));
    return EXIT_OK;
  }
  if (values["stdin"]) {
    if (positionals.length > 0) throw new UsageError("--stdin lints standard input; give no paths with it");
    return runStdin(runner, options, values["stdin-filename"] as string | undefined);
  }
  if (values["stdin-filename"] !== undefined) throw new UsageError("--stdin-filename goes with --stdin");
  return runFiles(runner, options, positionals);
}
