import { basename, join } from "node:path";
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
} from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { ConfigResolver, type ProjectConfig } from "../config/project-config.js";
import { isFlyConfigName } from "../files/discover.js";
import { LineIndex } from "../document/line-index.js";
import type { LintResult } from "../engine/diagnostic.js";
import { fixText } from "../engine/fix.js";
import { lintText, type LintOptions } from "../engine/lint.js";
import { minimalEdits } from "../fixers/minimal-edits.js";
import { indentationAt, lineAt, lineBreakOf } from "../fixers/text.js";
import { rules } from "../rules/index.js";
import type { TextEdit } from "../rules/types.js";
import type { RuleSetting } from "../engine/lint.js";
import { DocumentStore, type SyncOutcome } from "./documents.js";
import { parseEditorRules, rulesOfConfigurationChange, rulesOfInitializationOptions } from "./editor-settings.js";
import { logText, oneLineReason } from "./failure.js";
import { answer, lintOptions, type LintReply } from "./lint-job.js";
import { defaultLintLimits, LintScheduler, type LintJob, type LintLimits } from "./lint-scheduler.js";
import { LintThread } from "./lint-thread.js";
import { BOM, PositionMapper, type DiagnosticData } from "./lsp-diagnostics.js";
import { isCount, isRecord } from "./params.js";

export { oneLineReason } from "./failure.js";

/** The code action kind for editors' "fix all on save": `source.fixAll.flylint`. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.flylint`;

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

/** Where large documents are linted: the worker's script, and what counts as large. */
export interface OffThreadOptions extends Partial<LintLimits> {
  /** The lint worker's script; the default is dist/lsp-worker.cjs, next to this bundle (dist/lsp.cjs). */
  workerScript?: string;
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
  private readonly scheduler: LintScheduler;
  private thread: LintThread | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly engine: LintEngine = flylintEngine,
    offThread: OffThreadOptions = {},
  ) {
    const { workerScript, ...limits } = offThread;
    // The worker runs flylint's engine; another engine (a test's) cannot cross threads, so it lints everything here.
    const everythingHere = engine !== flylintEngine && workerScript === undefined;
    this.scheduler = new LintScheduler(
      everythingHere ? { ...defaultLintLimits, maxInlineLength: Infinity, minWorkerLength: Infinity } : { ...defaultLintLimits, ...limits },
      // flylint's own engine hands over its parse of the text, so the secrets are found without another.
      (request) => answer(request, (text, options) => this.engine.lint(text, options)),
      () => (this.thread ??= new LintThread(workerScript ?? join(__dirname, "lsp-worker.cjs"), (message) => this.log(message))),
      (job, reply) => this.settled(job, reply),
    );
  }

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

  /** The rule settings of a document: its file's flylint.json, with the editor's settings over it. */
  private ruleSettingsFor(path: string | undefined, config: ProjectConfig | undefined): Record<string, RuleSetting> {
    return path ? { ...config?.rules, ...this.editorRules } : this.editorRules;
  }

  /** Lint options for a document: its rule settings, and the files next to it (the Dockerfile). */
  private optionsFor(path: string | undefined, config: ProjectConfig | undefined): LintOptions {
    return lintOptions(path, this.ruleSettingsFor(path, config));
  }

  /**
   * Editors start TOML servers for every .toml file (Cargo.toml, pyproject.toml); only fly.toml and
   * fly.*.toml are fly configs, as on the command line.
   */
  private isFlyConfig(uri: string): boolean {
    const path = filePathOf(uri) ?? uri;
    return isFlyConfigName(basename(path));
  }

  /** What to lint of a document as it is now, or undefined when flylint has nothing to say of it; throws when flylint fails on it. */
  private jobFor(document: TextDocument): LintJob | undefined {
    if (!this.isFlyConfig(document.uri)) return undefined;
    const path = filePathOf(document.uri);
    const config = path ? this.configFor(path) : undefined;
    if (path && config?.ignores(path)) return undefined;
    const request = { text: document.getText(), ruleSettings: this.ruleSettingsFor(path, config), ...(path ? { filePath: path } : {}) };
    return { uri: document.uri, version: document.version, request };
  }

  /**
   * Lints a document as it is now, here or in the lint worker (src/lsp/lint-scheduler.ts decides), and
   * publishes its diagnostics or the one saying it could not be checked: never the old ones.
   */
  private validate(document: TextDocument): void {
    let job: LintJob | undefined;
    try {
      job = this.jobFor(document);
    } catch (error) {
      this.scheduler.settle(document.uri);
      this.couldNotCheck({ uri: document.uri, version: document.version }, { reason: oneLineReason(error), detail: logText(error) });
      return;
    }
    if (job) this.scheduler.lint(job);
    else this.settle(document.uri, document.version, []);
  }

  /** Publishes what is known without linting; a lint of the document still under way is then dropped. */
  private settle(uri: string, version: number | undefined, diagnostics: LspDiagnostic[]): void {
    this.scheduler.settle(uri);
    this.publish(uri, version, diagnostics);
  }

  /** Logs why flylint failed on a document's version and publishes the one diagnostic that says so. */
  private couldNotCheck(document: { uri: string; version: number | undefined }, failure: { reason: string; detail: string }): void {
    this.log(`flylint could not check ${document.uri} (version ${document.version}): ${failure.detail}`);
    this.publish(document.uri, document.version, [couldNotCheck(failure.reason)]);
  }

  /** A lint's answer, still the latest for its document. */
  private settled(job: LintJob, reply: LintReply): void {
    if ("failure" in reply) this.couldNotCheck(job, reply.failure);
    else this.publish(job.uri, job.version, reply.diagnostics);
  }

  private synced(outcome: SyncOutcome): void {
    if (outcome.kind === "synced") this.validate(outcome.document);
    else if (outcome.kind === "rejected") {
      this.log(`flylint: ${outcome.uri}: ${outcome.reason}`);
      this.settle(outcome.uri, outcome.version, [couldNotCheck(outcome.reason)]);
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
          if (uri === undefined) return;
          this.scheduler.forget(uri);
          this.publish(uri, undefined, []);
        },
        undefined,
      ),
    );
    connection.onCodeAction(this.guarded("codeAction", (params: CodeActionParams) => this.codeActions(params), []));
    connection.listen();
  }

  /** Stops the lint worker, if one was started. */
  dispose(): void {
    this.thread?.stop();
  }

  /** How many documents the server holds anything for: what a leak of closed documents would grow. */
  get openDocuments(): number {
    return Math.max(this.documents.size, this.scheduler.size);
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
  const server = new FlylintLanguageServer(connection);
  server.listen();
  return new Promise((done) =>
    connection.onExit(() => {
      server.dispose();
      done();
    }),
  );
}
