import type { Rule } from "./types.js";

const maxStatics = 10;

function normalizePrefix(prefix: string): string {
  return prefix.endsWith("/") ? prefix : `${prefix}/`;
}

/** At most 10 [[statics]], and their url_prefix values must not overlap (docs: configuration, statics). */
export const statics: Rule = {
  meta: {
    id: "statics",
    description: "At most 10 [[statics]], with url_prefix values that do not overlap.",
    severity: "error",
    stage: "deploy",
  },
  check(context) {
    const model = context.model;
    const entries = model.tablesAt(model.root["statics"], "/statics");
    const eleventh = entries[maxStatics];
    if (eleventh) context.report({ range: eleventh.location.node.anchor, message: `This is [[statics]] number ${maxStatics + 1}; Fly.io serves at most ${maxStatics}` });
    const seen: { prefix: string; path: string }[] = [];
    for (const entry of entries) {
      const prefix = entry.table["url_prefix"];
      const location = model.location(`${entry.location.pointer}/url_prefix`);
      if (typeof prefix !== "string" || !location) continue;
      const clash = seen.find((other) => normalizePrefix(prefix).startsWith(normalizePrefix(other.prefix)) || normalizePrefix(other.prefix).startsWith(normalizePrefix(prefix)));
      if (clash) context.report({ range: location.node.range, message: `url_prefix "${prefix}" overlaps "${clash.prefix}" (${clash.path}); Fly.io requires [[statics]] prefixes that do not overlap` });
      seen.push({ prefix, path: entry.location.path });
    }
  },
};
