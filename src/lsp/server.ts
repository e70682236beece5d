import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  CodeAction,
  CodeActionKind,
  DiagnosticSeverity,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type Position,
  type TextEdit as LspTextEdit,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { ConfigResolver, type ProjectConfig } from "../config/project-config.js";
import { isFlyConfigName } from "../files/discover.js";
import { LineIndex } from "../document/line-index.js";
import type { Diagnostic } from "../engine/diagnostic.js";
import { fixText } from "../engine/fix.js";
import { lintText, type LintOptions } from "../engine/lint.js";
import { indentationAt, lineAt, lineBreakOf } from "../fixers/text.js";
import { rules } from "../rules/index.js";
import type { Severity, TextEdit } from "../rules/types.js";

/** The code action kind for editors' "fix all on save": `source.fixAll.flylint`. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.flylint`;

const severities: Record<Severity, DiagnosticSeverity> = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information };
const BOM = "\uFEFF";

/** What a published diagnostic carries back to the server for its code actions. */
interface DiagnosticData {
  ruleId: string;
  fix?: { title: string; applicability: string; edits: TextEdit[] };
}

/**
 * flylint's positions count from the text without a byte order mark; an editor's document may keep it,
 * which shifts the first line by one UTF-16 unit.
 */
class PositionMapper {
  private readonly lines: LineIndex;
  private readonly bom: boolean;

  constructor(text: string) {
    this.bom = text.startsWith(BOM);
    this.lines = new LineIndex(this.bom ? text.slice(1) : text);
  }

  position(offset: number): Position {
    const { line, column } = this.lines.positionAt(offset);
    return { line: line - 1, character: column - 1 + (this.bom && line === 1 ? 1 : 0) };
  }

  edit(edit: TextEdit): LspTextEdit {
    return { range: { start: this.position(edit.start), end: this.position(edit.end) }, newText: edit.text };
  }
}

function filePathOf(uri: string): string | undefined {
  return uri.startsWith("file:") ? fileURLToPath(uri) : undefined;
}

