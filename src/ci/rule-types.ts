import type { ReportDescriptor, RuleMeta } from "../rules/types.js";
import type { CiDocument } from "./document.js";
import type { FlyctlStep } from "./flyctl-steps.js";

/** What a CI rule sees: the located YAML, the flyctl steps found in it, and the version the user pins to. */
export interface CiRuleContext {
  document: CiDocument;
  steps: readonly FlyctlStep[];
  /** `flyctlVersion` from flylint.json or --flyctl-version; fixes exist only when it is given. */
  flyctlVersion: string | undefined;
  report(descriptor: ReportDescriptor): void;
}

/** A rule over CI files: the same metadata as the fly.toml rules, its own context. */
export interface CiRule {
  meta: RuleMeta;
  check(context: CiRuleContext): void;
}
