import type { PlainValue } from "../document/located.js";
import type { ConfigDiff, KeyChange, SideKind } from "../diff/index.js";

/** What `flylint diff` reports: its two sides, named as the user gave them, and their (redacted) diff. */
export interface DiffReport {
  before: { label: string; kind: SideKind };
  after: { label: string; kind: SideKind };
  diff: ConfigDiff;
}

export const DIFF_REPORT_VERSION = 1;

/** The unit a number stands in, by its key (comparable.ts: memory in MB, volume sizes in GB). */
function unitOf(path: string): string {
  const key = path.slice(path.lastIndexOf(".") + 1);
  if (key === "memory" || key === "memory_mb") return " MB";
  if (key === "initial_size" || key === "auto_extend_size_increment" || key === "auto_extend_size_limit") return " GB";
  return "";
}

function valueText(value: PlainValue | undefined, path: string): string {
  if (value === undefined) return "(unset)";
  if (typeof value === "number") return `${value}${unitOf(path)}`;
  return JSON.stringify(value);
}

function sideText(side: DiffReport["before"]): string {
  // Only JSON is named: `fly launch` writes the same header as `fly config save`, so a TOML side may be either.
  return side.kind === "fly config show" ? `${side.label} (${side.kind})` : side.label;
}

function changeLine(change: KeyChange): string {
  if (change.change === "added") return `+ ${change.path} = ${valueText(change.after, change.path)}`;
  if (change.change === "removed") return `- ${change.path} = ${valueText(change.before, change.path)}`;
  const before = valueText(change.before, change.path);
  const after = valueText(change.after, change.path);
  // "256 → 512 MB" reads better than "256 MB → 512 MB".
  const unit = unitOf(change.path);
  const shared = unit && typeof change.before === "number" && typeof change.after === "number";
  return `~ ${change.path}: ${shared ? before.slice(0, -unit.length) : before} → ${after}`;
}

const buildNote = "[build] is not compared: the Fly service does not keep it";

/** The readable report: one line per changed key, `~` changed, `+` added, `-` removed. */
export function formatDiffText(report: DiffReport): string {
  const { changes } = report.diff;
  const sides = `${sideText(report.before)} → ${sideText(report.after)}`;
  if (changes.length === 0) return `${sides}: no difference for flyctl${report.diff.buildIgnored ? ` (${buildNote})` : ""}\n`;
  const lines = [`${sides}: ${changes.length} change${changes.length === 1 ? "" : "s"} for flyctl`, ...changes.map((c) => `  ${changeLine(c)}`)];
  if (report.diff.buildIgnored) lines.push(`  (${buildNote})`);
  return `${lines.join("\n")}\n`;
}

function cell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/** The same as a Markdown table, for a pull-request comment. */
export function formatDiffMarkdown(report: DiffReport): string {
  const { changes } = report.diff;
  const title = `### flylint diff: \`${cell(report.before.label)}\` → \`${cell(report.after.label)}\``;
  if (changes.length === 0) return `${title}\n\nNo difference for flyctl.${report.diff.buildIgnored ? ` ${buildNote}.` : ""}\n`;
  const rows = changes.map((c) => {
    const before = c.change === "added" ? "" : valueText(c.before, c.path);
    const after = c.change === "removed" ? "" : valueText(c.after, c.path);
    return `| ${c.change} | \`${cell(c.path)}\` | ${before ? `\`${cell(before)}\`` : ""} | ${after ? `\`${cell(after)}\`` : ""} |`;
  });
  const note = report.diff.buildIgnored ? `\n${buildNote}.\n` : "";
  return `${title}\n\n${changes.length} change${changes.length === 1 ? "" : "s"} for flyctl.\n\n| change | key | before | after |\n|---|---|---|---|\n${rows.join("\n")}\n${note}`;
}

/** The versioned report for tools: `schemaVersion` changes only when a field is removed or changes meaning. */
export function formatDiffJson(report: DiffReport): string {
  const side = (s: DiffReport["before"]) => ({ path: s.label, kind: s.kind });
  return `${JSON.stringify(
    {
      schemaVersion: DIFF_REPORT_VERSION,
      before: side(report.before),
      after: side(report.after),
      equal: report.diff.changes.length === 0,
      buildIgnored: report.diff.buildIgnored,
      changes: report.diff.changes,
    },
    null,
    2,
  )}\n`;
}
