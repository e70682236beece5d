import { replaceRange } from "../fixers/edits.js";
import { removeEntryEdit } from "../fixers/sections.js";
import type { TextEdit, Rule } from "./types.js";

/** [build] build_target is the legacy spelling: flyctl renames it to build-target, and it wins over build-target (P10). */
export const buildTarget: Rule = {
  meta: {
    id: "build-target",
    description: "[build] build_target should be spelled build-target.",
    severity: "warning",
    stage: "advice",
    fix: "safe",
  },
  check(context) {
    const build = context.document.root.entries.get("build")?.node;
    if (build?.kind !== "table") return;
    const legacy = build.entries.get("build_target");
    if (!legacy) return;
    const current = build.entries.get("build-target");
    const removal = current ? removeEntryEdit(context.document, current) : undefined;
    const edits: TextEdit[] | undefined = current && !removal ? undefined : [replaceRange(legacy.keyRange, "build-target"), ...(removal ? [removal] : [])];
    context.report({
      range: legacy.keyRange,
      message: `build_target is the legacy spelling: flyctl renames it to build-target${current ? ", and its value wins over the build-target line, which is ignored" : ""}. Write build-target`,
      ...(edits ? { fix: { title: "Rename to build-target", edits } } : {}),
    });
  },
};
