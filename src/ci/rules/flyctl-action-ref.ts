import { flyctlActions } from "../../data/flyctl-ci.js";
import { flyctlActionRefMeta } from "../rule-meta.js";
import type { CiRule } from "../rule-types.js";

const commitSha = /^[0-9a-f]{40}$/i;

/**
 * `uses: superfly/flyctl-actions…@ref` whose ref is missing or names no tag of the action (tags in
 * data/flyctl-ci.ts), or a tag from before setup-flyctl existed: GitHub fails the job before it starts.
 */
export const flyctlActionRef: CiRule = {
  meta: flyctlActionRefMeta,
  check(context) {
    for (const step of context.steps) {
      if (step.kind !== "action") continue;
      const name = step.setup ? `${flyctlActions.repository}/${flyctlActions.setupPath}` : flyctlActions.repository;
      const use = `use a tag such as @${flyctlActions.newestTag} or a commit SHA`;
      const ref = step.ref;
      if (!ref) {
        context.report({ range: step.uses.range, message: `${name} needs a ref after @, or GitHub refuses the workflow; ${use}` });
        continue;
      }
      const value = ref.value;
      if (commitSha.test(value) || /\$\{\{/.test(value) || (flyctlActions.branches as readonly string[]).includes(value)) continue;
      const tags: readonly string[] = flyctlActions.tags;
      if (!tags.includes(value)) {
        context.report({ range: ref.range, message: `@${value} is not a tag of ${flyctlActions.repository} (it has ${tags.join(", ")}), so the job fails to start; ${use}` });
      } else if (step.setup && !(flyctlActions.setupTags as readonly string[]).includes(value)) {
        context.report({ range: ref.range, message: `${name} does not exist at @${value}: setup-flyctl came with tag 1.4, so the job fails to start; ${use}` });
      }
    }
  },
};
