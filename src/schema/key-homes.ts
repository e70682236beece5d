import { applicableSchemas, flySchema, type SchemaNode } from "./schema-model.js";

/**
 * The sections where each key name is valid, as messages name them ("[[services.ports]]"), so an unknown
 * key can be told where it belongs: `ports` in [http_service] is a key of [[services]]. Built on first
 * use only, from the schema.
 */
let homes: Map<string, Set<string>> | undefined;

function sectionLabel(path: string, arrayItem: boolean): string {
  if (path === "") return "the top-level table";
  return arrayItem ? `[[${path}]]` : `[${path}]`;
}

function collect(schemas: SchemaNode[], path: string, arrayItem: boolean, seen: Set<string>, into: Map<string, Set<string>>): void {
  const label = sectionLabel(path, arrayItem);
  if (seen.has(label)) return;
  seen.add(label);
  for (const object of applicableSchemas(schemas, "object")) {
    for (const [key, child] of Object.entries(object.properties ?? {})) {
      if (child["x-patch-alias"] || child.deprecated) continue;
      into.set(key, new Set([...(into.get(key) ?? []), label]));
      const childPath = path ? `${path}.${key}` : key;
      const arrays = applicableSchemas([child], "array").flatMap((s) => (s.items ? [s.items] : []));
      // A section written as [[name]] is named so even where flyctl also takes the one-table form.
      if (arrays.length > 0) collect(arrays, childPath, true, seen, into);
      else if (applicableSchemas([child], "object").some((s) => s.properties)) collect([child], childPath, false, seen, into);
    }
    if (typeof object.additionalProperties === "object") collect([object.additionalProperties], `${path}.<name>`, false, seen, into);
  }
}

/** The sections (other than `except`) where `key` is a known key. */
export function sectionsWithKey(key: string, except: string): string[] {
  if (!homes) {
    homes = new Map();
    collect([flySchema], "", false, new Set(), homes);
  }
  return [...(homes.get(key) ?? [])].filter((label) => label !== except);
}
