import { compact } from "./compact.js";
import { github } from "./github.js";
import { gitlab } from "./gitlab.js";
import { json } from "./json.js";
import { sarif } from "./sarif.js";
import { stylish } from "./stylish.js";
import type { ChunkedFormatter, FormatContext, Formatter, PartedFormatter } from "./types.js";
import type { LintResult } from "../engine/diagnostic.js";

export const formatters = { stylish, json, compact, github, gitlab, sarif } satisfies Record<string, Formatter>;
export type FormatName = keyof typeof formatters;
export const formatNames = Object.keys(formatters) as FormatName[];

/**
 * The text of a report as chunks: a ChunkedFormatter's own, otherwise the whole text as one. `parts` are the
 * files' parts made as they were linted (PartedFormatter.part, with this context), for a formatter that has them.
 */
export function formattedChunks(formatter: Formatter | ChunkedFormatter | PartedFormatter, results: readonly LintResult[], context: FormatContext, parts?: readonly (string | undefined)[]): Iterable<string> {
  if (parts && "framed" in formatter) return formatter.framed(results, parts, context);
  return "chunks" in formatter ? formatter.chunks(results, context) : [formatter(results, context)];
}
