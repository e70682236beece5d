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
