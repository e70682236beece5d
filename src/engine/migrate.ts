import { migrationRuleIds } from "../rules/index.js";
import type { Diagnostic } from "./diagnostic.js";
import { fixText } from "./fix.js";
import type { LintOptions } from "./lint.js";

/** What `flylint migrate` does to one file. */
export interface MigrationResult {
  filePath: string;
  /** "skipped" when the file does not parse: it is reported and never touched. */
  status: "migrated" | "unchanged" | "skipped";
  /** The migrated text (BOM kept), when it changed. */
  output?: string;
  original: string;
  /** How many rewrites each migration rule made. */
  changes: Record<string, number>;
  /** Legacy forms left that need a person: a migration rule's findings it could not rewrite. */
  remaining: Diagnostic[];
  /** Why the file was skipped. */
  error?: Diagnostic;
}

/**
 * Brings a config to today's format with every migration rule's fix (safe and unsafe alike, since each
 * keeps what flyctl reads the same, and the engine refuses any that would not). A file that does not
 * parse is left alone.
 */
export function migrateText(source: string, options: LintOptions = {}): MigrationResult {
  const filePath = options.filePath ?? "<text>";
  const outcome = fixText(source, { ...options, unsafe: true, onlyRules: migrationRuleIds, keepConfig: true });
  const syntax = outcome.result.diagnostics.find((d) => d.ruleId === "toml-syntax" || d.ruleId === "nesting-limit");
  if (syntax) return { filePath, status: "skipped", original: source, changes: {}, remaining: [], error: syntax };
  const changes: Record<string, number> = {};
  for (const applied of outcome.applied) changes[applied.ruleId] = (changes[applied.ruleId] ?? 0) + 1;
  // A [[services]] block that cannot become [http_service] is not legacy: [[services]] is current for it.
  const remaining = outcome.result.diagnostics.filter((d) => migrationRuleIds.has(d.ruleId) && d.ruleId !== "legacy-services");
  const changed = outcome.output !== source;
  return { filePath, status: changed ? "migrated" : "unchanged", ...(changed ? { output: outcome.output } : {}), original: source, changes, remaining };
}
