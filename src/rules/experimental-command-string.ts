import { replaceRange } from "../fixers/edits.js";
import type { Rule } from "./types.js";

/** experimental cmd/entrypoint/exec as a string: flyctl wraps it into a one-item list (P4, patches.go:202-207); it is not split. */
export const experimentalCommandString: Rule = {
  meta: {
    id: "experimental-command-string",
    description: "[experimental] cmd, entrypoint and exec should be lists of strings.",
    severity: "warning",
    stage: "advice",
    fix: "safe",
  },
  check(context) {
    const model = context.model;
    for (const key of ["cmd", "entrypoint", "exec"]) {
      const location = model.location(`/experimental/${key}`);
      const node = location?.node;
      if (!location || node?.kind !== "scalar" || typeof node.value !== "string") continue;
      const source = context.document.text.slice(node.range.start, node.range.end);
      context.report({
        range: node.range,
        message: `experimental.${key} is a string; flyctl reads it as a list of one item, [${source}], without splitting it into arguments. Write the list${/\s/.test(node.value) ? ' (split it yourself if you meant separate arguments, e.g. ["bin/server", "--port", "8080"])' : ""}`,
        fix: { title: `Write [${source}]`, edits: [replaceRange(node.range, `[${source}]`)] },
      });
    }
  },
};
