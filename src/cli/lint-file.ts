import { basename, dirname, resolve } from "node:path";
import packageJson from "../../package.json" with { type: "json" };
import { ciKindOf, type CiKind } from "../ci/paths.js";
import { readRegularFileIfPresent, siblingReader, type SeenFile } from "../files/read.js";
import { ciRuleMetas } from "../ci/rule-meta.js";
import { ConfigError, ConfigResolver, type ProjectConfig } from "../config/project-config.js";
import type { LintResult } from "../engine/diagnostic.js";
import { dropReasonText, fixText } from "../engine/fix.js";
import { lintText, type LintOptions, type RuleSetting } from "../engine/lint.js";
import { rules } from "../rules/index.js";
import { formatters, type FormatName } from "../formatters/index.js";
import type { FormatContext } from "../formatters/types.js";
import { findSecrets, redactResult, redactWithSecrets, reportable, type RedactedResult, type Secrets } from "../secrets/redact.js";
import { displayPath, fail, FatalError } from "./io.js";
import { writeErr } from "./terminal.js";

// One file's lint, as the command runs it on the main thread and in lint workers (lint-workers.ts).

/** What a lint run was asked for on the command line; plain data, so a lint worker gets it as it is. */
export interface RunOptions {
  format: FormatName;
  outputFile: string | undefined;
  /** --report: more reports of the same results, each in its format to its file. */
  reports: { format: FormatName; path: string }[];
  color: boolean;
  fix: boolean;
  unsafe: boolean;
  dryRun: boolean;
  diff: boolean;
  quiet: boolean;
  statistics: boolean;
  exitZero: boolean;
  maxWarnings: number | undefined;
  ruleSettings: Record<string, RuleSetting>;
  flyctlVersion: string | undefined;
}

export interface FileOutcome {
  result: LintResult;
  /** The file's part of the report in the run's format, when it was made as the file was linted (reportPart). */
  part?: string;
  /** The fixed content, when fixing changed it. */
  fixed?: string;
  original: string;
  /** The secrets of `original` when fixing changed it (the result holds the fixed text's): what --diff masks. */
  originalSecrets?: Secrets;
}

/** What the report shows of a file's result: masked (also of the secrets of the text as read, once fixed), and with --quiet its errors only. */
export function shownResult(outcome: { result: LintResult; original: string }, options: RunOptions): RedactedResult {
  // Files are redacted as they are linted (Runner.process); others with the secrets of the text as read too.
  const redacted = "secrets" in outcome.result || outcome.original === outcome.result.text ? reportable(outcome.result) : redactResult(outcome.result, findSecrets(outcome.original));
  return options.quiet ? { ...redacted, diagnostics: redacted.diagnostics.filter((d) => d.severity === "error") } : redacted;
}

/** What every report of a run is formatted with (a report file's without colour). */
export function reportContext(options: RunOptions): FormatContext {
  return {
    cwd: process.cwd(),
    color: options.color,
    toolVersion: packageJson.version,
    fixMode: options.fix ? "fix" : options.dryRun ? "dry-run" : undefined,
    unsafeFixes: options.unsafe,
  };
}

/** The context of the report in the run's own format: to the output file without colour, else to the terminal. */
export function mainReportContext(options: RunOptions): FormatContext {
  return options.outputFile ? { ...reportContext(options), color: false } : reportContext(options);
}

/**
 * What makes a file's part of the run's report in its own format, where the file was linted: in a run over
 * many files each lint worker then formats its own files while the others are linted, instead of the
 * main thread formatting all of them once every lint is done. None when the format has no parts, or when
 * the run writes no report in it (--diff; --statistics without an output file). Made once per thread.
 */
export function reportParts(options: RunOptions): ((outcome: FileOutcome) => string | undefined) | undefined {
  const formatter = formatters[options.format];
  if (!("part" in formatter) || options.diff || (options.statistics && !options.outputFile)) return undefined;
  const context = mainReportContext(options);
  return (outcome) => formatter.part(shownResult(outcome, options), context);
}

/** One folder with flylint.json and .flylintrc.json: say which one is read, as the lookup order decides. */
function noteTwoConfigs(used: string, unused: readonly string[]): void {
  writeErr(`flylint: ${dirname(displayPath(used))} has ${[used, ...unused].map((path) => basename(path)).join(" and ")}; using ${basename(used)}\n`);
}

/**
 * What a file is linted with: its config files' rule settings under the command line's (none when neither
 * sets any), and the flyctl version CI files should pin. Plain data, made once per config: a lint worker
 * is given it with the files instead of looking every folder's config files up again.
 */
export interface FileSettings {
  ruleSettings: Record<string, RuleSetting> | undefined;
  flyctlVersion: string | undefined;
}

export class Runner {
  private readonly configs: ConfigResolver;
  private readonly settingsByConfig = new Map<ProjectConfig | undefined, FileSettings>();

  /** `quiet`: say nothing about config files (a lint worker; the main thread resolves every file's config too, and says it once). */
  constructor(
    private readonly options: RunOptions,
    quiet = false,
  ) {
    this.configs = new ConfigResolver(new Set([...rules.map((rule) => rule.meta.id), ...ciRuleMetas.map((meta) => meta.id)]), quiet ? () => {} : noteTwoConfigs);
  }

