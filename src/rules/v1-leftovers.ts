import { leftoverKey, v1LeftoverKeys } from "../data/v1-leftovers.js";
import type { LocatedTable } from "../document/located.js";
import type { FlyDocument } from "../document/parse.js";
import { removeEntryEdit, removeTableEdit } from "../fixers/sections.js";
import type { SchemaLocation } from "../schema/analyze.js";
import type { Rule, TextEdit } from "./types.js";

/** Empty lists flyctl drops: top-level processes = [] (P3) and a service's tcp_checks = [] / http_checks = [] (P2). */
function isDroppedEmptyList(location: SchemaLocation): boolean {
  const key = leftoverKey(location.path);
  const empty = location.node.kind === "array" && location.node.items.length === 0;
  return empty && (key === "processes" || key === "services.tcp_checks" || key === "services.http_checks");
}

function leftoverReason(location: SchemaLocation): string | undefined {
  return v1LeftoverKeys.get(leftoverKey(location.path)) ?? (isDroppedEmptyList(location) ? "an empty list flyctl drops" : undefined);
}

function parentPointer(pointer: string): string {
  return pointer.slice(0, pointer.lastIndexOf("/"));
}

/**
 * Removing the last entry of `[experimental]` would leave an empty header behind. When a header table holds
 * nothing but leftovers, the fix removes the whole table instead, so `flylint migrate` leaves no empty
 * `[experimental]`. Every leftover in the table gets this same fix, so applying any one of them (an editor's
 * quick fix) never strands a key under the previous table.
 */
function wholeTableRemoval(document: FlyDocument, table: LocatedTable, leftoverCount: number): TextEdit | undefined {
  return table.entries.size === leftoverCount ? removeTableEdit(document, table) : undefined;
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
    const found = [...context.schema.locations.values()].flatMap((location) => {
      const why = location.entry && leftoverReason(location);
      return location.entry && why ? [{ location, entry: location.entry, why }] : [];
    });
    const perTable = new Map<string, number>();
    for (const { location } of found) perTable.set(parentPointer(location.pointer), (perTable.get(parentPointer(location.pointer)) ?? 0) + 1);
    for (const { location, entry, why } of found) {
      const parent = context.schema.locations.get(parentPointer(location.pointer));
      const table = parent?.node.kind === "table" ? parent.node : undefined;
      const tableRemoval = table && wholeTableRemoval(context.document, table, perTable.get(parentPointer(location.pointer)) ?? 0);
      const removal = tableRemoval ?? removeEntryEdit(context.document, entry);
      const title = tableRemoval ? `Remove [${parent?.path}], which holds only Apps V1 leftovers` : `Remove ${entry.key}`;
      context.report({
        range: entry.keyRange,
        message: `${location.path} is ${why}; remove it`,
        ...(removal ? { fix: { title, edits: [removal] } } : {}),
      });
    }
  },
};
