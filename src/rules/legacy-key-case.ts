import type { Rule } from "./types.js";

/**
 * A legacy form under a key spelled in another case (`[experimental]` `Cmd = "start.sh"`). flyctl's
 * patches look keys up exactly, so the form is not converted, and the case-insensitive JSON decode then
 * refuses it: flyctl cannot load the file (patches.go; fly-toml-model.md §0 step 4, §2).
 */
export const legacyKeyCase: Rule = {
  meta: {
    id: "legacy-key-case",
    description: "A legacy form flyctl converts only under the key's exact spelling.",
    severity: "error",
    stage: "load",
  },
  check(context) {
    for (const skipped of context.model.caseSkippedConversions) {
      const spell = skipped.variants.map((v) => `"${v.written}" as "${v.expected}"`).join(" and ");
      const lookups = skipped.variants.map((v) => `"${v.expected}"`).join(" and ");
      context.report({
        range: skipped.node.anchor,
        message: `${skipped.path} is a legacy form flyctl cannot load here: its conversion (${skipped.conversion}) looks only for ${lookups}, so the value stays as written and loading fails with "${skipped.error}". Spell ${spell}`,
      });
    }
  },
};
