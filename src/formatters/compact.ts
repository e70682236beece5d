import { reportable } from "../secrets/redact.js";
import { reportPath } from "./paths.js";
import type { Formatter } from "./types.js";

/** One line per problem: `path:line:col: severity message [rule]`, for grep, editors' quickfix lists and CI logs. */
export const compact: Formatter = (results, context) =>
  results
    .map(reportable)
    .flatMap((result) => result.diagnostics.map((d) => `${reportPath(result.filePath, context.cwd)}:${d.start.line}:${d.start.column}: ${d.severity} ${d.message} [${d.ruleId}]\n`))
    .join("");
