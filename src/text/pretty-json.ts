/**
 * `JSON.stringify(value, null, 2)` in pieces, byte for byte: the outer `levels` of objects and arrays
 * are written here (members whose value JSON leaves out are left out, as it does), deeper values by
 * JSON.stringify with their lines indented to where they stand. JSON escapes newlines inside strings,
 * so every newline of a nested value is one of its own line breaks.
 */
export function prettyJsonPieces(value: unknown, levels: number): Generator<string> {
  return pieces(value, "", levels);
}

/** A value JSON leaves out of an object (and writes as null in an array). */
function isOmittedByJson(value: unknown): boolean {
  return value === undefined || typeof value === "function" || typeof value === "symbol";
}

function* pieces(value: unknown, indent: string, levels: number): Generator<string> {
  if (levels === 0 || value === null || typeof value !== "object") {
    const text = JSON.stringify(value, null, 2);
    yield indent === "" ? text : text.replaceAll("\n", `\n${indent}`);
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield "[]";
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

/** Small strings gathered into chunks of at least `size` characters (the last one may be shorter), in order. */
export function* gathered(parts: Iterable<string>, size: number): Generator<string> {
  let chunk = "";
  for (const part of parts) {
    chunk += part;
    if (chunk.length >= size) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk !== "") yield chunk;
}

