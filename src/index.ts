/** flylint's library API: lint fly.toml text and get located diagnostics. */
export { lintText, type LintOptions } from "./engine/lint.js";
export { countBySeverity, docsUrlFor, type Diagnostic, type LintResult } from "./engine/diagnostic.js";
export { rules, findRule } from "./rules/index.js";
export type { Rule, RuleMeta, Severity, Stage } from "./rules/types.js";
export { parseDocument, type FlyDocument } from "./document/parse.js";
export { fixText, type DroppedFix, type FixOptions, type FixOutcome } from "./engine/fix.js";
export { migrateText, type MigrationResult } from "./engine/migrate.js";
export { normalize, sameConfig } from "./model/normalize.js";
export { analyzeDocument } from "./schema/analyze.js";
export { migrationRuleIds } from "./rules/index.js";
export { ciRules, fixCiText, lintCiText, type CiLintOptions } from "./ci/index.js";
export { loadConfig } from "./model/normalize.js";
export { planText, planConfig, toMachineConfig, type ConfigPlan, type GroupPlan, type MachineConfig, type MonthlyCost, type PlanOptions, type TextPlan } from "./plan/index.js";
export { diffConfigTexts, configShowJson, SideError, type ConfigDiff, type DiffOptions, type KeyChange, type SideKind } from "./diff/index.js";
