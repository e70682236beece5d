import { TextDocument, type TextDocumentContentChangeEvent } from "vscode-languageserver-textdocument";
import { describeValue, isPosition, isRecord } from "./params.js";

/**
 * The open documents, kept from didOpen/didChange/didClose whose params are checked first: the
 * library's TextDocuments takes them on trust, so a `text` that is not a string reached the linter.
 * A document is forgotten on close, so nothing here grows with the edits or the files seen.
 */

/** What a sync notification did: the document to lint now, or why there is none. */
export type SyncOutcome =
  | { kind: "synced"; document: TextDocument }
  | { kind: "rejected"; uri: string; version: number | undefined; reason: string }
  | { kind: "ignored"; reason: string };

/** The change events of a didChange, or why they cannot be applied. */
function parseChanges(changes: unknown): TextDocumentContentChangeEvent[] | string {
  if (!Array.isArray(changes)) return `didChange sent contentChanges as ${describeValue(changes)}, not an array`;
  const parsed: TextDocumentContentChangeEvent[] = [];
  for (const [index, change] of changes.entries()) {
    if (!isRecord(change) || typeof change["text"] !== "string") return `didChange sent change ${index + 1} without text (got ${describeValue(isRecord(change) ? change["text"] : change)})`;
    const range = change["range"];
    if (range === undefined) {
      parsed.push({ text: change["text"] });
      continue;
    }
    if (!isRecord(range) || !isPosition(range["start"]) || !isPosition(range["end"])) return `didChange sent change ${index + 1} with a range that is not two positions`;
    parsed.push({ range: range as { start: { line: number; character: number }; end: { line: number; character: number } }, text: change["text"] });
  }
  return parsed;
}

function uriOf(params: unknown): string | undefined {
  const identifier = isRecord(params) ? params["textDocument"] : undefined;
  return isRecord(identifier) && typeof identifier["uri"] === "string" ? identifier["uri"] : undefined;
}

function versionOf(params: unknown): number | undefined {
  const identifier = isRecord(params) ? params["textDocument"] : undefined;
  const version = isRecord(identifier) ? identifier["version"] : undefined;
  return typeof version === "number" && Number.isInteger(version) ? version : undefined;
}

export class DocumentStore {
  private readonly open = new Map<string, TextDocument>();

  get(uri: unknown): TextDocument | undefined {
    return typeof uri === "string" ? this.open.get(uri) : undefined;
  }

  /** Every open document, for linting them all again when the editor's settings change. */
  all(): TextDocument[] {
    return [...this.open.values()];
  }

  get size(): number {
    return this.open.size;
  }

  didOpen(params: unknown): SyncOutcome {
    const uri = uriOf(params);
    if (uri === undefined) return { kind: "ignored", reason: "didOpen sent no document uri" };
    const version = versionOf(params);
    // Whatever was open under this uri is replaced, even by a document that cannot be read.
    this.open.delete(uri);
    const item = (params as { textDocument: Record<string, unknown> }).textDocument;
    const text = item["text"];
    if (typeof text !== "string") return { kind: "rejected", uri, version, reason: `the editor sent its text as ${describeValue(text)}, not a string` };
    const languageId = typeof item["languageId"] === "string" ? item["languageId"] : "toml";
    const document = TextDocument.create(uri, languageId, version ?? 0, text);
    this.open.set(uri, document);
    return { kind: "synced", document };
  }

  didChange(params: unknown): SyncOutcome {
    const uri = uriOf(params);
    if (uri === undefined) return { kind: "ignored", reason: "didChange sent no document uri" };
    const version = versionOf(params);
    const changes = parseChanges(isRecord(params) ? params["contentChanges"] : undefined);
    const known = this.open.get(uri);
    if (typeof changes === "string") {
      // The editor's text and ours may now differ: forget ours until a whole text comes.
      this.open.delete(uri);
      return { kind: "rejected", uri, version, reason: changes };
    }
    const firstWhole = changes.findIndex((change) => !("range" in change));
    if (!known && firstWhole === -1) return { kind: "rejected", uri, version, reason: "the editor changed a document flylint does not have; close and reopen it" };
    // A whole text replaces everything before it, so a document lost earlier is recovered by one.
    const base = firstWhole === -1 ? known! : TextDocument.create(uri, known?.languageId ?? "toml", version ?? known?.version ?? 0, (changes[firstWhole] as { text: string }).text);
    const rest = firstWhole === -1 ? changes : changes.slice(firstWhole + 1);
    try {
      const document = TextDocument.update(base, rest, version ?? base.version + 1);
      this.open.set(uri, document);
      return { kind: "synced", document };
    } catch (error) {
      this.open.delete(uri);
      return { kind: "rejected", uri, version, reason: `the editor's change could not be applied (${error instanceof Error ? error.message : String(error)})` };
    }
  }

  /** The uri closed, if the params name one. */
  didClose(params: unknown): string | undefined {
    const uri = uriOf(params);
    if (uri !== undefined) this.open.delete(uri);
    return uri;
  }
}
