import { parse as parseWithSmolToml } from "smol-toml";
import { parseDocument } from "../document/parse.js";
import type { PlainValue } from "../document/located.js";
import { applyEdits, editsOverlap } from "../fixers/edits.js";
import { normalize, sameConfig } from "../model/normalize.js";
import type { TextEdit } from "../rules/types.js";
import { analyzeDocument } from "../schema/analyze.js";
import type { Diagnostic, LintResult } from "./diagnostic.js";
import { lintAndAnalyze, type LintOptions } from "./lint.js";

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
 * A lint of a text, with the config flyctl reads from it, computed from the lint's own analysis when asked
 * and kept: a pass's result is the next pass's baseline, compared again. Of the analysis only its plain
 * value is kept (undefined for text that does not parse), not its located tree and locations: a pass's
 * baseline lives while its fixes are checked, and keeping the whole analysis put two lints' worth of
 * memory in the heap at once (a 5 MB legacy config's --fix peaked at 880 MB).
 */
class Linted {
  private normalized: PlainValue | undefined | null = null;

  constructor(
    readonly result: LintResult,
    private readonly canonical: PlainValue | undefined,
  ) {}

  static of(text: string, options: FixOptions): Linted {
    const { result, analysis } = lintAndAnalyze(text, options);
    return new Linted(result, analysis?.canonical);
  }

  get config(): PlainValue | undefined {
    if (this.normalized === null) this.normalized = this.canonical === undefined ? undefined : normalize(this.canonical);
    return this.normalized;
  }
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
  readonly loadProblems: Map<string, number>;

  constructor(
    readonly text: string,
    private readonly linted: Linted,
  ) {
    this.loadProblems = loadProblems(linted.result);
  }

  /** Computed only when a fix that must keep the config is checked. */
  get configBefore(): PlainValue | undefined {
    return this.linted.config;
  }
}

/**
 * Whether a set of fixes may be applied together, and why not: the result must lint without
 * a new load-stage problem, and the fixes held to it must keep normalize() the same — checked on the text
 * with only those fixes, since the others (unsafe ones) may change the config by design.
 */
type Verdict = { ok: true; linted: Linted } | { ok: false; reason: DropReason };

function judge(baseline: PassBaseline, chosen: readonly Candidate[], options: FixOptions): Verdict {
  const next = applyEdits(baseline.text, chosen.flatMap((c) => c.edits));
  if (!parsesIndependently(next)) return { ok: false, reason: "unparseable" };
  const linted = Linted.of(next, options);
  if (gainsLoadProblem(baseline.loadProblems, linted.result)) return { ok: false, reason: "load-error" };
  const keeping = chosen.filter((c) => mustKeepConfig(c.diagnostic, options));
  if (keeping.length > 0) {
    const after = keeping.length === chosen.length ? linted.config : configOf(applyEdits(baseline.text, keeping.flatMap((c) => c.edits)));
    const before = baseline.configBefore;
    if (before === undefined || after === undefined || !sameConfig(before, after)) return { ok: false, reason: "config-changed" };
  }
  return { ok: true, linted };
}

/** A taken edit and the fix it belongs to. */
interface TakenEdit {
  edit: TextEdit;
  owner: Candidate;
}

/**
 * The edits taken so far in a pass, kept sorted by position. They never overlap each other, so their ends
 * rise with their starts, and whether a new edit collides with one is a binary search and a look at its
 * neighbours, not a scan of them all.
 */
class TakenEdits {
  private readonly taken: TakenEdit[] = [];

  /** The taken edit `edit` collides with (editsOverlap), if any. */
  collision(edit: TextEdit): TakenEdit | undefined {
    const taken = this.taken;
    // Only taken edits that end at or after this one's start and start at or before its end can collide.
    for (let i = this.firstEndingAtOrAfter(edit.start); i < taken.length; i++) {
      const other = taken[i] as TakenEdit;
      if (other.edit.start > edit.end) break;
      if (editsOverlap(edit, other.edit)) return other;
    }
    return undefined;
  }

  add(edit: TextEdit, owner: Candidate): void {
    const taken = this.taken;
    let low = 0;
    let high = taken.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      const other = (taken[mid] as TakenEdit).edit;
      if (other.start < edit.start || (other.start === edit.start && other.end <= edit.end)) low = mid + 1;
      else high = mid;
    }
    // Fixes come in report order, which is file order, so this is almost always an append.
    if (low === taken.length) taken.push({ edit, owner });
    else taken.splice(low, 0, { edit, owner });
  }

  private firstEndingAtOrAfter(offset: number): number {
    const taken = this.taken;
    let low = 0;
    let high = taken.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((taken[mid] as TakenEdit).edit.end < offset) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}

function isSameEdit(a: TextEdit, b: TextEdit): boolean {
  return a.start === b.start && a.end === b.end && a.text === b.text;
}

/** A diagnostic whose fix is exactly edits another fix of the pass makes: fixed when those fixes are applied. */
interface SharedFix {
  diagnostic: Diagnostic;
  owners: Set<Candidate>;
}

/**
 * The fixes of one pass that do not overlap each other, in report order (several problems can share one
 * fix — v1-leftovers removing a table of leftovers — and taking it fixes them all).
 */
function nonOverlapping(candidates: readonly Diagnostic[]): { taken: Candidate[]; shared: SharedFix[] } {
  const taken: Candidate[] = [];
  const shared: SharedFix[] = [];
  const edits = new TakenEdits();
  for (const diagnostic of candidates) {
    const own = diagnostic.fix?.edits ?? [];
    const collisions = own.map((edit) => edits.collision(edit));
    if (own.length > 0 && collisions.every((other, i) => other !== undefined && isSameEdit(own[i] as TextEdit, other.edit))) {
      shared.push({ diagnostic, owners: new Set(collisions.map((other) => (other as TakenEdit).owner)) });
      continue;
    }
    if (collisions.some((other) => other !== undefined)) continue;
    const candidate: Candidate = { diagnostic, edits: own };
    for (const edit of own) edits.add(edit, candidate);
    taken.push(candidate);
  }
  return { taken, shared };
}

interface PassOutcome {
  accepted: Candidate[];
  dropped: DroppedFix[];
  /** The lint of the text with the accepted fixes. */
  linted?: Linted;
}

/**
 * Checks the pass's fixes together first (the common case: one re-parse and one re-lint for the whole
 * pass); only when that fails are they halved, and halved again, down to the fixes that fail, each half
 * judged on top of those already accepted: a few bad fixes among k cost about 2·log2(k) checks each, and
 * do not cost the others.
 */
function checkPass(baseline: PassBaseline, taken: readonly Candidate[], options: FixOptions): PassOutcome {
  const outcome: PassOutcome = { accepted: [], dropped: [] };
  admit(baseline, taken, options, outcome, judge(baseline, taken, options));
  return outcome;
}

/**
 * Accepts `group` on top of the fixes already accepted when they pass together (`known`: their verdict,
 * when it is already known); otherwise tries each half in turn. When the first half is accepted whole,
 * the second half on top of it is the very set that just failed, so its verdict is known.
 */
function admit(baseline: PassBaseline, group: readonly Candidate[], options: FixOptions, outcome: PassOutcome, known?: Verdict): void {
  const verdict = known ?? judge(baseline, [...outcome.accepted, ...group], options);
  if (verdict.ok) {
    for (const candidate of group) outcome.accepted.push(candidate);
    outcome.linted = verdict.linted;
    return;
  }
  if (group.length === 1) {
    outcome.dropped.push({ diagnostic: (group[0] as Candidate).diagnostic, reason: verdict.reason });
    return;
  }
  const middle = group.length >> 1;
  const acceptedBefore = outcome.accepted.length;
  admit(baseline, group.slice(0, middle), options, outcome);
  const firstHalfWhole = outcome.accepted.length === acceptedBefore + middle;
  admit(baseline, group.slice(middle), options, outcome, firstHalfWhole ? verdict : undefined);
}

/**
 * Applies fixes in passes, as ESLint does: each pass lints, takes the wanted fixes whose edits do not
 * overlap one already taken, and applies them — unless the result would not parse with smol-toml, would
 * gain a load-stage problem, or (for safe fixes, and for every fix under `keepConfig`) would change what
 * flyctl reads; such a fix is dropped and reported, never applied. Passes repeat until nothing changes,
 * the text returns to an earlier state, or 10 passes ran. The lint of a pass's result is the next pass's
 * lint: text is linted once per pass, not once per fix.
 */
export function fixText(source: string, options: FixOptions = {}): FixOutcome {
  const hasBom = source.startsWith(BOM);
  let text = hasBom ? source.slice(1) : source;
  const seen = new Set([text]);
  const applied: Diagnostic[] = [];
  const dropped: DroppedFix[] = [];
  const droppedKeys = new Set<string>();
  let linted = Linted.of(text, options);
  let passes = 0;
  while (passes < maxPasses) {
    const { taken, shared } = nonOverlapping(linted.result.diagnostics.filter((d) => isWanted(d, options)));
    if (taken.length === 0) break;
    const pass = checkPass(new PassBaseline(text, linted), taken, options);
    for (const drop of pass.dropped) {
      // A fix refused in one pass is proposed again in the next; report it once.
      const key = `${drop.diagnostic.ruleId}:${drop.diagnostic.message}`;
      if (!droppedKeys.has(key)) dropped.push(drop);
      droppedKeys.add(key);
    }
    if (pass.accepted.length === 0 || !pass.linted) break;
    const accepted = new Set(pass.accepted);
    for (const candidate of pass.accepted) applied.push(candidate.diagnostic);
    for (const fix of shared) if ([...fix.owners].every((owner) => accepted.has(owner))) applied.push(fix.diagnostic);
    const next = applyEdits(text, pass.accepted.flatMap((c) => c.edits));
    passes++;
    if (seen.has(next)) break;
    seen.add(next);
    text = next;
    linted = pass.linted;
  }
  return { output: hasBom ? BOM + text : text, applied, dropped, result: linted.result, passes };
}
