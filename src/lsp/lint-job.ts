import type { Diagnostic as LspDiagnostic } from "vscode-languageserver/node";
import type { LintResult } from "../engine/diagnostic.js";
import type { LintOptions, RuleSetting } from "../engine/lint.js";
import { siblingReader } from "../files/read.js";
import { logText, oneLineReason } from "./failure.js";
import { lspDiagnostics } from "./lsp-diagnostics.js";
import { readRegularFile } from "./sibling-file.js";

/**
 * One lint of one document's text, as plain data: the server runs it on its own thread or posts it to
 * the lint worker (src/lsp/lint-worker.ts), and both answer it with `answer`, so the two paths agree.
 */
export interface LintRequest {
  /** Which request this is (the server numbers every text it lints), so a late answer can be told stale. */
  ticket: number;
  text: string;
  /** The document's file, when it is one: the folder its Dockerfile is read from. */
  filePath?: string;
  /** flylint.json's rules with the editor's settings over them, resolved by the server. */
  ruleSettings: Readonly<Record<string, RuleSetting>>;
}

export type LintReply =
  | { ticket: number; diagnostics: LspDiagnostic[]; milliseconds: number }
  | { ticket: number; failure: { reason: string; detail: string }; milliseconds: number };

/** Lint options for a document: its rule settings, and the files next to it (the Dockerfile), each read once per lint. */
export function lintOptions(filePath: string | undefined, ruleSettings: Readonly<Record<string, RuleSetting>>): LintOptions {
  if (!filePath) return { ruleSettings };
  return { filePath, ruleSettings, readSiblingFile: siblingReader(filePath, readRegularFile) };
}

/**
 * A stopwatch for what a lint cost: the smaller of its wall time and the process's CPU time over it. On a
 * loaded machine wall time counts waiting for a core; process CPU time counts the other thread too (Node
 * 20 has no per-thread figure), so each alone can overstate it, and the smaller is the better estimate.
 */
function stopwatch(): () => number {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return Math.min(performance.now() - wall, (used.user + used.system) / 1000);
  };
}

/** Lints a request's text and answers with its diagnostics, or with why flylint failed on it; never throws. */
export function answer(request: LintRequest, lint: (text: string, options: LintOptions) => LintResult): LintReply {
  const elapsed = stopwatch();
  try {
    const result = lint(request.text, lintOptions(request.filePath, request.ruleSettings));
    const diagnostics = lspDiagnostics(request.text, result);
    return { ticket: request.ticket, diagnostics, milliseconds: elapsed() };
  } catch (error) {
    return { ticket: request.ticket, failure: { reason: oneLineReason(error), detail: logText(error) }, milliseconds: elapsed() };
  }
}
