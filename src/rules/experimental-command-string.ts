import { insertAt } from "../fixers/edits.js";
import { credentialKind, findCredentials } from "../secrets/credentials.js";
import type { Rule } from "./types.js";

/**
 * experimental cmd/entrypoint/exec as a string: flyctl wraps it into a one-item list (P4, patches.go:202-207);
 * it is not split. The fix adds the brackets around the string, so its edits never carry the command, and
 * a command holding a credential is not repeated in the message.
 */
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
      if (!location || node?.kind !== "scalar" || typeof node.value !== "string" || model.isSkippedByPatches(node)) continue;
      const source = context.document.text.slice(node.range.start, node.range.end);
      const secret = credentialKind(node.value) !== undefined || findCredentials(source).length > 0;
      const list = secret ? "" : ` [${source}],`;
      context.report({
        range: node.range,
        message: `experimental.${key} is a string; flyctl reads it as a list of one item,${list} without splitting it into arguments. Write the list${/\s/.test(node.value) ? ' (split it yourself if you meant separate arguments, e.g. ["bin/server", "--port", "8080"])' : ""}`,
        fix: { title: secret ? "Write it as a list" : `Write [${source}]`, edits: [insertAt(node.range.start, "["), insertAt(node.range.end, "]")] },
      });
    }
  },
};
