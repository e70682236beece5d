import { countBySeverity, type DiagnosticFix } from "../engine/diagnostic.js";
import { maskEdits, reportable, type Secrets } from "../secrets/redact.js";
import { reportPath } from "./paths.js";
import type { Formatter } from "./types.js";

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

export const json: Formatter = (results, context) => {
  const files = results.map(reportable).map((result) => {
    const counts = countBySeverity(result.diagnostics);
    return {
      path: reportPath(result.filePath, context.cwd),
      errorCount: counts.error,
      warningCount: counts.warning,
      infoCount: counts.info,
      diagnostics: result.diagnostics.map((d) => ({
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
  });
  const total = countBySeverity(results.flatMap((r) => r.diagnostics));
  const report = {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: { name: "flylint", version: context.toolVersion },
    errorCount: total.error,
    warningCount: total.warning,
    infoCount: total.info,
    files,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
};
