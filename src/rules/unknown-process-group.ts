import { didYouMean } from "../text/did-you-mean.js";
import { type TableView } from "../model/app-model.js";
import type { Rule } from "./types.js";

/**
 * `processes` lists in [[mounts]], [[vm]], [checks], [[files]] and [[metrics]] that name a group
 * [processes] does not define. flyctl checks none of them (fly-toml-model.md §3.5): such a section
 * silently applies to no Machine. Services and [[restart]] are checked by fly config validate itself.
 */
export const unknownProcessGroup: Rule = {
  meta: {
    id: "unknown-process-group",
    description: "processes lists must name groups that [processes] defines.",
    severity: "warning",
    stage: "deploy",
  },
  check(context) {
    const model = context.model;
    const groups = model.processGroups;
    const sections: TableView[] = [
      ...model.mounts,
      ...model.vms,
      ...model.topLevelChecks,
      ...model.tablesAt(model.root["files"], model.location("/files")),
      ...model.entriesOf(["metric", "metrics"]),
    ];
    for (const section of sections) {
      const names = section.table["processes"];
      if (!Array.isArray(names)) continue;
      names.forEach((name, index) => {
        if (typeof name !== "string" || model.isProcessGroup(name)) return;
        const item = section.location.child("processes")?.child(index);
        const defined = model.processCount > 0 ? `[processes] defines ${groups.map((g) => `"${g}"`).join(", ")}` : 'without [processes] the only group is "app"';
        context.report({
          range: (item ?? section.location).node.range,
          message: `${section.location.path} applies to process group "${name}", which does not exist (${defined}), so it applies to no Machine.${didYouMean(name, groups)}`,
        });
      });
    }
  },
};
