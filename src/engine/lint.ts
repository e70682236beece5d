import type { LineIndex } from "../document/line-index.js";
import type { Range } from "../document/located.js";
import { parseDocument } from "../document/parse.js";
import { rules as allRules } from "../rules/index.js";
import { tomlSyntax } from "../rules/toml-syntax.js";
import type { Rule, RuleMeta } from "../rules/types.js";
import { analyzeDocument } from "../schema/analyze.js";
import { compareDiagnostics, docsUrlFor, type Diagnostic, type LintResult } from "./diagnostic.js";

export interface LintOptions {
  filePath?: string;
  rules?: readonly Rule[];
}

function makeDiagnostic(meta: RuleMeta, lines: LineIndex, range: Range, message: string): Diagnostic {
  return {
    ruleId: meta.id,
    severity: meta.severity,
    stage: meta.stage,
    message,
    range,
    start: lines.positionAt(range.start),
    end: lines.positionAt(range.end),
    docsUrl: docsUrlFor(meta.id),
  };
}

/** Lints fly.toml text: parse, walk against the schema once, run every rule, sort by position. */
export function lintText(source: string, options: LintOptions = {}): LintResult {
  const filePath = options.filePath ?? "<text>";
  const parsed = parseDocument(source);
  if (!parsed.ok) {
    const diagnostic = makeDiagnostic(tomlSyntax.meta, parsed.lines, parsed.problem.range, `TOML syntax error: ${parsed.problem.message}`);
    return { filePath, text: parsed.text, diagnostics: [diagnostic] };
  }
  const document = parsed.document;
  const schema = analyzeDocument(document.root);
  const diagnostics: Diagnostic[] = [];
  for (const rule of options.rules ?? allRules) {
    rule.check({
      document,
      schema,
      report: ({ range, message }) => diagnostics.push(makeDiagnostic(rule.meta, document.lines, range, message)),
    });
  }
  diagnostics.sort(compareDiagnostics);
  return { filePath, text: document.text, diagnostics };
}
