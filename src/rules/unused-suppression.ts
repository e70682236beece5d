import type { FlyDocument } from "../document/parse.js";
import type { SuppressionDirective } from "../engine/suppressions.js";
import { removeRange, replaceRange } from "../fixers/edits.js";
import { didYouMeanSentence } from "../text/did-you-mean.js";
import type { ReportDescriptor, Rule } from "./types.js";

/**
 * A `flylint-disable` comment that suppressed nothing: the problem it silenced is gone (or the rule name
 * is misspelled), and a stale suppression would hide the problem if it came back. The engine computes
 * suppressions after every rule ran, so it reports this rule through `unusedSuppressionReports`.
 */
export const unusedSuppression: Rule = {
  meta: {
    id: "unused-suppression",
    description: "Suppression comments must suppress something.",
    severity: "warning",
    stage: "advice",
    fix: "safe",
  },
  check() {
    // Reported by the engine once suppressions are resolved; see engine/lint.ts.
  },
};

/** The directive text without some of its rules: `flylint-disable-next-line a, c -- reason`. */
function withoutRules(document: FlyDocument, directive: SuppressionDirective, unused: Set<string>): string {
  const kept = directive.rules.filter((rule) => !unused.has(rule.id));
  const first = directive.rules[0];
  const last = directive.rules[directive.rules.length - 1];
  if (!first || !last) return document.text.slice(directive.commentRange.start, directive.commentRange.end);
  const before = document.text.slice(directive.commentRange.start, first.range.start);
  const after = document.text.slice(last.range.end, directive.commentRange.end);
  return `${before}${kept.map((rule) => rule.id).join(", ")}${after}`;
}

function unknownRuleMessage(id: string, knownRuleIds: ReadonlySet<string>): string {
  const suggestion = didYouMeanSentence(id, [...knownRuleIds]);
  return `"${id}" is not a flylint rule, so this suppression does nothing${suggestion || "; check its spelling against the rule list in the README"}`;
}

export function unusedSuppressionReports(
  document: FlyDocument,
  directives: readonly SuppressionDirective[],
  knownRuleIds: ReadonlySet<string>,
): ReportDescriptor[] {
  const reports: ReportDescriptor[] = [];
  for (const directive of directives) {
    const removeComment = { title: "Remove the unused suppression comment", edits: [removeRange(document.text, directive.commentRange)] };
    if (directive.rules.length === 0) {
      if (directive.used.size === 0) reports.push({ range: directive.commentRange, message: "This flylint-disable comment suppresses nothing; remove it", fix: removeComment });
      continue;
    }
    const unused = new Set(directive.rules.filter((rule) => !directive.used.has(rule.id)).map((rule) => rule.id));
    if (unused.size === 0) continue;
    const fix =
      unused.size === new Set(directive.rules.map((rule) => rule.id)).size
        ? removeComment
        : { title: `Remove ${[...unused].join(", ")} from the comment`, edits: [replaceRange(directive.commentRange, withoutRules(document, directive, unused))] };
    for (const rule of directive.rules) {
      if (!unused.has(rule.id)) continue;
      const message = knownRuleIds.has(rule.id)
        ? `"${rule.id}" is suppressed here but reports nothing ${directive.kind === "next-line" ? "on the next line" : "in this file"}; remove it`
        : unknownRuleMessage(rule.id, knownRuleIds);
      reports.push({ range: rule.range, message, fix });
    }
  }
  return reports;
}
