import { parse as parseWithSmolToml } from "smol-toml";
import { applyEdits, editsOverlap } from "../fixers/edits.js";
import type { TextEdit } from "../rules/types.js";
import type { Diagnostic, LintResult } from "./diagnostic.js";
import { lintText, type LintOptions } from "./lint.js";

export interface FixOptions extends LintOptions {
  /** Also apply `unsafe` fixes (--unsafe-fixes). */
  unsafe?: boolean;
  /** Only fixes of these rules (flylint migrate, editors' "fix this"); default all. */
  onlyRules?: ReadonlySet<string>;
}

export interface FixOutcome {
  /** The fixed file content, BOM kept when the input had one. */
  output: string;
  /** The diagnostics whose fixes were applied, across all passes (positions as of their pass). */
  applied: Diagnostic[];
  /** Fixes dropped because their result would not parse. */
  dropped: Diagnostic[];
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

/**
 * Applies fixes in passes, as ESLint does: each pass lints, takes the wanted fixes whose edits do not
 * overlap one already taken, keeps a fix only if the text still parses with smol-toml, and applies them.
 * Passes repeat until nothing changes, the text returns to an earlier state, or 10 passes ran.
 */
export function fixText(source: string, options: FixOptions = {}): FixOutcome {
  const hasBom = source.startsWith(BOM);
  let text = hasBom ? source.slice(1) : source;
  const seen = new Set([text]);
  const applied: Diagnostic[] = [];
  const dropped: Diagnostic[] = [];
  let result = lintText(text, options);
  let passes = 0;
  while (passes < maxPasses) {
    const candidates = result.diagnostics.filter((d) => isWanted(d, options));
    const taken: TextEdit[] = [];
    for (const diagnostic of candidates) {
      const edits = diagnostic.fix?.edits ?? [];
      // Several problems can share one fix (v1-leftovers removing a table of leftovers): taking it fixes them all.
      if (edits.length > 0 && edits.every((edit) => taken.some((other) => isSameEdit(edit, other)))) {
        applied.push(diagnostic);
        continue;
      }
      if (edits.some((edit) => taken.some((other) => editsOverlap(edit, other)))) continue;
      if (!parsesIndependently(applyEdits(text, [...taken, ...edits]))) {
        dropped.push(diagnostic);
        continue;
      }
      taken.push(...edits);
      applied.push(diagnostic);
    }
    if (taken.length === 0) break;
    const next = applyEdits(text, taken);
    passes++;
    if (seen.has(next)) break;
    seen.add(next);
    text = next;
    result = lintText(text, options);
  }
  return { output: hasBom ? BOM + text : text, applied, dropped, result, passes };
}