  /** `--print-config`: what the file would be linted with, as JSON. */
  describeConfig(path: string): string {
    const config = this.configs.forFile(path);
    const settings: Record<string, RuleSetting> = { ...config?.rules, ...this.options.ruleSettings };
    const description = {
      file: displayPath(path),
      configFiles: (config?.files ?? []).map(displayPath),
      ignoredBy: config?.ignoredBy(path) === undefined ? null : displayPath(config.ignoredBy(path) as string),
      rules: Object.fromEntries([...rules.map((rule) => rule.meta), ...ciRuleMetas].map((meta) => [meta.id, settings[meta.id] ?? meta.severity])),
    };
    return `${JSON.stringify(description, null, 2)}\n`;
  }

  isIgnored(path: string): boolean {
    return this.ignoredBy(path) !== undefined;
  }

  /** The config file whose "ignore" patterns skip the file, if one does. */
  ignoredBy(path: string): string | undefined {
    return this.configs.forFile(path)?.ignoredBy(path);
  }

  /** What a search saw in a folder, for the config lookups (ConfigResolver.knowListing). */
  knowListing(folder: string, names: Iterable<string>): void {
    this.configs.knowListing(folder, names);
  }

  /** What the file at `path` is linted with (ConfigError when one of its config files is broken). */
  settingsFor(path: string): FileSettings {
    const config = this.configs.forFile(path);
    let settings = this.settingsByConfig.get(config);
    if (settings === undefined) {
      const ruleSettings = { ...config?.rules, ...this.options.ruleSettings };
      settings = { ruleSettings: Object.keys(ruleSettings).length > 0 ? ruleSettings : undefined, flyctlVersion: this.options.flyctlVersion ?? config?.flyctlVersion };
      this.settingsByConfig.set(config, settings);
    }
    return settings;
  }

  /** Lints (and, when asked, fixes in memory) one text standing for the file at `path` (`seen` by a search). */
  process(path: string, text: string, settings: FileSettings = this.settingsFor(path), seen?: SeenFile): FileOutcome {
    const ciKind = ciKindOf(path);
    if (ciKind) return this.processCi(path, text, ciKind, settings);
    const lint: LintOptions = {
      filePath: path,
      ...(settings.ruleSettings ? { ruleSettings: settings.ruleSettings } : {}),
      readSiblingFile: siblingReader(path, readRegularFileIfPresent, seen?.siblings),
    };
    const fixing = this.options.fix || this.options.dryRun || this.options.diff;
    if (!fixing) {
      // Masked now, while parseDocument still holds the lint's parse of the text: later it would parse it again.
      return { result: redactResult(lintText(text, lint)), original: text };
    }
    // The secrets of the text as read (the problems --fix removed were found in it), found first: then the
    // fix engine's first lint reuses this parse of the text, and nothing parses it a third time.
    const before = findSecrets(text);
    const outcome = fixText(text, { ...lint, unsafe: this.options.unsafe });
    for (const { diagnostic, reason } of outcome.dropped) {
      writeErr(`flylint: ${displayPath(path)}:${diagnostic.start.line}:${diagnostic.start.column}: the ${diagnostic.ruleId} fix was not applied: ${dropReasonText[reason]}\n`);
    }
    const fixed = { ...outcome.result, filePath: path, fixed: outcome.applied };
    if (outcome.output === text) return { result: redactWithSecrets(fixed, before), original: text };
    return { result: redactResult(fixed, before), fixed: outcome.output, original: text, originalSecrets: before };
  }

  /** A GitHub Actions workflow or .gitlab-ci.yml: only its flyctl steps are checked. */
  private processCi(path: string, text: string, kind: CiKind, settings: FileSettings): FileOutcome {
    const ci = ciLinter();
    const flyctlVersion = settings.flyctlVersion;
    const lint = { filePath: path, kind, ruleSettings: settings.ruleSettings ?? {}, ...(flyctlVersion ? { flyctlVersion } : {}) };
    const fixing = this.options.fix || this.options.dryRun || this.options.diff;
    if (!fixing) return { result: ci.lintCiText(text, lint), original: text };
    const outcome = ci.fixCiText(text, { ...lint, unsafe: this.options.unsafe });
    const result = { ...outcome.result, filePath: path, fixed: outcome.applied };
    return outcome.output === text ? { result, original: text } : { result, fixed: outcome.output, original: text };
  }
}

/**
 * The CI linter, from its own bundle with the YAML parser (scripts/build.mjs): loaded on the first CI file,
 * so runs over fly.toml files alone never read it.
 */
function ciLinter(): typeof import("../ci/index.js") {
  return require(resolve(__dirname, "ci.cjs")) as typeof import("../ci/index.js");
}

/** Runs the runner on one file; an unexpected failure becomes one line naming the file. */
export function processNamed(runner: Runner, path: string, text: string, settings?: FileSettings, seen?: SeenFile): FileOutcome {
  try {
    return runner.process(path, text, settings, seen);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof FatalError) throw error;
    return fail(`internal error while linting ${displayPath(path)}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

