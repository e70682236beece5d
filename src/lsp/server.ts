import { basename, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { inspect } from "node:util";
import {
  CodeAction,
  CodeActionKind,
  DiagnosticSeverity,
  TextDocumentSyncKind,
  createConnection,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type CodeActionParams,
  type Position,
  type TextEdit as LspTextEdit,
} from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { ConfigResolver, type ProjectConfig } from "../config/project-config.js";
import { isFlyConfigName } from "../files/discover.js";
import { LineIndex } from "../document/line-index.js";
import type { Diagnostic, LintResult } from "../engine/diagnostic.js";
import { fixText } from "../engine/fix.js";
import { lintText, type LintOptions } from "../engine/lint.js";
import { minimalEdits } from "../fixers/minimal-edits.js";
import { indentationAt, lineAt, lineBreakOf } from "../fixers/text.js";
import { rules } from "../rules/index.js";
import { maskEdits, redactResult, type Secrets } from "../secrets/redact.js";
import type { Severity, TextEdit } from "../rules/types.js";
import type { RuleSetting } from "../engine/lint.js";
import { DocumentStore, type SyncOutcome } from "./documents.js";
import { parseEditorRules, rulesOfConfigurationChange, rulesOfInitializationOptions } from "./editor-settings.js";
import { isCount, isRecord } from "./params.js";
import { readRegularFile } from "./sibling-file.js";

/** The code action kind for editors' "fix all on save": `source.fixAll.flylint`. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.flylint`;

const severities: Record<Severity, DiagnosticSeverity> = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information };
const BOM = "\uFEFF";

/**
 * What a published diagnostic carries back to the server for its code actions. A fix whose edits would
 * carry a secret is published `redacted`, without edits; its code action lints the document again for them.
 */
interface DiagnosticData {
  ruleId: string;
  fix?: { title: string; applicability: string; edits: TextEdit[]; redacted?: boolean };
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

/** The linter as the server calls it; the default is flylint's engine, a test may pass one that fails. */
export interface LintEngine {
  lint(text: string, options: LintOptions): LintResult;
  /** The text with every safe fix applied. */
  fix(text: string, options: LintOptions): string;
}

const flylintEngine: LintEngine = { lint: lintText, fix: (text, options) => fixText(text, options).output };

const maxReasonLength = 200;

/** An error as one short line for a diagnostic: its message's first line, or what was thrown. */
export function oneLineReason(error: unknown): string {
  const message = error instanceof Error ? error.message || error.name : String(error);
  const line = message.split(/\r\n|\r|\n/, 1)[0]!.replace(/\s+/g, " ").trim() || "unknown error";
  return line.length > maxReasonLength ? `${line.slice(0, maxReasonLength - 1)}…` : line;
}

/** Everything an error can tell the log: the stack when there is one. */
function logText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
}

/** The one diagnostic a document gets when flylint could not check it, so the old ones do not linger. */
export function couldNotCheck(reason: string): LspDiagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Error,
    source: "flylint",
    message: `flylint could not check this file: ${reason}`,
  };
}

/** Whether a diagnostic's data, as the editor sends it back, is what toLsp wrote. */
function isDiagnosticData(value: unknown): value is DiagnosticData {
  if (!isRecord(value) || typeof value["ruleId"] !== "string") return false;
  const fix = value["fix"];
  if (fix === undefined) return true;
  return (
    isRecord(fix) &&
    typeof fix["title"] === "string" &&
    typeof fix["applicability"] === "string" &&
    Array.isArray(fix["edits"]) &&
    fix["edits"].every((e: unknown) => isRecord(e) && isCount(e["start"]) && isCount(e["end"]) && typeof e["text"] === "string")
  );
}

