import type { LintResult } from "../engine/diagnostic.js";

export interface FormatContext {
  /** Paths are shown relative to this folder. */
  cwd: string;
  color: boolean;
  toolVersion: string;
  /** True when fixes were just applied (or simulated), so hints to run --fix would be noise. */
  fixMode?: boolean;
}

/** A formatter turns results into text; it never decides anything (exit codes belong to the CLI). */
export type Formatter = (results: readonly LintResult[], context: FormatContext) => string;
