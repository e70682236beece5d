/**
 * flylint as the playground calls it: text in, plain data out, no DOM and no editor. This module and what
 * it imports is everything of flylint the browser bundle holds, so it may import only the library side of
 * src/ (no node: modules; test/playground.test.ts bundles it for the browser to keep it so).
 */
import { pricesAsOf } from "../../src/data/prices.js";
import { fixText, lintText, migrateText, type Diagnostic } from "../../src/index.js";
import { applyEdits } from "../../src/fixers/edits.js";
import { minimalEdits } from "../../src/fixers/minimal-edits.js";
import { formatUsd, planText, type GroupPlan } from "../../src/plan/index.js";
import type { FixApplicability, Severity, TextEdit } from "../../src/rules/types.js";
import { findSecrets, maskText, redactResult, type Secrets } from "../../src/secrets/redact.js";

const BOM = "\uFEFF";

/** One problem as the page shows it: offsets into the editor's text, message and fix title already masked. */
export interface PlaygroundProblem {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Offsets into the text as the editor holds it (a byte order mark counted). */
  from: number;
  to: number;
  /** 1-based, as flylint reports them. */
  line: number;
  column: number;
  docsUrl: string;
  fix?: { title: string; applicability: FixApplicability };
}

export interface Analysis {
  problems: PlaygroundProblem[];
  /** How many problems `fixAll` would fix without and with unsafe fixes. */
  fixable: { safe: number; unsafe: number };
}

/** The shift from flylint's offsets (text without a BOM) to the editor's. */
function bomShift(text: string): number {
  return text.startsWith(BOM) ? 1 : 0;
}

function toProblem(diagnostic: Diagnostic, shift: number): PlaygroundProblem {
  return {
    ruleId: diagnostic.ruleId,
    severity: diagnostic.severity,
    message: diagnostic.message,
    from: diagnostic.range.start + shift,
    to: diagnostic.range.end + shift,
    line: diagnostic.start.line,
    column: diagnostic.start.column,
    docsUrl: diagnostic.docsUrl,
    ...(diagnostic.fix ? { fix: { title: diagnostic.fix.title, applicability: diagnostic.fix.applicability } } : {}),
  };
}

/** Lints the text; messages and fix titles never carry a secret of it (the page prints them). */
export function analyze(text: string): Analysis {
  const result = redactResult(lintText(text));
  const shift = bomShift(text);
  const problems = result.diagnostics.map((d) => toProblem(d, shift));
  return {
    problems,
    fixable: {
      safe: problems.filter((p) => p.fix?.applicability === "safe").length,
      unsafe: problems.filter((p) => p.fix !== undefined).length,
    },
  };
}

/**
 * The edits of one problem's fix, in the editor's offsets, or undefined when the text no longer has that
 * problem there. The page keeps only masked messages, so the fix is looked up afresh on the current text.
 */
export function fixEditsFor(text: string, problem: Pick<PlaygroundProblem, "ruleId" | "from" | "to">): TextEdit[] | undefined {
  const shift = bomShift(text);
  const found = lintText(text).diagnostics.find(
    (d) => d.ruleId === problem.ruleId && d.range.start + shift === problem.from && d.range.end + shift === problem.to && d.fix !== undefined,
  );
  return found?.fix?.edits.map((edit) => ({ start: edit.start + shift, end: edit.end + shift, text: edit.text }));
}

/** The text with one problem's fix applied (the text unchanged when it has no such fix). */
export function applyFix(text: string, problem: Pick<PlaygroundProblem, "ruleId" | "from" | "to">): string {
  const edits = fixEditsFor(text, problem);
  return edits ? applyEdits(text, edits) : text;
}

export interface FixAllOutcome {
  output: string;
  /** Edits that turn the text into `output`, touching only what changed (the editor's undo keeps them small). */
  edits: TextEdit[];
  fixed: number;
  /** Fixes the engine refused (their result would not parse, fail to load or change the config), masked. */
  refused: { ruleId: string; message: string }[];
}

/** Every safe fix (and the unsafe ones when asked), applied in passes by the engine, as `flylint --fix` does. */
export function fixAll(text: string, options: { unsafe?: boolean } = {}): FixAllOutcome {
  const outcome = fixText(text, { unsafe: options.unsafe === true });
  const secrets = secretsOfBoth(text, outcome.output);
  return {
    output: outcome.output,
    edits: minimalEdits(text, outcome.output),
    fixed: outcome.applied.length,
    refused: outcome.dropped.map((drop) => ({ ruleId: drop.diagnostic.ruleId, message: maskText(drop.diagnostic.message, secrets) })),
  };
}

