import type { Diagnostic as LspDiagnostic, DiagnosticSeverity, Position, TextEdit as LspTextEdit } from "vscode-languageserver/node";
import { LineIndex } from "../document/line-index.js";
import type { Diagnostic, LintResult } from "../engine/diagnostic.js";
import type { Severity, TextEdit } from "../rules/types.js";
import { maskEdits, redactResult, type Secrets } from "../secrets/redact.js";

// flylint's diagnostics as the editor receives them. Shared by the server and its lint worker, so only
// types come from the LSP libraries: the worker bundle carries the engine and nothing of the protocol.

/** LSP's DiagnosticSeverity values (Error 1, Warning 2, Information 3), written out so no protocol code is bundled. */
const severities: Record<Severity, DiagnosticSeverity> = { error: 1, warning: 2, info: 3 };
export const BOM = "\uFEFF";

/**
 * What a published diagnostic carries back to the server for its code actions. A fix whose edits would
 * carry a secret is published `redacted`, without edits; its code action lints the document again for them.
 */
export interface DiagnosticData {
  ruleId: string;
  fix?: { title: string; applicability: string; edits: TextEdit[]; redacted?: boolean };
}

/**
 * flylint's positions count from the text without a byte order mark; an editor's document may keep it,
 * which shifts the first line by one UTF-16 unit.
 */
export class PositionMapper {
  private readonly lines: LineIndex;
  private readonly bom: boolean;

  constructor(text: string) {
    this.bom = text.startsWith(BOM);
    this.lines = new LineIndex(this.bom ? text.slice(1) : text);
  }

  position(offset: number): Position {
    return editorPosition(this.lines.positionAt(offset), this.bom);
  }

  edit(edit: TextEdit): LspTextEdit {
    return { range: { start: this.position(edit.start), end: this.position(edit.end) }, newText: edit.text };
  }
}

/** A flylint line and column (1-based, counted without a byte order mark) as an editor's 0-based position. */
function editorPosition({ line, column }: { line: number; column: number }, bom: boolean): Position {
  return { line: line - 1, character: column - 1 + (bom && line === 1 ? 1 : 0) };
}

function toLsp(diagnostic: Diagnostic, bom: boolean, secrets: Secrets): LspDiagnostic {
  const fix = diagnostic.fix;
  const published = fix && maskEdits(fix.edits, secrets).redacted ? { title: fix.title, applicability: fix.applicability, edits: [], redacted: true } : fix;
  const data: DiagnosticData = { ruleId: diagnostic.ruleId, ...(published ? { fix: published } : {}) };
  return {
    range: { start: editorPosition(diagnostic.start, bom), end: editorPosition(diagnostic.end, bom) },
    severity: severities[diagnostic.severity],
    code: diagnostic.ruleId,
    codeDescription: { href: diagnostic.docsUrl },
    source: "flylint",
    message: diagnostic.message,
    data,
  };
}

/**
 * A lint result of `text` as LSP diagnostics, its secrets masked (with the lint's parse: parseDocument keeps
 * its last result). Their ranges are the lines and columns the lint worked out for each diagnostic.
 */
export function lspDiagnostics(text: string, result: LintResult): LspDiagnostic[] {
  const redacted = redactResult(result);
  const bom = text.startsWith(BOM);
  return redacted.diagnostics.map((d) => toLsp(d, bom, redacted.secrets));
}
