import type { FlyDocument } from "../document/parse.js";
import type { Range } from "../document/located.js";
import type { AppModel } from "../model/app-model.js";
import type { SchemaAnalysis } from "../schema/analyze.js";

export type Severity = "error" | "warning" | "info";

/**
 * Which check a rule speaks for: `load` (flyctl cannot load the file), `validate` (`fly config validate`
 * fails), `deploy` (fails or misbehaves only at deploy or run time) or `advice`.
 */
export type Stage = "load" | "validate" | "deploy" | "advice";

/** `safe` fixes keep the config's meaning and run with --fix; `unsafe` ones may change behaviour or drop a comment. */
export type FixApplicability = "safe" | "unsafe";

export interface RuleMeta {
  id: string;
  /** One line: what the rule checks. */
  description: string;
  severity: Severity;
  stage: Stage;
  /** Fix applicability the rule declares; the engine refuses fixes a rule did not declare. */
  fix?: FixApplicability;
}

/** Replace `text[start, end)` with `text`; offsets refer to the document text (BOM excluded). */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export interface Fix {
  /** What the fix does, for editors and --fix-dry-run ("Replace true with \"stop\""). */
  title: string;
  edits: TextEdit[];
}

export interface ReportDescriptor {
  range: Range;
  message: string;
  fix?: Fix;
}

export interface RuleContext {
  document: FlyDocument;
  /** The document walked against the schema (computed once, shared by every rule). */
  schema: SchemaAnalysis;
  /** The config grouped as flyctl groups it (process groups, services, [[vm]] per group), built once per lint. */
  model: AppModel;
  /**
   * Reads a file next to the config (path relative to the config's folder), or undefined when there is
   * none; linting text without a file behind it reads nothing.
   */
  readSiblingFile(relativePath: string): string | undefined;
  report(descriptor: ReportDescriptor): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}
