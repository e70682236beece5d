import { isMap } from "yaml";
import type { Fix, TextEdit } from "../rules/types.js";
import type { CiDocument } from "./document.js";
import type { ActionStep, ImageRef, InstallScript } from "./flyctl-steps.js";

/** The version as setup-flyctl and install.sh take it (0.4.87), and as the image tags it (v0.4.87). */
export const bareVersion = (version: string) => version.replace(/^v/, "");
export const imageTag = (version: string) => `v${bareVersion(version)}`;

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

/** The offset of the line break ending the line at `offset` (before a \r), or the text's end. */
function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf("\n", offset);
  if (newline < 0) return text.length;
  return text[newline - 1] === "\r" ? newline - 1 : newline;
}

/**
 * Pins setup-flyctl: writes `version:` over "latest", or adds it as the first key of `with:`, or adds
 * `with:` under `uses:`. Only block-style steps are edited; a flow map `{ uses: … }` gets no fix.
 */
export function pinActionVersion(document: CiDocument, step: ActionStep, version: string): Fix | undefined {
  const text = document.text;
  const value = bareVersion(version);
  const title = `Pin flyctl ${value}`;
  if (step.version) return { title, edits: [{ start: step.version.range.start, end: step.version.range.end, text: value }] };
  if (step.step.flow) return undefined;
  const usesKey = step.step.items.find((pair) => pair.value === step.uses.node)?.key as { range?: [number, number, number] } | undefined;
  if (!usesKey?.range) return undefined;
  const eol = document.eol;
  if (step.withPair) {
    const withMap = step.withPair.value;
    if (!isMap(withMap) || withMap.flow || withMap.items.length === 0) return undefined;
    const firstKey = withMap.items[0]?.key as { range?: [number, number, number] } | undefined;
    if (!firstKey?.range) return undefined;
    const start = lineStart(text, firstKey.range[0]);
    const indent = text.slice(start, firstKey.range[0]);
    if (!/^[ ]*$/.test(indent)) return undefined;
    const edit: TextEdit = { start, end: start, text: `${indent}version: ${value}${eol}` };
    return { title, edits: [edit] };
  }
  const indent = " ".repeat(usesKey.range[0] - lineStart(text, usesKey.range[0]));
  const at = lineEnd(text, step.uses.range.end);
  return { title, edits: [{ start: at, end: at, text: `${eol}${indent}with:${eol}${indent}  version: ${value}` }] };
}

/** Pins install.sh: `| sh` → `| sh -s 0.4.87`, `| sh -s` → `| sh -s 0.4.87`, or the version argument replaced. */
export function pinInstallScript(script: InstallScript, version: string): Fix {
  const value = bareVersion(version);
  const title = `Pin flyctl ${value}`;
  if (script.version) return { title, edits: [{ ...script.version.range, text: value }] };
  return { title, edits: [{ start: script.insertAt, end: script.insertAt, text: script.hasDashS ? ` ${value}` : ` -s ${value}` }] };
}

/** Pins an image: `flyio/flyctl` or `flyio/flyctl:latest` → `flyio/flyctl:v0.4.87`. */
export function pinImage(image: ImageRef, version: string): Fix {
  const tag = imageTag(version);
  const title = `Use the image tag ${tag}`;
  if (image.tag) return { title, edits: [{ ...image.tag.range, text: tag }] };
  return { title, edits: [{ start: image.nameEnd, end: image.nameEnd, text: `:${tag}` }] };
}
