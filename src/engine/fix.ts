import { parse as parseWithSmolToml } from "smol-toml";
import { parseDocument } from "../document/parse.js";
import type { PlainValue } from "../document/located.js";
import { applyEdits, editsOverlap } from "../fixers/edits.js";
import { normalize, sameConfig } from "../model/normalize.js";
import type { TextEdit } from "../rules/types.js";
import { analyzeDocument } from "../schema/analyze.js";
import type { Diagnostic, LintResult } from "./diagnostic.js";
import { lintText, type LintOptions } from "./lint.js";

export interface FixOptions extends LintOptions {
  /** Also apply `unsafe` fixes (--unsafe-fixes). */
  unsafe?: boolean;
  /** Only fixes of these rules (flylint migrate, editors' "fix this"); default all. */
  onlyRules?: ReadonlySet<string>;
  /**
   * Every applied fix must keep the config flyctl reads (normalize()) the same, unsafe ones too: what
   * `flylint migrate` promises. Without it only safe fixes are held to that.
   */
  keepConfig?: boolean;
}

/** Why the engine refused a fix the rule proposed. */
export type DropReason = "unparseable" | "load-error" | "config-changed";

export interface DroppedFix {
  diagnostic: Diagnostic;
  reason: DropReason;
}

/** What each reason means, for the one line the CLI prints about a dropped fix. */
export const dropReasonText: Record<DropReason, string> = {
  "unparseable": "the result would not parse",
  "load-error": "the result would be a file flyctl refuses to load",
  "config-changed": "the result would change what flyctl reads",
};

export interface FixOutcome {
  /** The fixed file content, BOM kept when the input had one. */
  output: string;
  /** The diagnostics whose fixes were applied, across all passes (positions as of their pass). */
  applied: Diagnostic[];
  /** Fixes refused because their result would not parse, would gain a load error or would change the config. */
  dropped: DroppedFix[];
  /** The lint result of the output. */
  result: LintResult;
  passes: number;
}

const maxPasses = 10;
const BOM = "\uFEFF";

/** Whether text parses with smol-toml, an independent TOML parser, as a second opinion on every fix. */
function parsesIndependently(text: string): boolean {
  try {
    parseWithSmolToml(text);
    return true;
  } catch {
    return false;
  }
}

function isSameEdit(a: TextEdit, b: TextEdit): boolean {
  return a.start === b.start && a.end === b.end && a.text === b.text;
}

function isWanted(diagnostic: Diagnostic, options: FixOptions): boolean {
  const fix = diagnostic.fix;
  if (!fix) return false;
  if (fix.applicability === "unsafe" && !options.unsafe) return false;
  return !options.onlyRules || options.onlyRules.has(diagnostic.ruleId);
}

function mustKeepConfig(diagnostic: Diagnostic, options: FixOptions): boolean {
  return options.keepConfig === true || diagnostic.fix?.applicability === "safe";
}

/** The config as flyctl reads it (model/normalize.ts), or undefined for text that does not parse. */
function configOf(text: string): PlainValue | undefined {
  const parsed = parseDocument(text);
  return parsed.ok ? normalize(analyzeDocument(parsed.document.root).canonical) : undefined;
}

/**
 * Load-stage problems counted by rule: a fix moves positions and renames paths (`mounts.x` becomes
 * `mounts[0].x` when [mounts] becomes [[mounts]]), so a problem it carries along is not a new one.
 */
