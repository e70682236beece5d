import type { Rule } from "./types.js";

/**
 * A value nested deeper than flylint follows (MAX_NESTING_DEPTH in document/limits.ts). flyctl may still
 * load such a file, but nothing in it is a fly.toml setting flylint could check; the engine reports this
 * rule itself when parsing stops, at the first place past the limit.
 */
export const nestingLimit: Rule = {
  meta: {
    id: "nesting-limit",
    description: "Values must not nest deeper than flylint checks (100 levels; a fly.toml needs about 6).",
    severity: "error",
    stage: "load",
  },
  check() {
    // Parsing happens before any rule runs; see engine/lint.ts.
  },
};
