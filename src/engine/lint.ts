import type { LineIndex } from "../document/line-index.js";
import type { Range } from "../document/located.js";
import { parseDocument } from "../document/parse.js";
import { rules as allRules } from "../rules/index.js";
import { nestingLimit } from "../rules/nesting-limit.js";
import { tomlSyntax } from "../rules/toml-syntax.js";
import type { Fix, Rule, RuleContext, RuleMeta, Severity } from "../rules/types.js";
import { unusedSuppression, unusedSuppressionReports } from "../rules/unused-suppression.js";
import { AppModel } from "../model/app-model.js";
import { analyzeDocument, type SchemaAnalysis } from "../schema/analyze.js";
import { compareDiagnostics, docsUrlOf, type Diagnostic, type LintResult } from "./diagnostic.js";
import { parseSuppressions, suppresses, type SuppressionDirective } from "./suppressions.js";

/** A rule's severity as configured: one of the severities, or off. */
export type RuleSetting = Severity | "off";

export interface LintOptions {
  filePath?: string;
  /** The rules to run (default: all of them). */
  rules?: readonly Rule[];
  /** Per-rule severity overrides from the command line or a config file. */
  ruleSettings?: Readonly<Record<string, RuleSetting>>;
  /** Reads a file relative to the config's folder (the CLI passes one; text alone reads nothing). */
  readSiblingFile?: (relativePath: string) => string | undefined;
  /** Honour `flylint-disable` comments (default true). */
  inlineSuppressions?: boolean;
}

/** Said of every deploy-stage problem, so nobody takes a passing `fly config validate` for an all-clear. */
export const DEPLOY_STAGE_NOTE = " (fly config validate does not catch this)";

/** A rule reported a fix its metadata does not declare: a bug in the rule, as ESLint and Ruff treat it. */
export class RuleContractError extends Error {}

/**
 * The same text, flattened now. V8 keeps a string built by `+` or a template literal as a tree of its
 * pieces (a ConsString for 13 characters or more): a message was 5 to 8 such nodes, about 250 bytes, held
 * until the report, where JSON.stringify or postMessage flattened it into a copy anyway. Reading a
 * character makes V8 flatten it in place (String::Flatten), so the tree is garbage at once: on a 5 MB
 * legacy config (140,000 problems) 541 MB peak RSS instead of 567, and 2.7 s instead of 3.3.
 */
function flattened(text: string): string {
  text.charCodeAt(0);
  return text;
}

function makeDiagnostic(meta: RuleMeta, severity: Severity, lines: LineIndex, range: Range, message: string, fix?: Fix): Diagnostic {
  const diagnostic: Diagnostic = {
    ruleId: meta.id,
    severity,
    stage: meta.stage,
    message: flattened(meta.stage === "deploy" ? `${message}${DEPLOY_STAGE_NOTE}` : message),
    range,
    start: lines.positionAt(range.start),
    end: lines.positionAt(range.end),
    docsUrl: docsUrlOf(meta),
  };
  if (fix) {
    if (!meta.fix) throw new RuleContractError(`rule ${meta.id} reported a fix but its metadata declares none`);
    diagnostic.fix = { title: flattened(fix.title), applicability: meta.fix, edits: fix.edits };
  }
  return diagnostic;
}

/** Suppression directives by the line they apply to, and those for the whole file, each in file order. */
interface DirectiveIndex {
  file: SuppressionDirective[];
  byLine: Map<number, SuppressionDirective[]>;
  order: Map<SuppressionDirective, number>;
}

function directivesByLine(directives: readonly SuppressionDirective[]): DirectiveIndex {
  const index: DirectiveIndex = { file: [], byLine: new Map(), order: new Map() };
  directives.forEach((directive, position) => {
    index.order.set(directive, position);
    if (directive.targetLine === undefined) index.file.push(directive);
    else index.byLine.set(directive.targetLine, [...(index.byLine.get(directive.targetLine) ?? []), directive]);
  });
  return index;
}

/**
 * The directives that can suppress a diagnostic on a line, in file order (the first that suppresses it
 * records the use), without looking at every directive for every diagnostic.
 */
