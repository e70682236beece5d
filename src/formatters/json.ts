import { countBySeverity, type DiagnosticFix, type LintResult } from "../engine/diagnostic.js";
import { maskEdits, reportable, type RedactedResult, type Secrets } from "../secrets/redact.js";
import { MappedItems, prettyJsonAt, prettyJsonChunks, WrittenJson } from "../text/pretty-json.js";
import { reportPath } from "./paths.js";
import type { ChunkedFormatter, FormatContext, PartedFormatter } from "./types.js";

/**
 * The machine-readable report. `schemaVersion` changes only when a field is removed or changes meaning;
 * new fields may appear in any version. Lines and columns are 1-based (columns in UTF-16 code units);
 * offsets count UTF-16 code units from the start of the file, after a byte order mark if there is one.
 * A fixable diagnostic carries `fix`: its title, applicability and text edits (same offsets). With --fix or
 * --fix-dry-run, each file also lists `fixed`: the problems the fixes removed. Secrets are masked everywhere;
 * a fix whose edits would carry one has its edit text masked and `redacted: true` (apply it with --fix).
 */
export const JSON_SCHEMA_VERSION = 1;

function reportedFix(fix: DiagnosticFix, secrets: Secrets) {
  const { edits, redacted } = maskEdits(fix.edits, secrets);
  return { title: fix.title, applicability: fix.applicability, edits, ...(redacted ? { redacted: true } : {}) };
}

/** A file's entry in the report. */
function fileReport(result: RedactedResult, context: FormatContext) {
  const counts = countBySeverity(result.diagnostics);
  return {
    path: reportPath(result.filePath, context.cwd),
    errorCount: counts.error,
    warningCount: counts.warning,
    infoCount: counts.info,
    // Made as each block of them is written (see MappedItems), not all before the first is.
    diagnostics: new MappedItems(result.diagnostics, (d) => ({
      ruleId: d.ruleId,
      severity: d.severity,
      stage: d.stage,
      message: d.message,
      line: d.start.line,
      column: d.start.column,
      endLine: d.end.line,
      endColumn: d.end.column,
      startOffset: d.range.start,
      endOffset: d.range.end,
      docsUrl: d.docsUrl,
      ...(d.fix ? { fix: reportedFix(d.fix, result.secrets) } : {}),
    })),
    ...(result.fixed ? { fixed: result.fixed.map((d) => ({ ruleId: d.ruleId, message: d.message, line: d.start.line, column: d.start.column })) } : {}),
  };
}

/** The report as a value: what `json` writes, with a file's entry already written where `parts` has it. */
function jsonReport(results: readonly LintResult[], context: FormatContext, parts: readonly (string | undefined)[] = []) {
  const files = results.map((result, index) => {
    const part = parts[index];
    return part === undefined ? fileReport(reportable(result), context) : new WrittenJson(part);
  });
  const total = countBySeverity(results.flatMap((r) => r.diagnostics));
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: { name: "flylint", version: context.toolVersion },
    errorCount: total.error,
    warningCount: total.warning,
    infoCount: total.info,
    files,
  };
}

/**
 * The report's levels written in pieces rather than by one JSON.stringify: report, files, a file, its
 * diagnostics (and fixed), which are written a block of them per JSON.stringify (text/pretty-json.ts).
 */
const streamedLevels = 4;
/** Where a file's entry stands in the report: in `files` in the report. */
const fileDepth = 2;

/**
 * The most problems a file's entry is written whole for, ahead of the report (about 600 KB of JSON): a
 * larger one is written in chunks with the report, as it never is one string (see jsonChunks).
 */
const wholePartLimit = 2_000;

/**
 * A file's entry written whole by one JSON.stringify: written in pieces, as the report's outer levels are (a
 * generator per level, a stringify per member), the same text cost a folder of 1,415 small configs about
 * 6% of its CPU time.
 */
function part(result: LintResult, context: FormatContext): string | undefined {
  const redacted = reportable(result);
  if (redacted.diagnostics.length > wholePartLimit) return undefined;
  return prettyJsonAt(fileReport(redacted, context), fileDepth);
}

/**
 * The JSON report in chunks of about 16 thousand characters, for the CLI to write as they come: a large
 * config's report (30,000 problems in a 1 MB legacy config, 130 MB of JSON at 5 MB) is then never one
 * string and one buffer of its whole size, which took 4 of the 10 s and 470 MB of the 1.1 GB it cost.
 */
export function jsonChunks(results: readonly LintResult[], context: FormatContext): Iterable<string> {
  return framed(results, [], context);
}

function framed(results: readonly LintResult[], parts: readonly (string | undefined)[], context: FormatContext): Iterable<string> {
  return prettyJsonChunks(jsonReport(results, context, parts), streamedLevels);
}

export const json: ChunkedFormatter & PartedFormatter = Object.assign((results: readonly LintResult[], context: FormatContext) => [...jsonChunks(results, context)].join(""), {
  chunks: jsonChunks,
  part,
  framed,
});
