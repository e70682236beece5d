import { leftoverKey, v1LeftoverKeys, v1LeftoverLastKeys } from "../data/v1-leftovers.js";
import type { LocatedEntry, LocatedNode, LocatedTable } from "../document/located.js";
import type { FlyDocument } from "../document/parse.js";
import { removeEntryEdit, removeTableEdit } from "../fixers/sections.js";
import type { LocationIndex, SchemaLocation } from "../schema/analyze.js";
import type { Rule, RuleContext, TextEdit } from "./types.js";

/**
 * Empty lists flyctl drops: top-level processes = [] (P3) and a service's tcp_checks = [] / http_checks = []
 * (P2). P2 drops empty [[services]] entries before it looks at their checks, so an empty list that is its
 * service's only key keeps that service alive: removing it would remove the service.
 */
function isEmptyList(node: LocatedNode): boolean {
  return node.kind === "array" && node.items.length === 0;
}

function isDroppedEmptyList(location: SchemaLocation, key: string, parent: LocatedTable | undefined): boolean {
  if (!isEmptyList(location.node)) return false;
  if (key === "processes") return true;
  return (key === "services.tcp_checks" || key === "services.http_checks") && parent !== undefined && parent.entries.size > 1;
}

function leftoverReason(location: SchemaLocation, parent: LocatedTable | undefined): string | undefined {
  const key = leftoverKey(location.path);
  return v1LeftoverKeys.get(key) ?? (isDroppedEmptyList(location, key, parent) ? "an empty list flyctl drops" : undefined);
}

function parentTable(context: { schema: { locations: LocationIndex } }, location: SchemaLocation): LocatedTable | undefined {
  const parent = context.schema.locations.get(parentPointer(location.pointer));
  return parent?.node.kind === "table" ? parent.node : undefined;
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

/** An empty [experimental] header, which flyctl deletes (P4) — what moving its last key out leaves. */
function reportEmptyExperimental(context: RuleContext): void {
  const experimental = context.schema.locations.get("/experimental");
  if (experimental?.node.kind !== "table" || experimental.node.form !== "header" || experimental.node.entries.size > 0) return;
  // One that holds a comment is the user's note, and stays (removeTableEdit keeps it).
  const removal = removeTableEdit(context.document, experimental.node);
  if (!removal) return;
  context.report({
    range: experimental.node.anchor,
    message: "[experimental] is empty, and flyctl drops an empty [experimental]; remove it",
    fix: { title: "Remove the empty [experimental]", edits: [removal] },
  });
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
    const found: { location: SchemaLocation; entry: LocatedEntry; why: string }[] = [];
    for (const location of context.schema.locations.values()) {
      const entry = location.entry;
      // Only a leftover's own key or an empty list can be one: the rest need no path worked out.
      if (!entry || !(v1LeftoverLastKeys.has(entry.key) || isEmptyList(location.node))) continue;
      const why = leftoverReason(location, parentTable(context, location));
      if (why) found.push({ location, entry, why });
    }
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
    reportEmptyExperimental(context);
  },
};