export class FlylintLanguageServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly ruleIds = new Set(rules.map((rule) => rule.meta.id));

  constructor(private readonly connection: Connection) {}

  /** The document's flylint.json, read afresh each time so edits to it apply without a restart. */
  private configFor(path: string): ProjectConfig | undefined {
    try {
      return new ConfigResolver(this.ruleIds).forFile(path);
    } catch (error) {
      this.connection.console.error(`flylint: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  /** Lint options for a document: its file's flylint.json, and the files next to it (the Dockerfile). */
  private optionsFor(uri: string): LintOptions {
    const path = filePathOf(uri);
    if (!path) return {};
    const ruleSettings = this.configFor(path)?.rules ?? {};
    return {
      filePath: path,
      ruleSettings,
      readSiblingFile: (relativePath) => {
        const sibling = resolve(dirname(path), relativePath);
        return existsSync(sibling) ? readFileSync(sibling, "utf8") : undefined;
      },
    };
  }

  private toLsp(diagnostic: Diagnostic, mapper: PositionMapper): LspDiagnostic {
    const data: DiagnosticData = { ruleId: diagnostic.ruleId, ...(diagnostic.fix ? { fix: diagnostic.fix } : {}) };
    return {
      range: { start: mapper.position(diagnostic.range.start), end: mapper.position(diagnostic.range.end) },
      severity: severities[diagnostic.severity],
      code: diagnostic.ruleId,
      codeDescription: { href: diagnostic.docsUrl },
      source: "flylint",
      message: diagnostic.message,
      data,
    };
  }

  /**
   * Editors start TOML servers for every .toml file (Cargo.toml, pyproject.toml); only fly.toml and
   * fly.*.toml are fly configs, as on the command line.
   */
  private isFlyConfig(uri: string): boolean {
    const path = filePathOf(uri) ?? uri;
    return isFlyConfigName(basename(path));
  }

  private validate(document: TextDocument): void {
    const text = document.getText();
    const path = filePathOf(document.uri);
    if (!this.isFlyConfig(document.uri) || (path && this.configFor(path)?.ignores(path))) {
      void this.connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: [] });
      return;
    }
    const result = lintText(text, this.optionsFor(document.uri));
    const mapper = new PositionMapper(text);
    void this.connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: result.diagnostics.map((d) => this.toLsp(d, mapper)) });
  }

  /** "Fix: …" for each fixable diagnostic, "Disable <rule> for this line", and fix-all when asked. */
  private codeActions(document: TextDocument, diagnostics: LspDiagnostic[], only: string[] | undefined): CodeAction[] {
    const text = document.getText();
    const mapper = new PositionMapper(text);
    const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
    const actions: CodeAction[] = [];
    if (wants(CodeActionKind.QuickFix)) {
      for (const diagnostic of diagnostics) {
        const data = diagnostic.data as DiagnosticData | undefined;
        if (!data || diagnostic.source !== "flylint") continue;
        if (data.fix) {
          const unsafe = data.fix.applicability === "unsafe" ? " (may change behaviour)" : "";
          const action = CodeAction.create(`Fix: ${data.fix.title}${unsafe}`, { changes: { [document.uri]: data.fix.edits.map((e) => mapper.edit(e)) } }, CodeActionKind.QuickFix);
          action.diagnostics = [diagnostic];
          action.isPreferred = data.fix.applicability === "safe";
          actions.push(action);
        }
        // A syntax error stops the linting itself; no comment can suppress it.
        if (data.ruleId !== "toml-syntax") actions.push(this.disableForLine(document, diagnostic, data.ruleId, mapper));
      }
    }
    if (only?.some((o) => FIX_ALL_KIND === o || FIX_ALL_KIND.startsWith(`${o}.`)) || (only?.includes(CodeActionKind.Source) ?? false)) {
      const fixed = fixText(text, this.optionsFor(document.uri)).output;
      if (fixed !== text) {
        const end = document.positionAt(text.length);
        actions.push(CodeAction.create("Fix all safe flylint problems", { changes: { [document.uri]: [{ range: { start: { line: 0, character: 0 }, end }, newText: fixed }] } }, FIX_ALL_KIND));
      }
    }
    return actions;
  }

  /** A `# flylint-disable-next-line <rule>` comment above the diagnostic's line, indented like it. */
  private disableForLine(document: TextDocument, diagnostic: LspDiagnostic, ruleId: string, mapper: PositionMapper): CodeAction {
    const text = document.getText();
    const body = text.startsWith(BOM) ? text.slice(1) : text;
    const lineStart = new LineIndex(body).offsetAt({ line: diagnostic.range.start.line + 1, column: 1 });
    const indent = indentationAt(body, lineStart);
    const insert: TextEdit = { start: lineAt(body, lineStart).start, end: lineAt(body, lineStart).start, text: `${indent}# flylint-disable-next-line ${ruleId}${lineBreakOf(body)}` };
    const action = CodeAction.create(`Disable ${ruleId} for this line`, { changes: { [document.uri]: [mapper.edit(insert)] } }, CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    return action;
  }

  listen(): void {
    const connection = this.connection;
    connection.onInitialize(() => ({
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      },
      serverInfo: { name: "flylint" },
    }));
    // TextDocuments reports an opened document as changed too, so this covers open and change.
    this.documents.onDidChangeContent((event) => this.validate(event.document));
    this.documents.onDidClose((event) => void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] }));
    connection.onCodeAction((params) => {
      const document = this.documents.get(params.textDocument.uri);
      return document ? this.codeActions(document, params.context.diagnostics, params.context.only) : [];
    });
    this.documents.listen(connection);
    connection.listen();
  }
}

/** `flylint lsp --stdio`: a language server over standard input and output. */
export function startLanguageServer(): Promise<void> {
  const connection = createConnection(process.stdin, process.stdout);
  new FlylintLanguageServer(connection).listen();
  return new Promise((done) => connection.onExit(() => done()));
}
