import type { Diagnostic, LintResult } from "../engine/diagnostic.js";
import type { Severity } from "../rules/types.js";
import { compareNames } from "../text/compare-names.js";

/** How often one rule fired across the files, and how many of those problems a fix would remove. */
export interface RuleStatistic {
  ruleId: string;
  count: number;
  /** The most severe severity it was reported with (a config can set it per folder). */
  severity: Severity;
  fixable: { safe: number; unsafe: number };
}

const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** One entry per rule that reported something, the most frequent first (then by rule id), as Ruff's --statistics. */
export function ruleStatistics(results: readonly LintResult[]): RuleStatistic[] {
  const byRule = new Map<string, RuleStatistic>();
  const add = (d: Diagnostic) => {
    const entry = byRule.get(d.ruleId) ?? { ruleId: d.ruleId, count: 0, severity: d.severity, fixable: { safe: 0, unsafe: 0 } };
    entry.count++;
    if (rank[d.severity] < rank[entry.severity]) entry.severity = d.severity;
    if (d.fix) entry.fixable[d.fix.applicability]++;
    byRule.set(d.ruleId, entry);
  };
  for (const result of results) result.diagnostics.forEach(add);
  return [...byRule.values()].sort((a, b) => b.count - a.count || compareNames(a.ruleId, b.ruleId));
}

function fixableNote(fixable: RuleStatistic["fixable"]): string {
  const parts = [];
  if (fixable.safe > 0) parts.push(`${fixable.safe} fixable with --fix`);
  if (fixable.unsafe > 0) parts.push(`${fixable.unsafe} ${parts.length > 0 ? "more" : "fixable"} with --unsafe-fixes`);
  return parts.join(", ");
}

/** The table people read: count, rule id, severity and what --fix would do, in aligned columns. */
export function formatStatisticsText(statistics: readonly RuleStatistic[]): string {
  if (statistics.length === 0) return "";
  const countWidth = Math.max(...statistics.map((s) => String(s.count).length));
  const idWidth = Math.max(...statistics.map((s) => s.ruleId.length));
  const lines = statistics.map((s) => `${String(s.count).padStart(countWidth)}  ${s.ruleId.padEnd(idWidth)}  ${s.severity.padEnd(7)}  ${fixableNote(s.fixable)}`.trimEnd());
  return `${lines.join("\n")}\n`;
}

/** The same for tools. */
export function formatStatisticsJson(statistics: readonly RuleStatistic[]): string {
  return `${JSON.stringify(statistics, null, 2)}\n`;
}
