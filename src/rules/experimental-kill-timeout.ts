import { insertAt } from "../fixers/edits.js";
import { removeEntryEdit, removeTableEdit, trailingComment } from "../fixers/sections.js";
import { formatString, lineBreakOf } from "../fixers/text.js";
import { formatGoDuration, isGoDuration, parseGoDuration } from "../model/go-duration.js";
import type { FlyDocument } from "../document/parse.js";
import type { Rule } from "./types.js";
import { scalarValue } from "../document/located.js";

/** Where a new top-level key goes: after the last top-level key, or at the top of the file. */
export function topLevelInsertOffset(document: FlyDocument): number {
  const keys = document.ast.body[0].body.filter((item) => item.type === "TOMLKeyValue");
  const last = keys[keys.length - 1];
  if (!last) return 0;
  const newline = document.text.indexOf("\n", last.range.end);
  return newline < 0 ? document.text.length : newline + 1;
}

/**
 * What the top-level kill_timeout gets (P4 copies the value; P9 reads numbers as whole seconds): a
 * duration, or undefined when there is none to write (not a number or a Go duration string, or beyond
 * what time.Duration holds).
 */
function movedDuration(value: string | number | boolean | undefined): string | undefined {
  if (typeof value === "number") return isGoDuration(Math.trunc(value) * 1e9) ? formatGoDuration(Math.trunc(value) * 1e9) : undefined;
  return typeof value === "string" && parseGoDuration(value) !== undefined ? value : undefined;
}

/**
 * experimental.kill_timeout is legacy: flyctl copies it to top-level kill_timeout only when that is absent
 * (numbers are seconds), and ignores it otherwise (P4, patches.go:208-211); fly config validate --strict
 * reports it.
 */
export const experimentalKillTimeout: Rule = {
  meta: {
    id: "experimental-kill-timeout",
    description: "experimental.kill_timeout should be the top-level kill_timeout.",
    severity: "warning",
    stage: "advice",
    fix: "safe",
  },
  check(context) {
    const model = context.model;
    const location = model.location("/experimental/kill_timeout");
    if (!location?.entry) return;
    const node = location.node;
    const remove = removeEntryEdit(context.document, location.entry);
    const comment = trailingComment(context.document, location.entry);
    const topLevel = model.root["kill_timeout"] !== undefined;
    if (topLevel) {
      context.report({
        range: location.entry.keyRange,
        message: "experimental.kill_timeout is ignored: the top-level kill_timeout is set, and flyctl uses that. Remove it",
        ...(remove ? { fix: { title: "Remove experimental.kill_timeout", edits: [remove] } } : {}),
      });
      return;
    }
    const value = scalarValue(node);
    const duration = movedDuration(value);
    if (typeof value === "string" && duration === undefined) {
      context.report({
        range: location.entry.keyRange,
        message: `experimental.kill_timeout = ${JSON.stringify(value)} is not a duration: flyctl moves it to the top-level kill_timeout, which fails to load ("time: missing unit in duration"). Write a top-level kill_timeout with a unit, such as "5s"`,
      });
      return;
    }
    const text = duration === undefined ? undefined : formatString(context.document, duration);
    // The line moves to the top level, and its comment with it; an [experimental] left empty goes too.
    const experimental = model.location("/experimental");
    const emptied = experimental?.node.kind === "table" && experimental.node.entries.size === 1 ? removeTableEdit(context.document, experimental.node) : undefined;
    const move = emptied ?? removeEntryEdit(context.document, location.entry, false);
    const line = `kill_timeout = ${text}${comment ? ` ${comment}` : ""}${lineBreakOf(context.document.text)}`;
    const edits = text && move ? [move, insertAt(topLevelInsertOffset(context.document), line)] : undefined;
    context.report({
      range: location.entry.keyRange,
      message: `experimental.kill_timeout is legacy: flyctl moves it to the top-level kill_timeout${text ? ` (${text})` : ""}. Write kill_timeout at the top level`,
      ...(edits ? { fix: { title: "Move to the top-level kill_timeout", edits } } : {}),
    });
  },
};