function candidatesFor(index: DirectiveIndex, line: number): SuppressionDirective[] {
  const onLine = index.byLine.get(line);
  if (!onLine) return index.file;
  if (index.file.length === 0) return onLine;
  return [...index.file, ...onLine].sort((a, b) => (index.order.get(a) as number) - (index.order.get(b) as number));
}

let ruleIds: ReadonlySet<string> | undefined;

/** Every rule's id, to tell a misspelled rule in a suppression comment from a known one; made on first use. */
function knownRuleIds(): ReadonlySet<string> {
  ruleIds ??= new Set(allRules.map((rule) => rule.meta.id));
  return ruleIds;
}

/** The diagnostics no directive suppresses (the directives record which of them were used). */
function unsuppressed(diagnostics: readonly Diagnostic[], directives: readonly SuppressionDirective[]): Diagnostic[] {
  const candidates = directivesByLine(directives);
  return diagnostics.filter((d) => !candidatesFor(candidates, d.start.line).some((directive) => suppresses(directive, d.ruleId, d.start.line)));
}

/** Lints fly.toml text: parse, walk against the schema once, run every rule, apply suppressions, sort. */
export function lintText(source: string, options: LintOptions = {}): LintResult {
  return lintAndAnalyze(source, options).result;
}

/**
 * lintText, and the text's schema analysis when it parsed: the fix engine checks what flyctl reads on
 * the analysis the lint already made instead of parsing the same text again.
 */
export function lintAndAnalyze(source: string, options: LintOptions = {}): { result: LintResult; analysis?: SchemaAnalysis } {
  const filePath = options.filePath ?? "<text>";
  const settings = options.ruleSettings;
  // Asked of every rule on every file: most runs set no severity at all.
  const severityOf = settings === undefined ? (meta: RuleMeta): RuleSetting => meta.severity : (meta: RuleMeta): RuleSetting => settings[meta.id] ?? meta.severity;
  const parsed = parseDocument(source);
  if (!parsed.ok) {
    const meta = parsed.problem.kind === "nesting" ? nestingLimit.meta : tomlSyntax.meta;
    const severity = severityOf(meta);
    const message = parsed.problem.kind === "nesting" ? parsed.problem.message : `TOML syntax error: ${parsed.problem.message}`;
    const diagnostics = severity === "off" ? [] : [makeDiagnostic(meta, severity, parsed.lines, parsed.problem.range, message)];
    return { result: { filePath, text: parsed.text, diagnostics } };
  }
  const document = parsed.document;
  const schema = analyzeDocument(document.root);
  const model = new AppModel(schema);
  const raw: Diagnostic[] = [];
  // One context for every rule, reporting for the rule running: 62 rules on every file of a folder run.
  let running!: RuleMeta;
  let runningSeverity!: Severity;
  const context: RuleContext = {
    document,
    schema,
    model,
    readSiblingFile: options.readSiblingFile ?? (() => undefined),
    report: ({ range, message, fix }) => raw.push(makeDiagnostic(running, runningSeverity, document.lines, range, message, fix)),
  };
  for (const rule of options.rules ?? allRules) {
    const severity = severityOf(rule.meta);
    if (severity === "off") continue;
    running = rule.meta;
    runningSeverity = severity;
    rule.check(context);
  }
  if (options.inlineSuppressions === false) return { result: { filePath, text: document.text, diagnostics: raw.sort(compareDiagnostics) }, analysis: schema };

  const directives = parseSuppressions(document);
  const kept = directives.length === 0 ? raw : unsuppressed(raw, directives);
  const unusedSeverity = severityOf(unusedSuppression.meta);
  if (directives.length > 0 && unusedSeverity !== "off" && (options.rules === undefined || options.rules.includes(unusedSuppression))) {
    for (const report of unusedSuppressionReports(document, directives, knownRuleIds())) {
      kept.push(makeDiagnostic(unusedSuppression.meta, unusedSeverity, document.lines, report.range, report.message, report.fix));
    }
  }
  return { result: { filePath, text: document.text, diagnostics: kept.sort(compareDiagnostics) }, analysis: schema };
}
