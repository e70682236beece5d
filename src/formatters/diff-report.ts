import type { PlainValue } from "../document/located.js";
import type { ConfigDiff, CostRange, GroupChange, GroupSize, KeyChange, SideKind } from "../diff/index.js";
import { formatUsd } from "../plan/index.js";

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

function machines(count: GroupChange["firstDeploy"]["after"]): string {
  if (!count) return "no Machines";
  const started = `${count.started} Machine${count.started === 1 ? "" : "s"}`;
  return count.standby > 0 ? `${started} + ${count.standby} standby` : started;
}

function preset(size: GroupSize): string {
  return `${size.cpuKind}-cpu-${size.cpus}x`;
}

function signedUsd(value: number): string {
  return value < 0 ? `-${formatUsd(-value)}` : `+${formatUsd(value)}`;
}

/** "+$2.50/month", or a range from stopped most of the time to always on. */
function costDelta(delta: CostRange): string | undefined {
  if (delta.min === 0 && delta.max === 0) return undefined;
  return delta.min === delta.max ? `${signedUsd(delta.max)}/month` : `${signedUsd(delta.min)} to ${signedUsd(delta.max)}/month`;
}

/** What changes for a group's Machines, as one phrase: "memory 256 → 512 MB, 2 Machines, +$2.50/month". */
export function groupSummary(group: GroupChange): string {
  const parts: string[] = [];
  if (group.status === "added") parts.push("new");
  if (group.status === "removed") parts.push(`removed (was ${machines(group.firstDeploy.before)})`);
  if (group.error.after !== null) parts.push(`fly deploy fails: ${group.error.after}`);
  const { before, after } = group.size;
  if (before && after) {
    if (preset(before) !== preset(after)) parts.push(`${preset(before)} → ${preset(after)}`);
    if (before.memoryMb !== after.memoryMb) parts.push(`memory ${before.memoryMb} → ${after.memoryMb} MB`);
    if (before.gpus !== after.gpus) parts.push(`GPUs ${before.gpus} → ${after.gpus}`);
  } else if (after && group.status === "added") {
    parts.push(`${preset(after)} ${after.memoryMb} MB`);
  }
  if (group.autostop.before && group.autostop.after && group.autostop.before !== group.autostop.after) parts.push(`auto-stop ${group.autostop.before} → ${group.autostop.after}`);
  // A new or removed group changes everything; which fields is no news.
  const fields = group.status !== "changed" ? [] : [...new Set(group.machineConfig.map((c) => c.path.split(/[.[]/)[0] as string))].filter((field) => field !== "guest");
  if (fields.length > 0) parts.push(`${fields.length === 1 ? fields[0] : `${fields.slice(0, -1).join(", ")} and ${fields[fields.length - 1]}`} change${fields.length === 1 ? "s" : ""}`);
  if (group.status !== "removed" && group.error.after === null) {
    const count = JSON.stringify(group.firstDeploy.before) !== JSON.stringify(group.firstDeploy.after) && group.firstDeploy.before ? `${machines(group.firstDeploy.before)} → ${machines(group.firstDeploy.after)}` : machines(group.firstDeploy.after);
    parts.push(count);
  }
  const cost = costDelta(group.monthlyCost.delta);
  if (cost) parts.push(cost);
  return `group ${group.name}: ${parts.join(", ")}`;
}

function groupLines(diff: ConfigDiff): string[] {
  if (diff.groups.length === 0) return [];
  const lines = ["Machines (a first deploy's count; cost estimated per month, from stopped most of the time to always on):", ...diff.groups.map((g) => `  ${groupSummary(g)}`)];
  const total = costDelta(diff.monthlyCost.delta);
  if (total && diff.groups.length > 1) lines.push(`  total: ${total}`);
  return lines;
}

/** The readable report: one line per changed key, `~` changed, `+` added, `-` removed. */
export function formatDiffText(report: DiffReport): string {
  const { changes } = report.diff;
  const sides = `${sideText(report.before)} → ${sideText(report.after)}`;
  if (changes.length === 0) return `${sides}: no difference for flyctl${report.diff.buildIgnored ? ` (${buildNote})` : ""}\n`;
  const lines = [`${sides}: ${changes.length} change${changes.length === 1 ? "" : "s"} for flyctl`, ...changes.map((c) => `  ${changeLine(c)}`)];
  if (report.diff.buildIgnored) lines.push(`  (${buildNote})`);
  return `${[...lines, ...groupLines(report.diff)].join("\n")}\n`;
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
  const groups = report.diff.groups.length === 0 ? "" : `\n**Machines** (a first deploy's count; cost estimated per month, from stopped most of the time to always on)\n\n${report.diff.groups.map((g) => `- ${cell(groupSummary(g))}`).join("\n")}\n`;
  return `${title}\n\n${changes.length} change${changes.length === 1 ? "" : "s"} for flyctl.\n\n| change | key | before | after |\n|---|---|---|---|\n${rows.join("\n")}\n${note}${groups}`;
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
      groups: report.diff.groups,
      monthlyCost: report.diff.monthlyCost,
    },
    null,
    2,
  )}\n`;
}
