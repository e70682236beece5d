import type { LocatedEntry, LocatedNode, LocatedTable } from "../document/located.js";
import type { FlyDocument } from "../document/parse.js";
import { commentsStartingIn, formatKey, lineAt } from "./text.js";

/**
 * Writes TOML text for a section being moved or rebuilt (e.g. a [[services]] block rewritten as
 * [http_service]): values are copied as their source text, so quotes, number spellings and inline
 * tables stay as the author wrote them, and each copied line takes its comments along.
 */
export class SectionWriter {
  readonly lines: string[] = [];
  /** Start offsets of the comments already written, so none is written twice or lost silently. */
  readonly carried = new Set<number>();

  constructor(
    readonly document: FlyDocument,
    /** One level of indentation, as the file uses it ("" for flat files). */
    readonly unit: string,
    /** Comments before this offset stay where they are and are never copied. */
    readonly floor = 0,
  ) {}

  source(node: LocatedNode): string {
    return this.document.text.slice(node.range.start, node.range.end);
  }

  private commentsInside(start: number, end: number) {
    return commentsStartingIn(this.document, start, end);
  }

  /** Full-line comments directly above the line holding `offset` (no blank line between). */
  private leadingComments(offset: number): { text: string; start: number }[] {
    const text = this.document.text;
    const out: { text: string; start: number }[] = [];
    let line = lineAt(text, offset);
    while (line.start > this.floor) {
      const previous = lineAt(text, line.start - 1);
      const content = text.slice(previous.start, previous.contentEnd).trim();
      if (!content.startsWith("#")) break;
      out.unshift({ text: content, start: previous.start + text.slice(previous.start, previous.contentEnd).indexOf("#") });
      line = previous;
    }
    return out;
  }

  /** The comment after the code on the line holding `offset`, if any. */
  private trailingComment(offset: number): { text: string; start: number } | undefined {
    const line = lineAt(this.document.text, offset);
    const comment = this.commentsInside(offset, line.contentEnd)[0];
    return comment && { text: this.document.text.slice(comment.range.start, comment.range.end), start: comment.range.start };
  }

  /** Writes a line, preceded by the comments above `from` and followed by the one after it on its line. */
  writeLine(depth: number, code: string, from?: number, trailingFrom?: number): void {
    const indent = this.unit.repeat(depth);
    if (from !== undefined) {
      for (const comment of this.leadingComments(from)) {
        if (this.carried.has(comment.start)) continue;
        this.carried.add(comment.start);
        this.lines.push(`${indent}${comment.text}`);
      }
    }
    const trailing = trailingFrom === undefined ? undefined : this.trailingComment(trailingFrom);
    if (trailing && !this.carried.has(trailing.start)) {
      this.carried.add(trailing.start);
      this.lines.push(`${indent}${code} ${trailing.text}`);
    } else this.lines.push(`${indent}${code}`);
  }

  /** `key = <source text>` for an entry, with its comments. */
  writeEntry(depth: number, key: string, entry: LocatedEntry, valueText?: string): void {
    const start = entry.lineRange?.start ?? entry.keyRange.start;
    const end = entry.lineRange?.end ?? entry.node.range.end;
    this.writeLine(depth, `${formatKey(key)} = ${valueText ?? this.source(entry.node)}`, start, end);
  }

  /**
   * A table under a new name: `name = { ... }` when it was inline, else a `[name]` header followed by
   * its entries (sub-tables recursively).
   */
  writeTable(depth: number, name: string, key: string, entry: LocatedEntry): void {
    const table = entry.node;
    if (table.kind !== "table" || table.form === "inline") {
      this.writeEntry(depth, key, entry);
      return;
    }
    this.writeHeader(depth, `[${name}]`, table);
    this.writeEntries(depth + 1, name, table);
  }

  /** A `[header]` line; sub-table headers get a blank line before them, as flyctl writes them. */
  writeHeader(depth: number, header: string, table?: LocatedTable): void {
    if (depth > 0) this.lines.push("");
    this.writeLine(depth, header, table?.header?.start, table?.header?.end);
  }

  /** The entries of a table: values first, then sub-tables, as TOML requires. */
  writeEntries(depth: number, name: string, table: LocatedTable): void {
    const entries = [...table.entries.values()];
    const isSection = (e: LocatedEntry) => e.node.kind === "table" && e.node.form !== "inline";
    for (const entry of entries.filter((e) => !isSection(e))) this.writeEntry(depth, entry.key, entry);
    for (const entry of entries.filter(isSection)) this.writeTable(depth, `${name}.${formatKey(entry.key)}`, entry.key, entry);
  }

  /** Comments inside a range that nothing written so far has carried. */
  uncarriedComments(start: number, end: number): string[] {
    return this.commentsInside(start, end)
      .filter((c) => !this.carried.has(c.range.start))
      .map((c) => {
        this.carried.add(c.range.start);
        return this.document.text.slice(c.range.start, c.range.end);
      });
  }
}
