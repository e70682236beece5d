import { ciRuleMetas } from "../ci/rule-meta.js";
import { rules as tomlRules } from "../rules/index.js";
import type { Severity } from "../rules/types.js";
import { docsUrlFor } from "../engine/diagnostic.js";
import { reportable } from "../secrets/redact.js";
import { reportPath } from "./paths.js";
import type { Formatter } from "./types.js";

const rules = [...tomlRules, ...ciRuleMetas.map((meta) => ({ meta }))];

const levels: Record<Severity, string> = { error: "error", warning: "warning", info: "note" };

function uri(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

/**
 * SARIF 2.1.0 for code scanning (github/codeql-action/upload-sarif): one run, every rule's metadata with
 * its help URL, one result per problem with 1-based lines and UTF-16 columns. A file that does not parse is
 * a tool notification, not a rule result: nothing in it could be checked.
 */
export const sarif: Formatter = (results, context) => {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.meta.id, index]));
  const notifications = [];
  const sarifResults = [];
  for (const result of results.map(reportable)) {
    const path = reportPath(result.filePath, context.cwd);
    for (const d of result.diagnostics) {
      const location = {
        physicalLocation: {
          artifactLocation: { uri: uri(path) },
          region: { startLine: d.start.line, startColumn: d.start.column, endLine: d.end.line, endColumn: d.end.column },
        },
      };
      if (d.ruleId === "toml-syntax") {
        notifications.push({ level: "error", message: { text: `${path}: ${d.message}` }, locations: [location], descriptor: { id: d.ruleId } });
        continue;
      }
      sarifResults.push({
        ruleId: d.ruleId,
        ...(ruleIndex.has(d.ruleId) ? { ruleIndex: ruleIndex.get(d.ruleId) } : {}),
        level: levels[d.severity],
        message: { text: d.message },
        locations: [location],
        properties: { stage: d.stage },
      });
    }
  }
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "flylint",
            version: context.toolVersion,
            informationUri: "https://github.com/flylint/flylint",
            rules: rules.map((rule) => ({
              id: rule.meta.id,
              name: rule.meta.id,
              shortDescription: { text: rule.meta.description },
              helpUri: docsUrlFor(rule.meta.id),
              defaultConfiguration: { level: levels[rule.meta.severity] },
              properties: { stage: rule.meta.stage, ...(rule.meta.fix ? { fix: rule.meta.fix } : {}) },
            })),
          },
        },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        results: sarifResults,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
