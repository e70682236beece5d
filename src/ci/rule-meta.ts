import type { RuleMeta } from "../rules/types.js";

/**
 * The CI rules' metadata, known without loading the CI linter (whose bundle holds the YAML parser):
 * --rule, flylint.json, SARIF and `flylint rules` use it, and a fly.toml-only run never loads src/ci/.
 */
export const flyctlUnpinnedMeta: RuleMeta = {
  id: "flyctl-unpinned",
  description: "CI should install a pinned flyctl version, not the latest on every run.",
  severity: "warning",
  stage: "advice",
  fix: "safe",
};

export const flyctlActionRefMeta: RuleMeta = {
  id: "flyctl-action-ref",
  description: "superfly/flyctl-actions must be used at a tag it has (or a commit SHA).",
  severity: "error",
  stage: "deploy",
};

export const flyctlVersionInputMeta: RuleMeta = {
  id: "flyctl-version-input",
  description: "A pinned flyctl version must be a flyctl release (0.4.87), not an action tag (1.5).",
  severity: "error",
  stage: "deploy",
  fix: "safe",
};

/** In the order their diagnostics are reported when they share a position. */
export const ciRuleMetas: readonly RuleMeta[] = [flyctlActionRefMeta, flyctlVersionInputMeta, flyctlUnpinnedMeta];
