import { siblingReader } from "../files/read.js";
import { ConfigResolver } from "../config/project-config.js";
import { migrateText } from "../engine/migrate.js";
import { formatMigrationJson, formatMigrationText } from "../formatters/migration-report.js";
import { rules } from "../rules/index.js";
import { redactText } from "../secrets/redact.js";
import { displayPath, EXIT_ERRORS, EXIT_OK, fail, findConfigFiles, readConfigFile, unifiedDiff, withoutIgnored, writeConfigFile } from "./io.js";
import { parseCommandLine, renderHelp, UsageError, type OptionSpec } from "./options.js";
import { writeOut } from "./terminal.js";

const migrateOptions: OptionSpec[] = [
  { name: "dry-run", type: "boolean", description: "Print the changes as a unified diff, writing nothing" },
  { name: "check", type: "boolean", description: "Write nothing; exit 1 if any file would change (for CI)" },
  { name: "format", short: "f", type: "string", choices: ["text", "json"], placeholder: "name", description: "Report format, default text" },
  { name: "help", short: "h", type: "boolean", description: "Show this help" },
];

const migrateUsage = [
  "Usage: flylint migrate [options] [paths..]",
  "",
  "Rewrites every legacy form flyctl still converts when it loads fly.toml ([[services]] that are an",
  "[http_service], [[processes]], numbers where durations belong, Apps V1 leftovers, ...) into today's",
  "format, without changing what flyctl reads. Files are found as the linter finds them; a file that does",
  "not parse is reported and left alone. Exit codes: 0 done, 1 with --check when a file would change or",
  "does not parse, 2 usage or I/O failure.",
];

export async function runMigrate(argv: readonly string[]): Promise<number> {
  const { positionals, values } = parseCommandLine(argv, migrateOptions);
  if (values["help"]) {
    writeOut(renderHelp(migrateUsage, migrateOptions));
    return EXIT_OK;
  }
  const dryRun = values["dry-run"] === true;
  const check = values["check"] === true;
  const json = values["format"] === "json";
  if (dryRun && check) throw new UsageError("--dry-run and --check do not go together");
  const cwd = process.cwd();
  const configs = new ConfigResolver(new Set(rules.map((rule) => rule.meta.id)));
  const results = withoutIgnored(findConfigFiles(positionals), positionals, (file) => configs.forFile(file)?.ignoredBy(file))
    .map((file) => {
      const text = readConfigFile(file);
      try {
        return migrateText(text, { filePath: file, ruleSettings: configs.forFile(file)?.rules ?? {}, readSiblingFile: siblingReader(file) });
      } catch (error) {
        return fail(`internal error while migrating ${displayPath(file)}: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  if (dryRun) {
    // As JSON, the report is the output; as text, the diff is.
    for (const result of json ? [] : results) {
      // Secrets masked on both sides: neither context nor changed lines show one.
      if (result.output !== undefined) writeOut(await unifiedDiff(result.filePath, redactText(result.original), redactText(result.output)));
    }
  } else if (!check) {
    // Only files whose content changed are written.
    for (const result of results) if (result.output !== undefined) writeConfigFile(result.filePath, result.output);
  }
  const report = json ? formatMigrationJson(results, cwd, { written: !dryRun && !check }) : formatMigrationText(results, cwd, dryRun || check);
  // With --dry-run the diff owns standard output; the summary goes to standard error. As JSON, the report is the output.
  (dryRun && !json ? process.stderr : process.stdout).write(report);
  // A file that does not parse cannot be shown current: --check fails on it rather than passing it by.
  return check && results.some((r) => r.status === "migrated" || r.status === "skipped") ? EXIT_ERRORS : EXIT_OK;
}

