import { flyctlActions } from "../../data/flyctl-ci.js";
import { bareVersion, imageTag, pinActionVersion, pinImage, pinInstallScript } from "../fixes.js";
import { flyctlUnpinnedMeta } from "../rule-meta.js";
import type { CiRule } from "../rule-types.js";

/** What to write, said without inventing a version: the configured one, or a placeholder and where to find it. */
const release = (version: string | undefined) => (version ? bareVersion(version) : "<version>");
/** Without a configured version, how to find one and how to get the fix. */
const howToChoose = (version: string | undefined) =>
  version ? "" : ' (<version>: the flyctl version you test with, as fly version prints it; "flyctlVersion" in flylint.json makes this a fix)';

/** Values of setup-flyctl `version` and install.sh's argument that follow the newest release. */
const movingVersions = new Set(["latest", "prerel"]);

/**
 * flyctl installed at whatever version is newest when the CI job runs. flyctl does not update itself in
 * CI (command.go:425-427), so drift comes only from these installs; new versions occasionally change
 * behaviour or add fly.toml fields an old config conflicts with (superfly/flyctl-actions#10, #24, #56, #61).
 */
export const flyctlUnpinned: CiRule = {
  meta: flyctlUnpinnedMeta,
  check(context) {
    const version = context.flyctlVersion;
    for (const step of context.steps) {
      if (step.kind === "action") {
        const name = step.setup ? `${flyctlActions.repository}/${flyctlActions.setupPath}` : flyctlActions.repository;
        if (step.ref && (flyctlActions.branches as readonly string[]).includes(step.ref.value)) {
          context.report({ range: step.ref.range, message: `${name}@${step.ref.value} runs the action's ${step.ref.value} branch as it is on each run; pin a tag such as @${flyctlActions.newestTag} or a commit SHA` });
        }
        if (!step.setup) {
          context.report({
            range: step.uses.range,
            message: `${name} (the Docker action) installs the latest flyctl whenever its image is built, with no way to pin it; use ${name}/${flyctlActions.setupPath} with version: ${release(version)}, then run flyctl in a run: step${version ? "" : " (fly version prints the version you test with)"}`,
          });
          continue;
        }
        const given = step.version?.value.trim();
        if (given !== undefined && given !== "" && !movingVersions.has(given)) continue;
        const fix = version ? pinActionVersion(context.document, step, version) : undefined;
        const what = given ? `with version: ${given}` : "without a version input";
        context.report({
          range: step.version && given ? step.version.range : step.uses.range,
          message: `${name} ${what} installs the newest flyctl on every run (the input defaults to "latest"); pin it: with: version: ${release(version)}${howToChoose(version)}`,
          ...(fix ? { fix } : {}),
        });
      } else if (step.kind === "install-script") {
        const given = step.version?.value;
        if (given !== undefined && !movingVersions.has(given)) continue;
        context.report({
          range: step.range,
          message: `install.sh ${given ? `with ${given}` : "without a version"} installs the newest flyctl on every run; pass the version to pin: | sh -s ${release(version)}${howToChoose(version)}`,
          ...(version ? { fix: pinInstallScript(step, version) } : {}),
        });
      } else {
        if (step.pinnedByDigest || (step.tag && step.tag.value !== "latest")) continue;
        const tag = version ? imageTag(version) : "v<version>";
        context.report({
          range: step.tag ? step.tag.range : step.value.range,
          message: `${step.tag ? "the image tag latest" : "an untagged flyctl image"} is the newest flyctl on every run; use a release tag: :${tag}${howToChoose(version)}`,
          ...(version ? { fix: pinImage(step, version) } : {}),
        });
      }
    }
  },
};
