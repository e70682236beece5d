import type { Severity } from "../rules/types.js";
import { reportable } from "../secrets/redact.js";
import { reportPath } from "./paths.js";
import type { Formatter } from "./types.js";

/**
 * SHA-256 in hex, from node:crypto loaded only when a GitLab report is made: loading it at start-up costs
 * every other run a dozen internal modules. (process.getBuiltinModule is Node ≥ 20.16; require before.)
 */
function sha256Hex(text: string): string {
  const crypto = (process.getBuiltinModule?.("node:crypto") ?? require("node:crypto")) as typeof import("node:crypto");
  return crypto.createHash("sha256").update(text).digest("hex");
}

const severities: Record<Severity, string> = { error: "major", warning: "minor", info: "info" };

/**
 * GitLab Code Quality report (docs.gitlab.com/ee/ci/testing/code_quality.html): an array of issues with a
 * fingerprint that stays the same while the problem does, so merge requests show what is new.
 */
export const gitlab: Formatter = (results, context) => {
  const issues = results.map(reportable).flatMap((result) => {
    const path = reportPath(result.filePath, context.cwd);
    return result.diagnostics.map((d) => ({
      description: d.message,
      check_name: d.ruleId,
      fingerprint: sha256Hex(`${path}\0${d.ruleId}\0${d.start.line}\0${d.start.column}\0${d.message}`),
      severity: severities[d.severity],
      location: { path, positions: { begin: { line: d.start.line, column: d.start.column }, end: { line: d.end.line, column: d.end.column } } },
    }));
  });
  return `${JSON.stringify(issues, null, 2)}\n`;
};
