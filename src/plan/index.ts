import { parseDocument } from "../document/parse.js";
import { lintText } from "../engine/lint.js";
import { loadConfig } from "../model/normalize.js";
import { rules } from "../rules/index.js";
import { analyzeDocument } from "../schema/analyze.js";
import { planConfig, type ConfigPlan, type PlanOptions } from "./plan.js";

/**
 * The plan room's entry: fly.toml text → what `fly deploy` would create. A file flyctl cannot load
 * (TOML syntax) has no plan; a file it loads with an error (v2UnmarshalError, §0 step 5 of the model
 * reference) plans one failing group, as flyctl does.
 */
export type TextPlan = { ok: true; plan: ConfigPlan } | { ok: false; error: string };

const loadRules = rules.filter((rule) => rule.meta.stage === "load");

/** The first load error flylint finds: what flyctl would keep as v2UnmarshalError (flylint's wording, not Go's). */
export function firstLoadError(text: string): string | undefined {
  const result = lintText(text, { rules: loadRules, inlineSuppressions: false });
  const error = result.diagnostics.find((d) => d.severity === "error" && d.stage === "load");
  return error ? `${error.start.line}:${error.start.column} ${error.message}` : undefined;
}

export function planText(text: string, options: PlanOptions = {}): TextPlan {
  const parsed = parseDocument(text);
  if (!parsed.ok) return { ok: false, error: `${parsed.problem.kind === "nesting" ? "" : "TOML syntax error: "}${parsed.problem.message}` };
  const loadError = firstLoadError(text);
  const loaded = loadConfig(analyzeDocument(parsed.document.root).canonical);
  return { ok: true, plan: planConfig(loaded, { ...options, ...(loadError !== undefined ? { loadError } : {}) }) };
}

export { planConfig, effectiveAutostop, machineSize, type Autostop, type ConfigPlan, type FirstDeploy, type GroupPlan, type PlanOptions } from "./plan.js";
export { toMachineConfig, FLYCTL_VERSION_PLACEHOLDER, type MachineConfigOptions, type MachineConfigResult } from "./machine-config.js";
export type { MachineConfig } from "./machine-types.js";
export { monthlyCost, runningMachineMonthly, formatUsd, type MachineSize, type MonthlyCost } from "./cost.js";
