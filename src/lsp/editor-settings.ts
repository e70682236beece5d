import { parseRuleSetting } from "../config/project-config.js";
import type { RuleSetting } from "../engine/lint.js";
import { describeValue, isRecord } from "./params.js";

/**
 * Rule severities from the editor's settings (VS Code's `flylint.rules`), the same shape as flylint.json's
 * `"rules"`. They arrive as the client's `initializationOptions.rules` and again in
 * `workspace/didChangeConfiguration` as `settings.flylint.rules`. They win over flylint.json, as `--rule` does
 * on the command line: a person's own editor setting is the most specific thing flylint is told.
 */
export interface EditorRules {
  rules: Record<string, RuleSetting>;
  /** What was left out and why, for the server's log: a typo in a setting must not pass silently. */
  problems: string[];
}

export function parseEditorRules(value: unknown, knownRules: ReadonlySet<string>): EditorRules {
  if (value === undefined || value === null) return { rules: {}, problems: [] };
  if (!isRecord(value)) return { rules: {}, problems: [`flylint.rules must be an object of rule ids to "off", "info", "warn" or "error" (got ${describeValue(value)})`] };
  const rules: Record<string, RuleSetting> = {};
  const problems: string[] = [];
  for (const [id, raw] of Object.entries(value)) {
    const setting = parseRuleSetting(raw);
    if (!knownRules.has(id)) problems.push(`flylint.rules: unknown rule "${id}" is ignored`);
    else if (!setting) problems.push(`flylint.rules: rule "${id}" must be "off", "info", "warn" or "error" (got ${JSON.stringify(raw) ?? describeValue(raw)}); it is ignored`);
    else rules[id] = setting;
  }
  return { rules, problems };
}

/** The rules of `initializationOptions`: `{ rules: { … } }`. */
export function rulesOfInitializationOptions(options: unknown): unknown {
  return isRecord(options) ? options["rules"] : undefined;
}

/** The rules of a didChangeConfiguration: `{ settings: { flylint: { rules: { … } } } }`; undefined when the change is not flylint's. */
export function rulesOfConfigurationChange(params: unknown): { rules: unknown } | undefined {
  const settings = isRecord(params) ? params["settings"] : undefined;
  const flylint = isRecord(settings) ? settings["flylint"] : undefined;
  return isRecord(flylint) ? { rules: flylint["rules"] } : undefined;
}
