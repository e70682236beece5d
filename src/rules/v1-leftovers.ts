import { leftoverKey, v1LeftoverKeys } from "../data/v1-leftovers.js";
import type { LocatedEntry } from "../document/located.js";
import { removeEntryEdit } from "../fixers/sections.js";
import type { SchemaLocation } from "../schema/analyze.js";
import type { Rule } from "./types.js";

/** Empty lists flyctl drops: top-level processes = [] (P3) and a service's tcp_checks = [] / http_checks = [] (P2). */
function isDroppedEmptyList(location: SchemaLocation): boolean {
  const key = leftoverKey(location.path);
  const empty = location.node.kind === "array" && location.node.items.length === 0;
  return empty && (key === "processes" || key === "services.tcp_checks" || key === "services.http_checks");
}

/**
 * Apps V1 leftovers: keys flyctl ignores or drops (src/data/v1-leftovers.ts) and empty lists it deletes.
 * Removing them changes nothing flyctl does, and fly config validate --strict stops reporting them.
 */
export const v1Leftovers: Rule = {
  meta: {
    id: "v1-leftovers",
    description: "Apps V1 leftovers that flyctl ignores should be removed.",
    severity: "warning",
    stage: "advice",
    fix: "safe",
  },
  check(context) {
    for (const location of context.schema.locations.values()) {
      const entry: LocatedEntry | undefined = location.entry;
      if (!entry) continue;
      const why = v1LeftoverKeys.get(leftoverKey(location.path)) ?? (isDroppedEmptyList(location) ? "an empty list flyctl drops" : undefined);
      if (!why) continue;
      const removal = removeEntryEdit(context.document, entry);
      context.report({
        range: entry.keyRange,
        message: `${location.path} is ${why}; remove it`,
        ...(removal ? { fix: { title: `Remove ${entry.key}`, edits: [removal] } } : {}),
      });
    }
  },
};
