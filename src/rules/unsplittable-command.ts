import { shellSplitError } from "../model/shell-words.js";
import type { SchemaLocation } from "../schema/analyze.js";
import type { Rule } from "./types.js";

const explanations: Record<string, string> = {
  "EOF found when expecting closing quote": "a quote is never closed",
  "EOF found after escape character": "it ends with a backslash that escapes nothing",
};

/**
 * Commands flyctl splits into words (github.com/google/shlex): [processes] (V-PROC), deploy.release_command
 * (V-DEP-1) and console_command (V-CON). `fly config validate` fails when one does not split.
 */
export const unsplittableCommand: Rule = {
  meta: {
    id: "unsplittable-command",
    description: "[processes], release_command and console_command must split into words like a shell command.",
    severity: "error",
    stage: "validate",
  },
  check(context) {
    const model = context.model;
    const commands: SchemaLocation[] = [];
    for (const pointer of ["/deploy/release_command", "/console_command"]) {
      const location = model.location(pointer);
      if (location) commands.push(location);
    }
    for (const group of model.processGroups) {
      const process = model.processCommand(group);
      if (process) commands.push(process.location);
    }
    for (const location of commands) {
      const node = location.node;
      if (node.kind !== "scalar" || typeof node.value !== "string") continue;
      const error = shellSplitError(node.value);
      if (!error) continue;
      context.report({
        range: node.range,
        message: `${location.path} cannot be split into arguments: ${explanations[error] ?? error} (flyctl: ${error})`,
      });
    }
  },
};