function loadProblems(result: LintResult): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of result.diagnostics) {
    if (d.stage !== "load") continue;
    const key = d.ruleId;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function gainsLoadProblem(before: Map<string, number>, after: LintResult): boolean {
  for (const [key, count] of loadProblems(after)) if (count > (before.get(key) ?? 0)) return true;
  return false;
}

/** One fix the pass may take: its diagnostic and edits. */
interface Candidate {
  diagnostic: Diagnostic;
  edits: readonly TextEdit[];
}

/** The text of one pass, and what its fixes are checked against. */
class PassBaseline {
  private config: PlainValue | undefined | null = null;
  readonly loadProblems: Map<string, number>;

  constructor(
    readonly text: string,
    readonly result: LintResult,
  ) {
    this.loadProblems = loadProblems(result);
  }

  /** Computed only when a fix that must keep the config is checked. */
  get configBefore(): PlainValue | undefined {
    if (this.config === null) this.config = configOf(this.text);
    return this.config;
  }
}

/**
 * Whether a set of fixes may be applied together, and why not: the result must lint without
 * a new load-stage problem, and the fixes held to it must keep normalize() the same — checked on the text
 * with only those fixes, since the others (unsafe ones) may change the config by design.
 */
type Verdict = { ok: true; result: LintResult } | { ok: false; reason: DropReason };

function judge(baseline: PassBaseline, chosen: readonly Candidate[], options: FixOptions): Verdict {
  const next = applyEdits(baseline.text, chosen.flatMap((c) => c.edits));
  if (!parsesIndependently(next)) return { ok: false, reason: "unparseable" };
  const result = lintText(next, options);
  if (gainsLoadProblem(baseline.loadProblems, result)) return { ok: false, reason: "load-error" };
  const keeping = chosen.filter((c) => mustKeepConfig(c.diagnostic, options));
  if (keeping.length > 0) {
    const kept = keeping.length === chosen.length ? next : applyEdits(baseline.text, keeping.flatMap((c) => c.edits));
    const after = configOf(kept);
    const before = baseline.configBefore;
    if (before === undefined || after === undefined || !sameConfig(before, after)) return { ok: false, reason: "config-changed" };
  }
  return { ok: true, result };
}

/**
 * The fixes of one pass that do not overlap each other, in report order (several problems can share one
 * fix — v1-leftovers removing a table of leftovers — and taking it fixes them all).
 */
function nonOverlapping(candidates: readonly Diagnostic[]): { taken: Candidate[]; shared: Diagnostic[] } {
  const taken: Candidate[] = [];
  const shared: Diagnostic[] = [];
  const edits: TextEdit[] = [];
  for (const diagnostic of candidates) {
    const own = diagnostic.fix?.edits ?? [];
    if (own.length > 0 && own.every((edit) => edits.some((other) => isSameEdit(edit, other)))) {
      shared.push(diagnostic);
      continue;
    }
    if (own.some((edit) => edits.some((other) => editsOverlap(edit, other)))) continue;
    edits.push(...own);
    taken.push({ diagnostic, edits: own });
  }
  return { taken, shared };
}

interface PassOutcome {
  accepted: Candidate[];
  dropped: DroppedFix[];
  result?: LintResult;
}

/**
 * Checks the pass's fixes together first (the common case: one re-parse and one re-lint); only when that
 * fails is each fix tried on top of those already accepted, so one bad fix does not cost the others.
 */
function checkPass(baseline: PassBaseline, taken: readonly Candidate[], options: FixOptions): PassOutcome {
  const together = judge(baseline, taken, options);
  if (together.ok) return { accepted: [...taken], dropped: [], result: together.result };
  const accepted: Candidate[] = [];
  const dropped: DroppedFix[] = [];
  let result: LintResult | undefined;
  for (const candidate of taken) {
    const verdict = judge(baseline, [...accepted, candidate], options);
    if (!verdict.ok) {
      dropped.push({ diagnostic: candidate.diagnostic, reason: verdict.reason });
      continue;
    }
    accepted.push(candidate);
    result = verdict.result;
  }
  return { accepted, dropped, result };
}

/**
 * Applies fixes in passes, as ESLint does: each pass lints, takes the wanted fixes whose edits do not
 * overlap one already taken, and applies them — unless the result would not parse with smol-toml, would
 * gain a load-stage problem, or (for safe fixes, and for every fix under `keepConfig`) would change what
 * flyctl reads; such a fix is dropped and reported, never applied. Passes repeat until nothing changes,
 * the text returns to an earlier state, or 10 passes ran.
 */
export function fixText(source: string, options: FixOptions = {}): FixOutcome {
  const hasBom = source.startsWith(BOM);
  let text = hasBom ? source.slice(1) : source;
  const seen = new Set([text]);
  const applied: Diagnostic[] = [];
  const dropped: DroppedFix[] = [];
  const droppedKeys = new Set<string>();
  let result = lintText(text, options);
  let passes = 0;
  while (passes < maxPasses) {
    const { taken, shared } = nonOverlapping(result.diagnostics.filter((d) => isWanted(d, options)));
    if (taken.length === 0) break;
    const pass = checkPass(new PassBaseline(text, result), taken, options);
    for (const drop of pass.dropped) {
      // A fix refused in one pass is proposed again in the next; report it once.
      const key = `${drop.diagnostic.ruleId}:${drop.diagnostic.message}`;
      if (!droppedKeys.has(key)) dropped.push(drop);
      droppedKeys.add(key);
    }
    if (pass.accepted.length === 0 || !pass.result) break;
    const acceptedEdits = pass.accepted.flatMap((c) => c.edits);
    applied.push(...pass.accepted.map((c) => c.diagnostic));
    applied.push(...shared.filter((d) => (d.fix?.edits ?? []).every((edit) => acceptedEdits.some((other) => isSameEdit(edit, other)))));
    const next = applyEdits(text, acceptedEdits);
    passes++;
    if (seen.has(next)) break;
    seen.add(next);
    text = next;
    result = pass.result;
  }
  return { output: hasBom ? BOM + text : text, applied, dropped, result, passes };
}
