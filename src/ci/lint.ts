import { compareDiagnostics, docsUrlOf, type Diagnostic, type LintResult } from "../engine/diagnostic.js";
import type { RuleSetting } from "../engine/lint.js";
import { applyEdits, editsOverlap } from "../fixers/edits.js";
import type { Fix, RuleMeta, Severity, TextEdit } from "../rules/types.js";
import { parseCiDocument, type CiDocument } from "./document.js";
import { ciKindOf, type CiKind } from "./paths.js";
import { findFlyctlSteps } from "./flyctl-steps.js";
import type { CiRule } from "./rule-types.js";
import { flyctlActionRef } from "./rules/flyctl-action-ref.js";
import { flyctlUnpinned } from "./rules/flyctl-unpinned.js";
import { flyctlVersionInput } from "./rules/flyctl-version-input.js";

/** Every CI rule, in the order their diagnostics are reported when they share a position. */
export const ciRules: readonly CiRule[] = [flyctlActionRef, flyctlVersionInput, flyctlUnpinned];

export interface CiLintOptions {
  filePath?: string;
  /** Which CI system the text is for; default: from filePath, else a GitHub Actions workflow. */
  kind?: CiKind;
  ruleSettings?: Readonly<Record<string, RuleSetting>>;
  /** The flyctl version to pin to (flylint.json `flyctlVersion`, --flyctl-version); without it no fix is offered. */
  flyctlVersion?: string;
}

function makeDiagnostic(document: CiDocument, meta: RuleMeta, severity: Severity, range: { start: number; end: number }, message: string, fix?: Fix): Diagnostic {
  const diagnostic: Diagnostic = {
    ruleId: meta.id,
    severity,
    stage: meta.stage,
    message,
    range,
    start: document.lines.positionAt(range.start),
    end: document.lines.positionAt(range.end),
    docsUrl: docsUrlOf(meta),
  };
  if (fix && meta.fix) diagnostic.fix = { title: fix.title, applicability: meta.fix, edits: fix.edits };
  return diagnostic;
}

/** Lints a CI file's flyctl steps: parse the YAML, find the steps, run every CI rule, sort. */
export function lintCiText(text: string, options: CiLintOptions = {}): LintResult {
  const filePath = options.filePath ?? "<text>";
  const kind = options.kind ?? ciKindOf(filePath) ?? "github-workflow";
  const document = parseCiDocument(text, kind);
  const steps = findFlyctlSteps(document);
  const diagnostics: Diagnostic[] = [];
  for (const rule of ciRules) {
    const severity = options.ruleSettings?.[rule.meta.id] ?? rule.meta.severity;
    if (severity === "off" || steps.length === 0) continue;
    rule.check({
      document,
      steps,
      flyctlVersion: options.flyctlVersion,
      report: ({ range, message, fix }) => diagnostics.push(makeDiagnostic(document, rule.meta, severity, range, message, fix)),
    });
  }
  return { filePath, text: document.text, diagnostics: diagnostics.sort(compareDiagnostics) };
}

export interface CiFixOutcome {
  output: string;
  /** The lint of the fixed text. */
  result: LintResult;
  applied: Diagnostic[];
}

/**
 * Applies the fixes of one lint in one pass: CI fixes pin versions at separate places, so one pass
 * settles them; a fix whose edits would collide with an earlier one waits for the user.
 */
export function fixCiText(text: string, options: CiLintOptions & { unsafe?: boolean } = {}): CiFixOutcome {
  const first = lintCiText(text, options);
  const edits: TextEdit[] = [];
  const applied: Diagnostic[] = [];
  for (const diagnostic of first.diagnostics) {
    const fix = diagnostic.fix;
    if (!fix || (fix.applicability === "unsafe" && !options.unsafe)) continue;
    if (fix.edits.some((edit) => edits.some((taken) => editsOverlap(edit, taken)))) continue;
    edits.push(...fix.edits);
    applied.push(diagnostic);
  }
  const bom = text.startsWith("\uFEFF") ? "\uFEFF" : "";
  const output = edits.length === 0 ? text : bom + applyEdits(first.text, edits);
  return { output, result: edits.length === 0 ? first : lintCiText(output, options), applied };
}
