import { relative } from "node:path";
import type { MigrationResult } from "../engine/migrate.js";
import { maskText, secretValuesOf, type Secrets } from "../secrets/redact.js";
import { compareNames } from "../text/compare-names.js";

function changeList(changes: Record<string, number>): string {
  return Object.entries(changes)
    .sort((a, b) => b[1] - a[1] || compareNames(a[0], b[0]))
    .map(([rule, count]) => `${rule} ${count}`)
    .join(", ");
}

function total(changes: Record<string, number>): number {
  return Object.values(changes).reduce((sum, n) => sum + n, 0);
}

/**
 * The secrets of a file before and after migrating (no message about it may repeat one), found the first
 * time a message about it is masked: finding them parses both texts again (the migration's last parse is
 * of its output; the text as read evicts it from parseDocument's one-text cache, so the output is parsed a
 * second time too), and most files have no message at all. A migrate of a 5 MB config parsed four times
 * instead of two: 0.8 s of the run and 250 MB of its memory, for a report of counts.
 */
function secretsWhenAsked(result: MigrationResult): () => Secrets {
  let secrets: Secrets | undefined;
  return () => (secrets ??= result.output === undefined ? secretValuesOf(result.original) : secretValuesOf(result.original, result.output));
}

/** The per-file summary `flylint migrate` prints, and its totals. */
export function formatMigrationText(results: readonly MigrationResult[], cwd: string, dryRun: boolean): string {
  const lines: string[] = [];
  const verb = dryRun ? "would migrate" : "migrated";
  for (const result of results) {
    const path = relative(cwd, result.filePath) || result.filePath;
    const secrets = secretsWhenAsked(result);
    if (result.status === "skipped" && result.error) {
      lines.push(`${path}: skipped, it does not parse (${result.error.start.line}:${result.error.start.column} ${maskText(result.error.message, secrets())})`);
      continue;
    }
    lines.push(result.status === "migrated" ? `${path}: ${verb} ${total(result.changes)} (${changeList(result.changes)})` : `${path}: already current`);
    for (const d of result.remaining) lines.push(`  needs a person: ${d.start.line}:${d.start.column} ${d.ruleId}: ${maskText(d.message, secrets())}`);
  }
  const migrated = results.filter((r) => r.status === "migrated");
  const skipped = results.filter((r) => r.status === "skipped").length;
  const all: Record<string, number> = {};
  for (const result of migrated) for (const [rule, n] of Object.entries(result.changes)) all[rule] = (all[rule] ?? 0) + n;
  const remaining = results.reduce((sum, r) => sum + r.remaining.length, 0);
  lines.push(
    `${results.length} file${results.length === 1 ? "" : "s"}: ${migrated.length} ${verb} (${total(all)} changes${total(all) ? `: ${changeList(all)}` : ""}), ` +
      `${results.length - migrated.length - skipped} already current, ${skipped} skipped, ${remaining} left for a person`,
  );
  return `${lines.join("\n")}\n`;
}

export const MIGRATION_REPORT_VERSION = 1;

/** The same report for tools; `written` says whether the files were rewritten (false for --dry-run and --check). */
export function formatMigrationJson(results: readonly MigrationResult[], cwd: string, { written }: { written: boolean }): string {
  const files = results.map((r) => {
    const secrets = secretsWhenAsked(r);
    return {
      path: relative(cwd, r.filePath) || r.filePath,
      status: r.status,
      changes: r.changes,
      remaining: r.remaining.map((d) => ({ ruleId: d.ruleId, message: maskText(d.message, secrets()), line: d.start.line, column: d.start.column, endLine: d.end.line, endColumn: d.end.column })),
      ...(r.error ? { error: { message: maskText(r.error.message, secrets()), line: r.error.start.line, column: r.error.start.column } } : {}),
    };
  });
  const totals = {
    files: results.length,
    migrated: results.filter((r) => r.status === "migrated").length,
    unchanged: results.filter((r) => r.status === "unchanged").length,
    skipped: results.filter((r) => r.status === "skipped").length,
    changes: results.reduce((sum, r) => sum + total(r.changes), 0),
    remaining: results.reduce((sum, r) => sum + r.remaining.length, 0),
  };
  return `${JSON.stringify({ schemaVersion: MIGRATION_REPORT_VERSION, written, files, totals }, null, 2)}\n`;
}
