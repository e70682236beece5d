/** The CI-files room: GitHub Actions workflows and .gitlab-ci.yml, checked for how they install flyctl. */
export { parseCiDocument, type CiDocument } from "./document.js";
export { ciKindOf, type CiKind } from "./paths.js";
export { ciRuleMetas } from "./rule-meta.js";
export { findFlyctlSteps, type FlyctlStep } from "./flyctl-steps.js";
export { ciRules, fixCiText, lintCiText, type CiFixOutcome, type CiLintOptions } from "./lint.js";
export type { CiRule } from "./rule-types.js";
