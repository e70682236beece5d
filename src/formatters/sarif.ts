import { ciRuleMetas } from "../ci/rule-meta.js";
import { rules as tomlRules } from "../rules/index.js";
import type { Severity } from "../rules/types.js";
import { docsUrlFor } from "../engine/diagnostic.js";
import { reportable } from "../secrets/redact.js";
import type { Diagnostic, LintResult } from "../engine/diagnostic.js";
import { MappedItems, prettyJsonChunks } from "../text/pretty-json.js";
import { reportPath } from "./paths.js";
import type { ChunkedFormatter, FormatContext } from "./types.js";

const rules = [...tomlRules, ...ciRuleMetas.map((meta) => ({ meta }))];

const levels: Record<Severity, string> = { error: "error", warning: "warning", info: "note" };

function uri(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

/** Where a problem is, as SARIF says it. */
function locationOf(path: string, d: Diagnostic) {
  return {
    physicalLocation: {
      artifactLocation: { uri: uri(path) },
      region: { startLine: d.start.line, startColumn: d.start.column, endLine: d.end.line, endColumn: d.end.column },
    },
  };
}

/**
 * The SARIF log as a value. Its results are made a block at a time as they are written (MappedItems): a
 * large config's 140,000 problems as SARIF results were most of the 900 MB a 5 MB legacy config took.
 */
function sarifLog(results: readonly LintResult[], context: FormatContext) {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.meta.id, index]));
  const notifications = [];
  const problems: { path: string; diagnostic: Diagnostic }[] = [];
  for (const result of results.map(reportable)) {
    const path = reportPath(result.filePath, context.cwd);
    for (const d of result.diagnostics) {
      if (d.ruleId === "toml-syntax") {
        notifications.push({ level: "error", message: { text: `${path}: ${d.message}` }, locations: [locationOf(path, d)], descriptor: { id: d.ruleId } });
        continue;
      }
      problems.push({ path, diagnostic: d });
    }
  }
  const sarifResults = new MappedItems(problems, ({ path, diagnostic: d }) => ({
    ruleId: d.ruleId,
    ...(ruleIndex.has(d.ruleId) ? { ruleIndex: ruleIndex.get(d.ruleId) } : {}),
    level: levels[d.severity],
    message: { text: d.message },
    locations: [locationOf(path, d)],
    properties: { stage: d.stage },
  }));
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "flylint",
            version: context.toolVersion,
            informationUri: "https://github.com/flylint/flylint",
            rules: rules.map((rule) => ({
              id: rule.meta.id,
              name: rule.meta.id,
              shortDescription: { text: rule.meta.description },
              helpUri: docsUrlFor(rule.meta.id),
              defaultConfiguration: { level: levels[rule.meta.severity] },
              properties: { stage: rule.meta.stage, ...(rule.meta.fix ? { fix: rule.meta.fix } : {}) },
            })),
          },
        },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        results: sarifResults,
      },
    ],
  };
}

/** The log's levels written in pieces (log, runs, the run); its results a block at a time (text/pretty-json.ts). */
const streamedLevels = 3;

/** The SARIF log in chunks of about 16 thousand characters, as the JSON report is written. */
export function sarifChunks(results: readonly LintResult[], context: FormatContext): Iterable<string> {
  return prettyJsonChunks(sarifLog(results, context), streamedLevels);
}

/**
 * SARIF 2.1.0 for code scanning (github/codeql-action/upload-sarif): one run, every rule's metadata with
 * its help URL, one result per problem with 1-based lines and UTF-16 columns. A file that does not parse is
 * a tool notification, not a rule result: nothing in it could be checked.
 */
export const sarif: ChunkedFormatter = Object.assign((results: readonly LintResult[], context: FormatContext) => [...sarifChunks(results, context)].join(""), {
  chunks: sarifChunks,
});
