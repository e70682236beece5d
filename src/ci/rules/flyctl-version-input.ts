import { flyctlActions, flyctlVersionPattern } from "../../data/flyctl-ci.js";
import { imageTag, pinActionVersion, pinImage, pinInstallScript } from "../fixes.js";
import { flyctlVersionInputMeta } from "../rule-meta.js";
import type { CiRule } from "../rule-types.js";

const movingVersions = new Set(["latest", "prerel"]);
const hasExpression = (text: string) => /\$\{\{|\$\{?[A-Za-z_]/.test(text);

/** Why a version is not a flyctl release: `1.5` is a tag of the action, not of flyctl. */
function looksLikeActionTag(value: string): boolean {
  return (flyctlActions.tags as readonly string[]).includes(value);
}

/**
 * A flyctl version that no flyctl release has: setup-flyctl `version: 1.5` (a tag of the action itself,
 * which goes after @), `| sh -s 1.5`, or an image tag without the `v` the image's tags carry
 * (`flyio/flyctl:0.4.87`). The install fails, or fetches something else than meant.
 */
export const flyctlVersionInput: CiRule = {
  meta: flyctlVersionInputMeta,
  check(context) {
    const version = context.flyctlVersion;
    const example = version ? version.replace(/^v/, "") : "0.x.y as fly version prints it";
    for (const step of context.steps) {
      if (step.kind === "action" && step.setup && step.version) {
        const given = step.version.value.trim();
        if (given === "" || movingVersions.has(given) || hasExpression(given) || flyctlVersionPattern.test(given)) continue;
        const tagNote = looksLikeActionTag(given) ? ` (${given} is a tag of the action itself, which goes after @)` : "";
        const fix = version ? pinActionVersion(context.document, step, version) : undefined;
        context.report({ range: step.version.range, message: `setup-flyctl version: ${given} is not a flyctl release${tagNote}; flyctl versions look like ${example}`, ...(fix ? { fix } : {}) });
      } else if (step.kind === "install-script" && step.version) {
        const given = step.version.value;
        if (movingVersions.has(given) || flyctlVersionPattern.test(given)) continue;
        context.report({ range: step.version.range, message: `install.sh ${given} is not a flyctl release; flyctl versions look like ${example}`, ...(version ? { fix: pinInstallScript(step, version) } : {}) });
      } else if (step.kind === "image" && step.tag && step.tag.value !== "latest" && !step.pinnedByDigest) {
        const given = step.tag.value;
        if (/^v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(given)) continue;
        const meant = flyctlVersionPattern.test(given) ? imageTag(given) : version ? imageTag(version) : "v0.x.y";
        context.report({ range: step.tag.range, message: `the image tag ${given} is not a flyctl release tag; the image's tags are v followed by the version, e.g. :${meant}`, ...(version ? { fix: pinImage(step, version) } : {}) });
      }
    }
  },
};