/** The diagnostics of a code action request that flylint published, with their line checked. */
function flylintDiagnostics(params: CodeActionParams): { diagnostic: LspDiagnostic; data: DiagnosticData }[] {
  const context: unknown = isRecord(params) ? params.context : undefined;
  const diagnostics = isRecord(context) && Array.isArray(context["diagnostics"]) ? (context["diagnostics"] as unknown[]) : [];
  return diagnostics.flatMap((diagnostic) => {
    if (!isRecord(diagnostic) || diagnostic["source"] !== "flylint" || !isDiagnosticData(diagnostic["data"])) return [];
    const range = diagnostic["range"];
    const start = isRecord(range) ? range["start"] : undefined;
    if (!isRecord(start) || !isCount(start["line"])) return [];
    return [{ diagnostic: diagnostic as unknown as LspDiagnostic, data: diagnostic["data"] }];
  });
}

function onlyKinds(params: CodeActionParams): string[] | undefined {
  const only: unknown = isRecord(params) && isRecord(params.context) ? params.context.only : undefined;
  return Array.isArray(only) ? only.filter((kind): kind is string => typeof kind === "string") : undefined;
}

export class FlylintLanguageServer {
  private readonly documents = new DocumentStore();
  private readonly ruleIds = new Set(rules.map((rule) => rule.meta.id));
  /** Rule severities from the editor's settings; they win over flylint.json. */
  private editorRules: Record<string, RuleSetting> = {};

  constructor(
    private readonly connection: Connection,
    private readonly engine: LintEngine = flylintEngine,
  ) {}

  /** Writes to the editor's log for this server; never to stderr, which editors show as a crash. */
  private log(message: string): void {
    try {
      this.connection.console.error(message);
    } catch {
      // The connection is gone: there is nobody left to tell.
    }
  }

  private publish(uri: string, version: number | undefined, diagnostics: LspDiagnostic[]): void {
    try {
      this.connection.sendDiagnostics({ uri, ...(version === undefined ? {} : { version }), diagnostics }).catch((error: unknown) => this.log(`flylint: could not publish diagnostics for ${uri}: ${logText(error)}`));
    } catch (error) {
      this.log(`flylint: could not publish diagnostics for ${uri}: ${logText(error)}`);
    }
  }

  /** Runs a handler so that nothing it throws escapes: the failure is logged and `fallback` answered. */
  private guarded<P, R>(what: string, handler: (params: P) => R, fallback: R): (params: P) => R {
    return (params) => {
      try {
        return handler(params);
      } catch (error) {
        this.log(`flylint: ${what} failed: ${logText(error)}`);
        return fallback;
      }
    };
  }

  /** The document's flylint.json, read afresh each time so edits to it apply without a restart. */
  private configFor(path: string): ProjectConfig | undefined {
    try {
      return new ConfigResolver(this.ruleIds).forFile(path);
    } catch (error) {
      this.log(`flylint: ${oneLineReason(error)}`);
      return undefined;
    }
  }

  /** Lint options for a document: its file's flylint.json, and the files next to it (the Dockerfile). */
  private optionsFor(path: string | undefined, config: ProjectConfig | undefined): LintOptions {
    if (!path) return { ruleSettings: this.editorRules };
    return {
      filePath: path,
      ruleSettings: { ...config?.rules, ...this.editorRules },
      readSiblingFile: (relativePath) => readRegularFile(resolve(dirname(path), relativePath)),
    };
  }

