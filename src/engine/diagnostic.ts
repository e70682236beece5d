import type { Range } from "../document/located.js";
import type { Position } from "../document/line-index.js";
import type { FixApplicability, RuleMeta, Severity, Stage, TextEdit } from "../rules/types.js";
import { compareNames } from "../text/compare-names.js";

/** Where every rule's documentation page lives (docs/rules/<id>.md in this repository). */
export const DOCS_BASE_URL = "https://github.com/flylint/flylint/blob/main/docs/rules/";

export function docsUrlFor(ruleId: string): string {
  return `${DOCS_BASE_URL}${ruleId}.md`;
}

/**
 * A rule's page address, made once per rule: every diagnostic carries it, and a 5 MB legacy config has
 * 140,000, each of which held its own concatenated copy (about 170 bytes once written out: 24 MB in all).
 */
const docsUrls = new WeakMap<RuleMeta, string>();

export function docsUrlOf(meta: RuleMeta): string {
  let url = docsUrls.get(meta);
  if (url === undefined) {
    url = docsUrlFor(meta.id);
    docsUrls.set(meta, url);
  }
  return url;
}

export interface DiagnosticFix {
  title: string;
  applicability: FixApplicability;
  edits: TextEdit[];
}

/** One problem at one place. Positions are 1-based; `end` is exclusive, like the offsets. */
export interface Diagnostic {
  ruleId: string;
  severity: Severity;
  stage: Stage;
  message: string;
  range: Range;
  start: Position;
  end: Position;
  docsUrl: string;
  fix?: DiagnosticFix;
}

/** The result of linting one file. */
export interface LintResult {
  filePath: string;
  /** The text that was linted (BOM excluded); formatters draw code frames from it. */
  text: string;
  diagnostics: Diagnostic[];
  /** With --fix or --fix-dry-run: the problems the fixes removed (positions as found). */
  fixed?: Diagnostic[];
}

const severityOrder: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.range.start - b.range.start || a.range.end - b.range.end || severityOrder[a.severity] - severityOrder[b.severity] || compareNames(a.ruleId, b.ruleId);
}

export function countBySeverity(diagnostics: readonly Diagnostic[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) counts[d.severity]++;
  return counts;
}
