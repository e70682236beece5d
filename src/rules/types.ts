import type { FlyDocument } from "../document/parse.js";
import type { Range } from "../document/located.js";
import type { SchemaAnalysis } from "../schema/analyze.js";

export type Severity = "error" | "warning" | "info";

/**
 * Which check a rule speaks for: `load` (flyctl cannot load the file), `validate` (`fly config validate`
 * fails), `deploy` (fails or misbehaves only at deploy or run time) or `advice`.
 */
export type Stage = "load" | "validate" | "deploy" | "advice";

export type FixApplicability = "safe" | "unsafe";

export interface RuleMeta {
  id: string;
  /** One line: what the rule checks. */
  description: string;
  severity: Severity;
  stage: Stage;
  /** Fix applicability the rule declares; the engine rejects fixes a rule did not declare. */
  fix?: FixApplicability;
}

export interface ReportDescriptor {
  range: Range;
  message: string;
}

export interface RuleContext {
  document: FlyDocument;
  /** The document walked against the schema (computed once, shared by every rule). */
  schema: SchemaAnalysis;
  report(descriptor: ReportDescriptor): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}