  private toLsp(diagnostic: Diagnostic, mapper: PositionMapper, secrets: Secrets): LspDiagnostic {
    const fix = diagnostic.fix;
    const published = fix && maskEdits(fix.edits, secrets).redacted ? { title: fix.title, applicability: fix.applicability, edits: [], redacted: true } : fix;
    const data: DiagnosticData = { ruleId: diagnostic.ruleId, ...(published ? { fix: published } : {}) };
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

  /** The diagnostics of a document as it is now; throws when flylint fails on it. */
  private diagnosticsOf(document: TextDocument): LspDiagnostic[] {
    if (!this.isFlyConfig(document.uri)) return [];
    const text = document.getText();
    const path = filePathOf(document.uri);
    const config = path ? this.configFor(path) : undefined;
    if (path && config?.ignores(path)) return [];
    const result = redactResult(this.engine.lint(text, this.optionsFor(path, config)));
    const mapper = new PositionMapper(text);
    return result.diagnostics.map((d) => this.toLsp(d, mapper, result.secrets));
  }

  /** Publishes a document's diagnostics, or the one saying it could not be checked: never the old ones. */
  private validate(document: TextDocument): void {
    let diagnostics: LspDiagnostic[];
    try {
      diagnostics = this.diagnosticsOf(document);
    } catch (error) {
      this.log(`flylint could not check ${document.uri} (version ${document.version}): ${logText(error)}`);
      diagnostics = [couldNotCheck(oneLineReason(error))];
    }
    this.publish(document.uri, document.version, diagnostics);
  }

  private synced(outcome: SyncOutcome): void {
    if (outcome.kind === "synced") this.validate(outcome.document);
    else if (outcome.kind === "rejected") {
      this.log(`flylint: ${outcome.uri}: ${outcome.reason}`);
      this.publish(outcome.uri, outcome.version, [couldNotCheck(outcome.reason)]);
    } else this.log(`flylint: ${outcome.reason}`);
  }

  /** "Fix: …" for each fixable diagnostic, "Disable <rule> for this line", and fix-all when asked. */
  private codeActions(params: CodeActionParams): CodeAction[] {
    const document = this.documents.get(isRecord(params) && isRecord(params.textDocument) ? params.textDocument.uri : undefined);
    if (!document) return [];
    const text = document.getText();
    const mapper = new PositionMapper(text);
    const only = onlyKinds(params);
    const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
    const actions: CodeAction[] = [];
    if (wants(CodeActionKind.QuickFix)) {
      for (const { diagnostic, data } of flylintDiagnostics(params)) {
        const edits = data.fix?.redacted ? this.editsOf(document, diagnostic, data.ruleId, mapper) : data.fix?.edits;
        if (data.fix && edits && edits.length > 0) {
          const unsafe = data.fix.applicability === "unsafe" ? " (may change behaviour)" : "";
          const action = CodeAction.create(`Fix: ${data.fix.title}${unsafe}`, { changes: { [document.uri]: edits.map((e) => mapper.edit(e)) } }, CodeActionKind.QuickFix);
          action.diagnostics = [diagnostic];
          action.isPreferred = data.fix.applicability === "safe";
          actions.push(action);
        }
        // A syntax error stops the linting itself; no comment can suppress it.
        if (data.ruleId !== "toml-syntax") actions.push(this.disableForLine(document, diagnostic, data.ruleId, mapper));
      }
    }
    if (only?.some((o) => FIX_ALL_KIND === o || FIX_ALL_KIND.startsWith(`${o}.`)) || (only?.includes(CodeActionKind.Source) ?? false)) {
      const fixAll = this.fixAll(document);
      if (fixAll) actions.push(fixAll);
    }
    return actions;
  }

  /** The edits of a fix published redacted: the document linted again, the same problem at the same place. */
  private editsOf(document: TextDocument, published: LspDiagnostic, ruleId: string, mapper: PositionMapper): TextEdit[] | undefined {
    const path = filePathOf(document.uri);
    const result = this.engine.lint(document.getText(), this.optionsFor(path, path ? this.configFor(path) : undefined));
    const same = (a: Position, b: Position) => a.line === b.line && a.character === b.character;
    const match = result.diagnostics.find((d) => d.ruleId === ruleId && same(mapper.position(d.range.start), published.range.start) && same(mapper.position(d.range.end), published.range.end));
    return match?.fix?.edits;
  }

  /** The fix-all action, or none when nothing changes or flylint fails on the text (the quick fixes still stand). */
  private fixAll(document: TextDocument): CodeAction | undefined {
    const text = document.getText();
    let fixed: string;
    try {
      const path = filePathOf(document.uri);
      fixed = this.engine.fix(text, this.optionsFor(path, path ? this.configFor(path) : undefined));
    } catch (error) {
      this.log(`flylint could not fix ${document.uri} (version ${document.version}): ${logText(error)}`);
      return undefined;
    }
    if (fixed === text) return undefined;
    // Only what changed, not the whole file: the edit then carries no value the fixes left alone (secrets).
    const mapper = new PositionMapper(text);
    const body = (t: string) => (t.startsWith(BOM) ? t.slice(1) : t);
    const edits = text.startsWith(BOM) === fixed.startsWith(BOM) ? minimalEdits(body(text), body(fixed)) : undefined;
    const end = document.positionAt(text.length);
    const changes = edits ? edits.map((e) => mapper.edit(e)) : [{ range: { start: { line: 0, character: 0 }, end }, newText: fixed }];
    return CodeAction.create("Fix all safe flylint problems", { changes: { [document.uri]: changes } }, FIX_ALL_KIND);
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

  /** Takes the editor's rule settings, logging what it leaves out. */
  private useEditorRules(value: unknown): void {
    const { rules: settings, problems } = parseEditorRules(value, this.ruleIds);
    for (const problem of problems) this.log(`flylint: ${problem}`);
    this.editorRules = settings;
  }

  /** Registers every handler, each guarded: a failure is logged and answered, never thrown to the connection. */
  listen(): void {
    const connection = this.connection;
    const takeInitializationOptions = this.guarded("initializationOptions", (options: unknown) => this.useEditorRules(rulesOfInitializationOptions(options)), undefined);
    connection.onInitialize((params) => {
      takeInitializationOptions(isRecord(params) ? params.initializationOptions : undefined);
      return {
        capabilities: {
          textDocumentSync: TextDocumentSyncKind.Incremental,
          codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        },
        serverInfo: { name: "flylint" },
      };
    });
    connection.onDidChangeConfiguration(
      this.guarded(
        "didChangeConfiguration",
        (params: unknown) => {
          const change = rulesOfConfigurationChange(params);
          if (!change) return;
          this.useEditorRules(change.rules);
          for (const document of this.documents.all()) this.validate(document);
        },
        undefined,
      ),
    );
    connection.onDidOpenTextDocument(this.guarded("didOpen", (params: unknown) => this.synced(this.documents.didOpen(params)), undefined));
    connection.onDidChangeTextDocument(this.guarded("didChange", (params: unknown) => this.synced(this.documents.didChange(params)), undefined));
    connection.onDidCloseTextDocument(
      this.guarded(
        "didClose",
        (params: unknown) => {
          const uri = this.documents.didClose(params);
          if (uri !== undefined) this.publish(uri, undefined, []);
        },
        undefined,
      ),
    );
    connection.onCodeAction(this.guarded("codeAction", (params: CodeActionParams) => this.codeActions(params), []));
    connection.listen();
  }

  /** How many documents the server holds: what a leak of closed documents would grow. */
  get openDocuments(): number {
    return this.documents.size;
  }
}

/**
 * `flylint lsp --stdio`: a language server over standard input and output. Its standard error stays
 * empty: editors show anything there as a crash, so console output and stray errors go to the LSP log.
 */
export function startLanguageServer(): Promise<void> {
  const connection = createConnection(process.stdin, process.stdout);
  // Logging must never throw: it runs inside the handlers of last resort.
  const log = (write: (message: string) => void, args: unknown[]) => {
    try {
      write(args.map((a) => (typeof a === "string" ? a : inspect(a))).join(" "));
    } catch {
      // The connection is gone: there is nobody left to tell.
    }
  };
  // Standard output carries the protocol, so a library's console.log there would corrupt it.
  console.log = console.info = console.debug = (...args: unknown[]) => log((m) => connection.console.log(m), args);
  console.warn = (...args: unknown[]) => log((m) => connection.console.warn(m), args);
  console.error = console.trace = (...args: unknown[]) => log((m) => connection.console.error(m), args);
  // The last net under the guarded handlers: log what escaped and keep serving the editor.
  const unexpected = (error: unknown) => log((m) => connection.console.error(m), [`flylint: unexpected error (the server keeps running): ${logText(error)}`]);
  process.on("uncaughtException", unexpected);
  process.on("unhandledRejection", unexpected);
  new FlylintLanguageServer(connection).listen();
  return new Promise((done) => connection.onExit(() => done()));
}
