import type { Rule } from "./types.js";

const maxStatics = 10;

function normalizePrefix(prefix: string): string {
  return prefix.endsWith("/") ? prefix : `${prefix}/`;
}

interface Seen {
  prefix: string;
  path: string;
}

/**
 * The url_prefix values seen so far, as a tree of path segments. With the trailing "/" that
 * normalizePrefix adds, one prefix starts with another exactly when its segments start with the other's
 * segments, so the first earlier prefix that overlaps a new one is found by walking the new one's segments
 * once, not by comparing it with every earlier one.
 */
class PrefixTree {
  private readonly children = new Map<string, PrefixTree>();
  /** The first prefix that ends here. */
  private ending: (Seen & { order: number }) | undefined;
  /** The first prefix that ends here or further down. */
  private firstBelow: (Seen & { order: number }) | undefined;
  private count = 0;

  /** The earliest prefix seen that this one starts with, or that starts with this one. */
  clash(prefix: string): Seen | undefined {
    let best: (Seen & { order: number }) | undefined;
    const consider = (seen: (Seen & { order: number }) | undefined) => {
      if (seen && (!best || seen.order < best.order)) best = seen;
    };
    let node: PrefixTree | undefined = this;
    for (const segment of segmentsOf(prefix)) {
      consider(node.ending);
      node = node.children.get(segment);
      if (!node) return best;
    }
    consider(node.ending);
    consider(node.firstBelow);
    return best;
  }

  add(seen: Seen): void {
    const entry = { ...seen, order: this.count++ };
    let node: PrefixTree = this;
    node.firstBelow ??= entry;
    for (const segment of segmentsOf(seen.prefix)) {
      let child = node.children.get(segment);
      if (!child) node.children.set(segment, (child = new PrefixTree()));
      node = child;
      node.firstBelow ??= entry;
    }
    node.ending ??= entry;
  }
}

/** The segments of a normalized prefix, without the empty one after its trailing "/". */
function segmentsOf(prefix: string): string[] {
  return normalizePrefix(prefix).split("/").slice(0, -1);
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
    const entries = model.tablesAt(model.root["statics"], model.location("/statics"));
    const eleventh = entries[maxStatics];
    if (eleventh) context.report({ range: eleventh.location.node.anchor, message: `This is [[statics]] number ${maxStatics + 1}; Fly.io serves at most ${maxStatics}` });
    const seen = new PrefixTree();
    for (const entry of entries) {
      const prefix = entry.table["url_prefix"];
      const location = entry.location.child("url_prefix");
      if (typeof prefix !== "string" || !location) continue;
      const clash = seen.clash(prefix);
      if (clash) context.report({ range: location.node.range, message: `url_prefix "${prefix}" overlaps "${clash.prefix}" (${clash.path}); Fly.io requires [[statics]] prefixes that do not overlap` });
      seen.add({ prefix, path: entry.location.path });
    }
  },
};