function secretsOfBoth(before: string, after: string): Secrets {
  const values = new Set([...findSecrets(before).values, ...findSecrets(after).values]);
  return { ranges: [], values: [...values].sort((a, b) => b.length - a.length) };
}

export interface MigrationView {
  status: "migrated" | "unchanged" | "skipped";
  /** The migrated file (the user's own text, rewritten), or the text itself when nothing changed or it was skipped. */
  text: string;
  /** Rewrites per migration rule. */
  changes: Record<string, number>;
  /** Legacy forms left for a person, masked; or why the file was skipped. */
  notes: { ruleId: string; line: number; message: string }[];
}

/** What `flylint migrate` makes of the text. */
export function migrate(text: string): MigrationView {
  const result = migrateText(text);
  const output = result.output ?? text;
  const secrets = secretsOfBoth(text, output);
  const noted = result.error ? [result.error] : result.remaining;
  return {
    status: result.status,
    text: output,
    changes: result.changes,
    notes: noted.map((d) => ({ ruleId: d.ruleId, line: d.start.line, message: maskText(d.message, secrets) })),
  };
}

/** One process group of the plan, in words and numbers the page shows (masked). */
export interface PlanGroupView {
  name: string;
  /** "2", "1 + 1 standby", or "none" when flyctl would fail on the group. */
  machines: string;
  size: string;
  autostop: string;
  serves: string;
  monthly: string;
  error?: string;
  notes: string[];
  /** The machine config flyctl would send, as JSON. */
  machineConfig: string;
}

export type PlanView =
  | { ok: true; app: string | null; primaryRegion: string | null; groups: PlanGroupView[]; total: string; abortGroup: string | null; pricesAsOf: string }
  | { ok: false; error: string };

function usdRange(cost: { min: number; max: number }): string {
  return cost.min === cost.max ? formatUsd(cost.max) : `${formatUsd(cost.min)}–${formatUsd(cost.max)}`;
}

/** fly-go's size names: "shared-cpu-1x 256 MB", the default when no [[vm]] applies. */
function sizeOf(group: GroupPlan): string {
  const guest = group.config?.guest;
  if (!guest) return "shared-cpu-1x 256 MB (default)";
  const kind = guest.gpu_kind ? guest.gpu_kind : guest.cpu_kind === "performance" ? `performance-${guest.cpus ?? 1}x` : `shared-cpu-${guest.cpus ?? 1}x`;
  return `${kind} ${guest.memory_mb ?? 256} MB`;
}

function servesOf(group: GroupPlan): string {
  const services = group.config?.services ?? [];
  if (services.length === 0) return "-";
  return services.map((s) => `${(s.ports ?? []).map((p) => p.port ?? `${p.start_port}-${p.end_port}`).join(",") || "?"} → ${s.internal_port ?? 0}/${s.protocol ?? "tcp"}`).join("; ");
}

/**
 * What `flylint plan` says of the text (src/plan/): per process group the Machines the first deploy
 * creates, their size, auto-stop and estimated cost. src/formatters/plan.ts is not used because it
 * reaches node:path for report paths; the page has no paths, only this one text.
 */
export function plan(text: string, options: { ha?: boolean } = {}): PlanView {
  const secrets = findSecrets(text);
  const mask = (value: string) => maskText(value, secrets);
  const result = planText(text.startsWith(BOM) ? text.slice(1) : text, { ha: options.ha ?? true });
  if (!result.ok) return { ok: false, error: mask(result.error) };
  const { plan: planned } = result;
  return {
    ok: true,
    app: planned.app === null ? null : mask(planned.app),
    primaryRegion: planned.primaryRegion,
    abortGroup: planned.firstDeployAbortGroup,
    total: usdRange(planned.monthlyCost),
    pricesAsOf,
    groups: planned.groups.map((group) => ({
      name: mask(group.name),
      machines: group.firstDeploy ? (group.firstDeploy.standby > 0 ? `${group.firstDeploy.started} + ${group.firstDeploy.standby} standby` : String(group.firstDeploy.started)) : "none",
      size: sizeOf(group),
      autostop: !group.config?.services ? "-" : group.autostop === group.autostopRequested ? group.autostop : `${group.autostopRequested} → ${group.autostop}`,
      serves: servesOf(group),
      monthly: group.monthlyCost ? usdRange(group.monthlyCost) : "-",
      ...(group.error ? { error: mask(group.error) } : {}),
      notes: group.notes.map(mask),
      // Masked string by string, so a secret with a quote in it is found before JSON escapes it.
      machineConfig: JSON.stringify(group.config, (_, value: unknown) => (typeof value === "string" ? mask(value) : value), 2),
    })),
  };
}
