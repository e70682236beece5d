/**
 * The config kept in the page's address, so a link shares it: `#code/` and the text as raw DEFLATE in
 * base64url. The fragment never reaches a server (browsers do not send it), so the config stays in the
 * browser; CompressionStream is built into browsers and Node, so no library is needed.
 */

const prefix = "#code/";

/** The most text a link may unpack to: a crafted link must not make the page inflate gigabytes. */
export const MAX_SHARED_TEXT_BYTES = 1 << 20;

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

async function readAll(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array | undefined> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function streamOf(bytes: Uint8Array<ArrayBuffer>): ReadableStream<BufferSource> {
  return new ReadableStream<BufferSource>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

/** The address fragment that holds a text. */
export async function encodeShared(text: string): Promise<string> {
  const compressed = await readAll(streamOf(new TextEncoder().encode(text)).pipeThrough(new CompressionStream("deflate-raw")), Number.MAX_SAFE_INTEGER);
  return prefix + toBase64Url(compressed ?? new Uint8Array());
}

/**
 * The text an address fragment holds: undefined when there is none, `{ error }` when it is not one this
 * page wrote (cut short, edited, or too large), so the page can say so instead of failing.
 */
export async function decodeShared(hash: string): Promise<{ text: string } | { error: string } | undefined> {
  if (!hash.startsWith(prefix)) return undefined;
  const bytes = fromBase64Url(hash.slice(prefix.length));
  if (!bytes) return { error: "the link's config is not valid base64url" };
  try {
    const inflated = await readAll(streamOf(bytes).pipeThrough(new DecompressionStream("deflate-raw")), MAX_SHARED_TEXT_BYTES);
    if (!inflated) return { error: `the link's config is larger than ${MAX_SHARED_TEXT_BYTES} bytes` };
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(inflated) };
  } catch {
    return { error: "the link's config is damaged (cut short or edited)" };
  }
}
