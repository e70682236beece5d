import { insertAt } from "../fixers/edits.js";
import { removeEntryEdit, trailingComment } from "../fixers/sections.js";
import { lineBreakOf } from "../fixers/text.js";
import type { TextEdit, Rule } from "./types.js";

/**
 * experimental.metrics_port and metrics_path are legacy: flyctl turns them into a [[metrics]] entry only
 * when there is no [metrics] section, and ignores them otherwise (P4, patches.go:212-225).
 */
export const experimentalMetrics: Rule = {
  meta: {
    id: "experimental-metrics",
    description: "experimental.metrics_port and metrics_path should be a [[metrics]] section.",
    severity: "warning",
    stage: "advice",
    fix: "safe",
  },
  check(context) {
    const model = context.model;
    const port = model.location("/experimental/metrics_port");
    const path = model.location("/experimental/metrics_path");
    const first = port ?? path;
    if (!first?.entry) return;
    const removals = [port, path].flatMap((l) => (l?.entry ? [removeEntryEdit(context.document, l.entry)] : [])).filter((e): e is TextEdit => e !== undefined);
    // When the keys move to [[metrics]], their comments move with them.
    const moves = [port, path].flatMap((l) => (l?.entry ? [removeEntryEdit(context.document, l.entry, false)] : [])).filter((e): e is TextEdit => e !== undefined);
    const withComment = (l: typeof port, line: string) => {
      const comment = l?.entry ? trailingComment(context.document, l.entry) : undefined;
      return comment ? `${line} ${comment}` : line;
    };
    const text = context.document.text;
    const legacyKeys = [port, path].flatMap((l) => (l?.entry ? [l.entry] : []));
    if (model.root["metrics"] !== undefined) {
      for (const entry of legacyKeys) {
        context.report({
          range: entry.keyRange,
          message: `experimental.${entry.key} is ignored: [metrics] is set, and flyctl uses that. Remove it`,
          fix: { title: "Remove the legacy metrics keys", edits: removals },
        });
      }
      return;
    }
    const source = (l: typeof port) => (l ? text.slice(l.node.range.start, l.node.range.end) : undefined);
    const eol = lineBreakOf(text);
    const lines = ["[[metrics]]", ...(port ? [withComment(port, `  port = ${source(port)}`)] : []), ...(path ? [withComment(path, `  path = ${source(path)}`)] : [])];
    const block = `${text.length > 0 && !text.endsWith("\n") ? eol : ""}${eol}${lines.join(eol)}${eol}`;
    for (const entry of legacyKeys) {
      context.report({
        range: entry.keyRange,
        message: `experimental.${entry.key} is legacy: flyctl reads experimental metrics_port/metrics_path as [[metrics]] with${port ? ` port = ${source(port)}` : ""}${path ? ` path = ${source(path)}` : ""}. Write [[metrics]]`,
        fix: { title: "Move to [[metrics]]", edits: [...moves, insertAt(text.length, block)] },
      });
    }
  },
};
