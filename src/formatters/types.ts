import type { LintResult } from "../engine/diagnostic.js";

export interface FormatContext {
  /** Paths are shown relative to this folder. */
  cwd: string;
  color: boolean;
  toolVersion: string;
  /** Set when fixes were just applied ("fix") or simulated ("dry-run"): the report says what they did. */
  fixMode?: "fix" | "dry-run" | undefined;
  /** Set when --unsafe-fixes was given: no "fixable with --unsafe-fixes" hint then. */
  unsafeFixes?: boolean | undefined;
}

/** A formatter turns results into text; it never decides anything (exit codes belong to the CLI). */
export type Formatter = (results: readonly LintResult[], context: FormatContext) => string;

/** A formatter that can also hand its text on in chunks, so a report of any size is never one string. */
export interface ChunkedFormatter extends Formatter {
  chunks: (results: readonly LintResult[], context: FormatContext) => Iterable<string>;
}

/**
 * A formatter whose report is a part per file inside a frame (a header, a summary). A file's part can then
 * be made where the file was linted (in a lint worker, while the other files are linted), and the frame
 * joins the parts made and makes the rest.
 */
export interface PartedFormatter extends Formatter {
  /** A file's part of the report, or undefined when it is too large to make whole (the frame writes it in chunks). */
  part: (result: LintResult, context: FormatContext) => string | undefined;
  /** The report in chunks, with `parts[i]` (when given) as the part of `results[i]`, made with the same context. */
  framed: (results: readonly LintResult[], parts: readonly (string | undefined)[], context: FormatContext) => Iterable<string>;
}
