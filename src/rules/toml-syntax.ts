import type { Rule } from "./types.js";

/**
 * A TOML syntax error. flyctl refuses the file (`failed loading app config`), so nothing else can be
 * checked; the engine reports this rule itself when parsing fails, at the parser's position.
 */
export const tomlSyntax: Rule = {
  meta: {
    id: "toml-syntax",
    description: "The file must be valid TOML 1.0 (flyctl parses it with go-toml v2).",
    severity: "error",
    stage: "load",
  },
  check() {
    // Parsing happens before any rule runs; see engine/lint.ts.
  },
};
