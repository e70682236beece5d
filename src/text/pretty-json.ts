/**
 * `JSON.stringify(value, null, 2)` in pieces, byte for byte: the outer `levels` of objects and arrays
 * are written here (members whose value JSON leaves out are left out, as it does), deeper values by
 * JSON.stringify with their lines indented to where they stand (`prettyJsonAt`).
 */
export function prettyJsonPieces(value: unknown, levels: number): Generator<string> {
  return pieces(value, "", levels);
}

/** A value JSON leaves out of an object (and writes as null in an array). */
function isOmittedByJson(value: unknown): boolean {
  return value === undefined || typeof value === "function" || typeof value === "symbol";
}

/**
 * `JSON.stringify(value, null, 2)` as written `depth` levels deep, every line after the first indented to
 * there. Nested in `depth` arrays, the value is indented by JSON.stringify itself, and the arrays' own
 * lines are sliced off: `depth` opening lines of "[" and an indent of 2, 4, ... spaces (d(d+3) characters
 * with their line breaks), and as many closing ones (d(d+1)). Indenting the text afterwards, a replaceAll
 * per value, cost more than the stringify: a 1 MB legacy config's 26 MB report took 250-280 ms that way,
 * 110-170 ms this way. A value with a MappedItems in it is written whole (JSON.stringify calls its toJSON).
 */
export function prettyJsonAt(value: unknown, depth: number): string {
  let nested: unknown = value;
  for (let level = 0; level < depth; level++) nested = [nested];
  const text = JSON.stringify(nested, null, 2);
  return text.slice(depth * (depth + 3), text.length - depth * (depth + 1));
}

/**
 * An array written as JSON.stringify writes its items mapped by `map`, made a block at a time as they are
 * written: a large report's diagnostics then never all exist at once beside the results they come from
 * (140,000 of them, about 30 MB, in a 5 MB legacy config's report).
 */
export class MappedItems<T> {
  constructor(
    readonly items: readonly T[],
    readonly map: (item: T) => unknown,
  ) {}

  toJSON(): unknown[] {
    return this.items.map(this.map);
  }
}

/**
 * A value already written by `prettyJsonAt` at the depth it stands at here, written as it is (a file's part
 * of a report, made in the thread that linted the file).
 */
export class WrittenJson {
  constructor(readonly text: string) {}

  toJSON(): never {
    // JSON.stringify would write it as an object with a text member: it belongs only where pieces are written.
    throw new Error("WrittenJson stands only where prettyJsonPieces writes pieces");
  }
}

function* pieces(value: unknown, indent: string, levels: number): Generator<string> {
  if (value instanceof WrittenJson) {
    yield value.text;
    return;
  }
  if (value instanceof MappedItems) {
    // Its items are written whole at any level, as the last streamed level writes an array's.
    if (value.items.length === 0) yield "[]";
    else yield* leafItems(value.items, indent, value.map);
    return;
  }
  if (levels === 0 || value === null || typeof value !== "object") {
    yield indent === "" ? JSON.stringify(value, null, 2) : prettyJsonAt(value, indent.length / 2);
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield "[]";
      return;
    }
    if (levels === 1) {
      yield* leafItems(value, indent);
      return;
    }
    for (let i = 0; i < value.length; i++) {
      yield `${i === 0 ? "[" : ","}\n${inner}`;
      const item: unknown = value[i];
      yield* pieces(isOmittedByJson(item) ? null : item, inner, levels - 1);
    }
    yield `\n${indent}]`;
    return;
  }
  let first = true;
  for (const [key, member] of Object.entries(value)) {
    if (isOmittedByJson(member)) continue;
    yield `${first ? "{" : ","}\n${inner}${JSON.stringify(key)}: `;
    first = false;
    yield* pieces(member, inner, levels - 1);
  }
  yield first ? "{}" : `\n${indent}}`;
}

/**
 * How many items of an array of leaves one JSON.stringify writes. Few enough that a block's text (about 30,000
 * characters of a report's diagnostics) is made and sliced in V8's young generation: a block of 256 was a
 * large object, fresh memory, for JSON.stringify's text and again for its slice. A 1 MB legacy config's
 * lint, JSON report of 26 MB: 1160 ms with blocks of 256, 980 ms with 32 (16 and 64: the same), medians of
 * 8 alternated runs; one call per item cost more (140-210 ms to write that report, against 100-120 ms a
 * block of 256 at a time).
 */
const itemsPerBlock = 32;

/**
 * A non-empty array whose items are written whole (the last streamed level: a file's diagnostics), a block
 * of items per JSON.stringify: each block written as the array it is a slice of, at the array's depth,
 * with its brackets cut off and the blocks joined as JSON joins items. The slice is a piece of its own, not
 * joined to the text before it: joined, it would be copied once more as it is written.
 */
function* leafItems<T>(value: readonly T[], indent: string, map?: (item: T) => unknown): Generator<string> {
  const inner = `${indent}  `;
  const depth = indent.length / 2;
  for (let from = 0; from < value.length; from += itemsPerBlock) {
    const items = value.slice(from, from + itemsPerBlock);
    // JSON writes an item it leaves out of an object (undefined, a function) as null in an array, as here.
    const block = prettyJsonAt(map ? items.map(map) : items, depth);
    // `[`, a line break and the inner indent before the items; a line break, the indent and `]` after.
    yield `${from === 0 ? "[" : ","}\n${inner}`;
    yield block.slice(2 + inner.length, block.length - indent.length - 2);
  }
  yield `\n${indent}]`;
}

/**
 * Pieces are gathered up to about this many characters before they are handed on (a chunk is shorter than
 * twice it). V8 flattens a gathered chunk when it is encoded: under 64 Ki characters (128 KB of UTF-16) into
 * an object of its young generation, but a longer one into a large object, fresh memory to fault in for every
 * chunk. Encoding the 4.5 MB JSON report of 1,415 configs gathered a million characters at a time took 37 ms,
 * 16 Ki characters at a time 3 ms (60,000: 3 ms, 65,536: 37 ms).
 */
const chunkCharacters = 1 << 14;

/**
 * `JSON.stringify(value, null, 2)` and a line break, in chunks of about 16 thousand characters, its outer
 * `levels` written in pieces (prettyJsonPieces): a report of any size is then never one string and one
 * buffer of its whole size (a 5 MB legacy config's JSON report is 130 MB). The CLI packs the chunks into
 * large writes (writePacked in cli/terminal.ts).
 */
export function prettyJsonChunks(value: unknown, levels: number): Iterable<string> {
  return gathered(withLineBreak(prettyJsonPieces(value, levels)), chunkCharacters);
}

function* withLineBreak(pieces: Iterable<string>): Generator<string> {
  yield* pieces;
  yield "\n";
}

/**
 * Small strings gathered into chunks of at least `size` characters, in order; a string of that size or more
 * (a file's part written ahead) is handed on alone, so that it is never copied into a chunk, and the chunk
 * before it may be shorter, as may the last.
 */
export function* gathered(parts: Iterable<string>, size: number): Generator<string> {
  let chunk = "";
  for (const part of parts) {
    if (part.length >= size) {
      if (chunk !== "") yield chunk;
      chunk = "";
      yield part;
      continue;
    }
    chunk += part;
    if (chunk.length >= size) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk !== "") yield chunk;
}
