import { relative } from "node:path";
import { LineIndex } from "../document/line-index.js";
import { countBySeverity, type Diagnostic, type LintResult } from "../engine/diagnostic.js";
import type { Severity } from "../rules/types.js";
import { noSecrets, rangesWithin, redactSlice, reportable, type RedactedResult, type Secrets } from "../secrets/redact.js";
import type { FormatContext, Formatter, PartedFormatter } from "./types.js";

interface Paint {
  red(text: string): string;
  yellow(text: string): string;
  blue(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

function paint(enabled: boolean): Paint {
  const wrap = (open: number, close: number) => (text: string) => (enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  return { red: wrap(31, 39), yellow: wrap(33, 39), blue: wrap(34, 39), dim: wrap(2, 22), bold: wrap(1, 22) };
}

function severityLabel(severity: Severity, colors: Paint): string {
  if (severity === "error") return colors.red("error");
  if (severity === "warning") return colors.yellow("warning");
  return colors.blue("info");
}

const contextLines = 1;

/**
 * The offending line with one line around it, and a caret underline on the diagnostic's first line. Secrets
 * on the lines shown are masked, and the underline follows the masked text.
 */
export function codeFrame(lines: LineIndex, diagnostic: Diagnostic, colors: Paint, secrets: Secrets = noSecrets): string[] {
  const first = Math.max(1, diagnostic.start.line - contextLines);
  const last = Math.min(lines.lineCount, diagnostic.start.line + contextLines);
  const width = String(last).length;
  const out: string[] = [];
  for (let line = first; line <= last; line++) {
    const raw = lines.lineText(line);
    const lineStart = lines.offsetAt({ line, column: 1 });
    const shown = redactSlice(raw, rangesWithin(secrets.ranges, lineStart, lineStart + raw.length).map((r) => ({ start: r.start - lineStart, end: r.end - lineStart })));
    const text = shown.text.replace(/\t/g, " ");
    const marker = line === diagnostic.start.line ? colors.red(">") : " ";
    out.push(`  ${marker} ${colors.dim(`${String(line).padStart(width)} |`)}${text ? ` ${text}` : ""}`);
    if (line === diagnostic.start.line) {
      const startColumn = shown.offsetOf(diagnostic.start.column - 1) + 1;
      const endColumn = diagnostic.end.line === line ? shown.offsetOf(diagnostic.end.column - 1, "end") + 1 : text.length + 1;
      const length = Math.max(1, endColumn - startColumn);
      const pad = " ".repeat(startColumn - 1);
      out.push(`    ${colors.dim(`${" ".repeat(width)} |`)} ${pad}${colors.red("^".repeat(length))}`);
    }
  }
  return out;
}

/** `auto-stop-machines-boolean 2, v1-leftovers 1`. */
function ruleCounts(diagnostics: readonly Diagnostic[]): string {
  const counts = new Map<string, number>();
  for (const d of diagnostics) counts.set(d.ruleId, (counts.get(d.ruleId) ?? 0) + 1);
  return [...counts].map(([rule, n]) => `${rule} ${n}`).join(", ");
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** A message longer than this is shown as its first sentence, with the rest below it. */
const headlineLimit = 100;
const detailsWidth = 96;

/**
 * A long message as a headline a person reads at a glance (its first sentence, which says what is wrong
 * and what is right) and the details after it. A sentence ends at a full stop and a space, not after
 * `e.g.`, `i.e.`, `etc.` or `vs.`; `0.0.0.0` or `fly.toml` never end one.
 */
export function splitMessage(message: string): { headline: string; details: string } {
  if (message.length <= headlineLimit) return { headline: message, details: "" };
  const end = /(?<!\b(?:e\.g|i\.e|etc|vs))\. (?=\S)/.exec(message);
  if (!end) return { headline: message, details: "" };
  return { headline: message.slice(0, end.index + 1), details: message.slice(end.index + 2).trim() };
}

/** Text broken into lines of at most `width` characters at spaces (a longer word keeps its own line). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** `1 error, 2 warnings` (and `, 1 info` when there is one). */
function severityParts(counts: Record<Severity, number>): string {
  const parts = [plural(counts.error, "error"), plural(counts.warning, "warning")];
  if (counts.info > 0) parts.push(`${counts.info} info`);
  return parts.join(", ");
}

function mark(counts: Record<Severity, number>): string {
  return counts.error > 0 ? "✖" : counts.warning > 0 ? "⚠" : "ℹ";
}

function inSeverityColor(counts: Record<Severity, number>, colors: Paint, text: string): string {
  return counts.error > 0 ? colors.red(text) : counts.warning > 0 ? colors.yellow(text) : colors.blue(text);
}

/**
 * After --fix (or --fix-dry-run), Ruff's summary: `Found 7 problems (5 fixed, 2 remaining: 1 error, 1 warning)`,
 * then how many of the remaining ones --unsafe-fixes would fix when it was not given.
 */
function fixSummary(remaining: readonly Diagnostic[], fixedCount: number, context: FormatContext, colors: Paint): string[] {
  const counts = countBySeverity(remaining);
  const fixedWord = context.fixMode === "dry-run" ? "fixable" : "fixed";
  const rest = remaining.length === 0 ? "0 remaining" : `${remaining.length} remaining: ${severityParts(counts)}`;
  const headline = colors.bold(`${remaining.length === 0 ? "✔" : mark(counts)} Found ${plural(fixedCount + remaining.length, "problem")} (${fixedCount} ${fixedWord}, ${rest})`);
  const lines = [remaining.length === 0 ? headline : inSeverityColor(counts, colors, headline)];
  const unsafe = remaining.filter((d) => d.fix?.applicability === "unsafe").length;
  if (unsafe > 0 && !context.unsafeFixes) lines.push(colors.dim(`  ${unsafe} more fixable with --unsafe-fixes`));
  return lines;
}

/** A file's lines of the report: its path, what was fixed, each problem with its code frame; none when it has nothing to say. */
function fileLines(result: RedactedResult, context: FormatContext, colors: Paint): string[] {
  const fixed = result.fixed ?? [];
  if (result.diagnostics.length === 0 && fixed.length === 0) return [];
  const out: string[] = [];
  const lines = new LineIndex(result.text);
  out.push(colors.bold(relative(context.cwd, result.filePath) || result.filePath));
  if (fixed.length > 0) out.push(`  ${colors.dim(`${context.fixMode === "dry-run" ? "--fix would fix" : "fixed"} ${plural(fixed.length, "problem")}: ${ruleCounts(fixed)}`)}`);
  for (const d of result.diagnostics) {
    const { headline, details } = splitMessage(d.message);
    out.push(`  ${colors.dim(`${d.start.line}:${d.start.column}`)}  ${severityLabel(d.severity, colors)}  ${headline}  ${colors.dim(d.ruleId)}`);
    for (const line of wrap(details, detailsWidth)) out.push(`    ${colors.dim(line)}`);
    for (const line of codeFrame(lines, d, colors, result.secrets)) out.push(line);
  }
  out.push("");
  return out;
}

/** Lines as the report writes them: each ends with a line break. */
function asText(lines: readonly string[]): string {
  let text = "";
  for (const line of lines) text += `${line}\n`;
  return text;
}

/** The lines after every file's: how many problems, of which severities, and how many --fix would fix. */
function summaryLines(results: readonly LintResult[], context: FormatContext, colors: Paint): string[] {
  const all: Diagnostic[] = [];
  let fixedCount = 0;
  for (const result of results) {
    fixedCount += result.fixed?.length ?? 0;
    // One at a time: spread as arguments, a config's 140,000 problems overflowed the call stack.
    for (const d of result.diagnostics) all.push(d);
  }
  if (all.length === 0 && fixedCount === 0) return [];
  if (context.fixMode) return fixSummary(all, fixedCount, context, colors);
  const counts = countBySeverity(all);
  const out = [inSeverityColor(counts, colors, colors.bold(`${mark(counts)} ${plural(all.length, "problem")} (${severityParts(counts)})`))];
  const safe = all.filter((d) => d.fix?.applicability === "safe").length;
  const unsafe = all.filter((d) => d.fix?.applicability === "unsafe").length;
  if (safe > 0) out.push(colors.dim(`  ${safe} fixable with --fix${unsafe > 0 ? `, ${unsafe} more with --fix --unsafe-fixes` : ""}`));
  else if (unsafe > 0) out.push(colors.dim(`  ${unsafe} fixable with --fix --unsafe-fixes`));
  return out;
}

function part(result: LintResult, context: FormatContext): string {
  return asText(fileLines(reportable(result), context, paint(context.color)));
}

/** Every file's part (made here where `parts` has none), then the summary. */
function* framed(results: readonly LintResult[], parts: readonly (string | undefined)[], context: FormatContext): Generator<string> {
  for (const [index, result] of results.entries()) yield parts[index] ?? part(result, context);
  yield asText(summaryLines(results, context, paint(context.color)));
}

/** ESLint's stylish layout (path, line:col, severity, message, rule id) with a code frame per problem. */
export const stylish: Formatter & PartedFormatter = Object.assign((results: readonly LintResult[], context: FormatContext) => [...framed(results, [], context)].join(""), { part, framed });
