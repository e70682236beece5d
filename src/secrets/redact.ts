import type { Range, LocatedNode, LocatedScalar } from "../document/located.js";
import { parseDocument } from "../document/parse.js";
import type { Diagnostic, LintResult } from "../engine/diagnostic.js";
import type { TextEdit } from "../rules/types.js";
import { credentialKind, findCredentials, mayHoldCredential, sensitiveName } from "./credentials.js";

/**
 * Secrets are never printed. Each output edge finds the secrets of the text it shows once (`findSecrets`)
 * and masks them: code frames and diffs by offset (`redactText`, `redactLine`), messages, fix titles and
 * edit texts by the secret strings themselves (`maskText`), since those are not slices of the document.
 * The mask is the same whatever the secret's length, so it tells nothing about the secret.
 */
export const MASK = "••••";

const BOM = "\uFEFF";

/** Shortest secret string masked wherever it appears in a message: shorter ones would mask ordinary words. */
const minimumMaskedLength = 4;

export interface Secrets {
  /** Where secrets are in the text (offsets without a BOM), sorted and not overlapping. */
  ranges: readonly Range[];
  /** The secret strings, as written and as read, longest first: what messages and edits are scrubbed of. */
  values: readonly string[];
}

export const noSecrets: Secrets = { ranges: [], values: [] };

/** The characters of a scalar that are its value: a string without its quotes, anything else whole. */
function contentRange(text: string, node: LocatedScalar): Range {
  if (node.type !== "string") return node.range;
  const source = text.slice(node.range.start, node.range.end);
  const quote = source.startsWith('"""') || source.startsWith("'''") ? 3 : 1;
  return { start: node.range.start + quote, end: Math.max(node.range.start + quote, node.range.end - quote) };
}

/**
 * Values that are secret by where they stand or what they look like: every scalar under a key named like
 * a credential (any table: [env], [build.args], check headers), and every string shaped like one.
 */
function structuralSecrets(text: string, root: LocatedNode): { range: Range; value: string }[] {
  const found: { range: Range; value: string }[] = [];
  visitSecrets(text, root, false, found);
  return found;
}

/** The walk of structuralSecrets: every node of every file goes through it, so it iterates without destructuring or a closure. */
function visitSecrets(text: string, node: LocatedNode, secret: boolean, found: { range: Range; value: string }[]): void {
  if (node.kind === "scalar") {
    const isSecret = secret ? node.type !== "boolean" : node.type === "string" && credentialKind(String(node.value)) !== undefined;
    if (isSecret) found.push({ range: contentRange(text, node), value: String(node.value) });
  } else if (node.kind === "array") {
    for (const item of node.items) visitSecrets(text, item, secret, found);
  } else {
    for (const entry of node.entries.values()) visitSecrets(text, entry.node, secret || sensitiveName(entry.key) !== undefined, found);
  }
}

function parsedRoot(text: string): LocatedNode | null {
  const parsed = parseDocument(text);
  return parsed.ok ? parsed.document.root : null;
}

