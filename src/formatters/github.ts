import type { Severity } from "../rules/types.js";
import { reportable } from "../secrets/redact.js";
import { reportPath } from "./paths.js";
import type { Formatter } from "./types.js";

const commands: Record<Severity, string> = { error: "error", warning: "warning", info: "notice" };

/** Workflow command data: %, CR and LF must be escaped (actions/toolkit, command.ts escapeData). */
function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Workflow command properties also escape `:` and `,` (escapeProperty). */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** GitHub Actions annotations: `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=<rule>::message`. */
export const github: Formatter = (results, context) =>
  results
    .map(reportable)
    .flatMap((result) =>
      result.diagnostics.map((d) => {
        const properties = [
          `file=${escapeProperty(reportPath(result.filePath, context.cwd))}`,
          `line=${d.start.line}`,
          `col=${d.start.column}`,
          `endLine=${d.end.line}`,
          `endColumn=${d.end.column}`,
          `title=${escapeProperty(d.ruleId)}`,
        ].join(",");
        return `::${commands[d.severity]} ${properties}::${escapeData(d.message)}\n`;
      }),
    )
    .join("");