function mergeRanges(ranges: Range[]): Range[] {
  const sorted = ranges.filter((r) => r.end > r.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Range[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

/** The secrets of a fly.toml text: credentials anywhere in it (comments too), and secret values by key. */
export function findSecrets(source: string): Secrets {
  const text = source.startsWith(BOM) ? source.slice(1) : source;
  const ranges: Range[] = findCredentials(text).map(({ start, end }) => ({ start, end }));
  const values = new Set<string>();
  const root = parsedRoot(text);
  if (root) {
    for (const { range, value } of structuralSecrets(text, root)) {
      ranges.push(range);
      values.add(value);
    }
  }
  const merged = mergeRanges(ranges);
  for (const range of merged) {
    const written = text.slice(range.start, range.end);
    values.add(written);
    // A multi-line secret (a PEM key) may be quoted a line at a time.
    for (const line of written.split(/\r\n|\r|\n/)) values.add(line.trim());
  }
  const masked = [...values].filter((value) => value.length >= minimumMaskedLength).sort((a, b) => b.length - a.length);
  return { ranges: merged, values: masked };
}

/** The secret values of several texts (a file before and after its fixes), for scrubbing messages about either. */
export function secretValuesOf(...texts: string[]): Secrets {
  return texts.reduce((secrets, text) => withValuesOf(secrets, findSecrets(text)), noSecrets);
}

/** Secrets with the values of others added (their ranges are not offsets of this text, so none are kept). */
function withValuesOf(secrets: Secrets, more: Secrets): Secrets {
  const values = new Set([...secrets.values, ...more.values]);
  return { ranges: secrets.ranges, values: [...values].sort((a, b) => b.length - a.length) };
}

/** A secret's text masked, its line breaks kept so that line numbers stay true. */
function maskSpan(span: string): string {
  return span.replace(/[^\r\n]+/g, MASK);
}

/** Part of a text with its secrets masked, and where an offset of the original lands in the result. */
export interface RedactedSlice {
  text: string;
  /** The position in `text` of an offset of the original (one inside a secret: the mask's start, or its end). */
  offsetOf(offset: number, side?: "start" | "end"): number;
}

/** `text[from, to)` with every secret in it masked. */
export function redactSlice(text: string, ranges: readonly Range[], from = 0, to = text.length): RedactedSlice {
  const pieces: { start: number; end: number; out: number; length: number; masked: boolean }[] = [];
  let out = "";
  let cursor = from;
  for (const range of ranges) {
    const start = Math.max(range.start, from);
    const end = Math.min(range.end, to);
    if (end <= start || start < cursor) continue;
    pieces.push({ start: cursor, end: start, out: out.length, length: start - cursor, masked: false });
    out += text.slice(cursor, start);
    const mask = maskSpan(text.slice(start, end));
    pieces.push({ start, end, out: out.length, length: mask.length, masked: true });
    out += mask;
    cursor = end;
  }
  pieces.push({ start: cursor, end: to, out: out.length, length: to - cursor, masked: false });
  out += text.slice(cursor, to);
  return {
    text: out,
    offsetOf(offset, side = "start") {
      if (offset <= from) return 0;
      for (const piece of pieces) {
        if (offset < piece.start || offset >= piece.end) continue;
        if (!piece.masked) return piece.out + (offset - piece.start);
        return offset === piece.start || side === "start" ? piece.out : piece.out + piece.length;
      }
      return out.length;
    },
  };
}

/** The ranges that overlap `[from, to)`, found by binary search (a code frame per problem in a file with many secrets). */
export function rangesWithin(ranges: readonly Range[], from: number, to: number): Range[] {
  let low = 0;
  let high = ranges.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((ranges[middle] as Range).end <= from) low = middle + 1;
    else high = middle;
  }
  const within: Range[] = [];
  for (let i = low; i < ranges.length && (ranges[i] as Range).start < to; i++) within.push(ranges[i] as Range);
  return within;
}

/** A whole text with its secrets masked; a byte order mark stays where it was. */
export function redactText(source: string, secrets: Secrets = findSecrets(source)): string {
  if (source.startsWith(BOM)) return BOM + redactSlice(source.slice(1), secrets.ranges).text;
  return redactSlice(source, secrets.ranges).text;
}

/** Secret values by their first characters, so masking a message costs its length, not the number of secrets. */
const prefixIndexes = new WeakMap<readonly string[], Map<string, string[]>>();

function prefixIndex(values: readonly string[]): Map<string, string[]> {
  let index = prefixIndexes.get(values);
  if (!index) {
    index = new Map();
    // `values` is longest first, so each list is too: the longest secret at a position wins.
    for (const value of values) {
      const prefix = value.slice(0, minimumMaskedLength);
      index.set(prefix, [...(index.get(prefix) ?? []), value]);
    }
    prefixIndexes.set(values, index);
  }
  return index;
}

/** A text with every known secret value in it masked, copying the text between them whole. */
function maskValues(text: string, index: Map<string, string[]>): string {
  if (index.size === 0) return text;
  let out = "";
  let copied = 0;
  for (let i = 0; i <= text.length - minimumMaskedLength; ) {
    const secret = index.get(text.slice(i, i + minimumMaskedLength))?.find((value) => text.startsWith(value, i));
    if (!secret) {
      i++;
      continue;
    }
    out += text.slice(copied, i) + MASK;
    i += secret.length;
    copied = i;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/**
 * Free text (a message, a fix title, an edit's new text) with every known secret and any credential in it
 * masked. `mayHoldCredentials` false (known of a group of texts it is part of) skips looking for
 * credentials: masking the known secrets replaces them with a mask no credential pattern can use, so it
 * cannot make one.
 */
export function maskText(text: string, secrets: Secrets, mayHoldCredentials = true): string {
  const out = maskValues(text, prefixIndex(secrets.values));
  if (!mayHoldCredentials) return out;
  const found = findCredentials(out).map(({ start, end }) => ({ start, end }));
  return found.length === 0 ? out : redactSlice(out, mergeRanges(found)).text;
}

/** A fix's edits as a report may show them: masked, and whether masking changed any (then they no longer apply). */
export function maskEdits(edits: readonly TextEdit[], secrets: Secrets): { edits: readonly TextEdit[]; redacted: boolean } {
  // Edits that hold no secret (nearly all) are given back as they are, not copied for every report.
  let masked: TextEdit[] | undefined;
  edits.forEach((edit, index) => {
    const text = maskText(edit.text, secrets);
    if (text === edit.text) return;
    masked ??= [...edits];
    masked[index] = { ...edit, text };
  });
  return masked ? { edits: masked, redacted: true } : { edits, redacted: false };
}

/** A lint result ready for output: messages and fix titles scrubbed, and the secrets of its text found once. */
export interface RedactedResult extends LintResult {
  secrets: Secrets;
}

/** A diagnostic with its message and fix title masked; one they hold no secret in (nearly all) is kept as it is. */
function scrub(diagnostic: Diagnostic, secrets: Secrets, mayHoldCredentials: boolean): Diagnostic {
  const fix = diagnostic.fix;
  const message = maskText(diagnostic.message, secrets, mayHoldCredentials);
  const title = fix ? maskText(fix.title, secrets, mayHoldCredentials) : undefined;
  if (message === diagnostic.message && title === fix?.title) return diagnostic;
  return { ...diagnostic, message, ...(fix ? { fix: { ...fix, title: title as string } } : {}) };
}

/** How many diagnostics' messages and titles one search for credentials covers (scrubAll). */
const scrubGroup = 64;

/**
 * Diagnostics scrubbed, credentials looked for in a group's messages and titles joined, then in each
 * text only of a group that may hold one. Messages nearly never do, and one search of the texts joined
 * costs less than one per text (a 1 MB legacy config has 29,000 messages and as many fix titles).
 */
function scrubAll(diagnostics: readonly Diagnostic[], secrets: Secrets): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (let from = 0; from < diagnostics.length; from += scrubGroup) {
    const group = diagnostics.slice(from, from + scrubGroup);
    // Joined, a need may be found across two texts: then the group is only searched text by text.
    const possible = mayHoldCredential(group.map((d) => (d.fix ? `${d.message}\n${d.fix.title}` : d.message)).join("\n"));
    for (const diagnostic of group) out.push(scrub(diagnostic, secrets, possible));
  }
  return out;
}

/**
 * A result whose messages and fix titles hold no secret of its text (nor any of `earlier`: the secrets of
 * the text the fixes started from, which the `fixed` problems were reported on). Fix edits keep their
 * text: the fix engine and the editor apply them; reports mask them with maskEdits.
 */
export function redactResult(result: LintResult, earlier?: Secrets): RedactedResult {
  return redactWithSecrets(result, findSecrets(result.text), earlier);
}

/** redactResult when the secrets of the result's own text are known already (`own`, from findSecrets). */
export function redactWithSecrets(result: LintResult, own: Secrets, earlier?: Secrets): RedactedResult {
  const scrubbing = earlier ? withValuesOf(own, earlier) : own;
  return {
    ...result,
    diagnostics: scrubAll(result.diagnostics, scrubbing),
    ...(result.fixed ? { fixed: scrubAll(result.fixed, scrubbing) } : {}),
    secrets: scrubbing,
  };
}

/** A result as every formatter reports it: redacted here unless the caller already did (with more to scrub). */
export function reportable(result: LintResult): RedactedResult {
  return "secrets" in result ? (result as RedactedResult) : redactResult(result);
}
