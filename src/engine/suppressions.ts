import type { Range } from "../document/located.js";
import type { FlyDocument } from "../document/parse.js";

/**
 * An inline suppression comment:
 *   `# flylint-disable-next-line rule-a, rule-b -- why`  (the next line only)
 *   `# flylint-disable rule-a -- why`                    (the whole file)
 * With no rule named, it suppresses every rule.
 */
export interface SuppressionDirective {
  kind: "next-line" | "file";
  /** The comment, `#` included. */
  commentRange: Range;
  /** The rule ids named, each with its range inside the comment. */
  rules: { id: string; range: Range }[];
  /** 1-based line the directive applies to (next-line), or undefined for the whole file. */
  targetLine: number | undefined;
  /** Rule ids (or `*` for a directive naming none) that suppressed at least one diagnostic. */
  used: Set<string>;
}

const directivePattern = /^(\s*)(flylint-disable-next-line|flylint-disable)(?=\s|$)/;

export function parseSuppressions(document: FlyDocument): SuppressionDirective[] {
  const directives: SuppressionDirective[] = [];
  for (const comment of document.comments) {
    const match = directivePattern.exec(comment.value);
    if (!match) continue;
    // comment.value starts after the `#`.
    const valueStart = comment.range.start + 1;
    const listStart = (match[0] as string).length;
    const rest = comment.value.slice(listStart);
    const reasonAt = rest.search(/(^|\s)--(\s|$)/);
    const list = reasonAt < 0 ? rest : rest.slice(0, reasonAt);
    const rules = [...list.matchAll(/[A-Za-z0-9_-]+/g)].map((m) => {
      const start = valueStart + listStart + (m.index ?? 0);
      return { id: m[0], range: { start, end: start + m[0].length } };
    });
    const kind = match[2] === "flylint-disable-next-line" ? "next-line" : "file";
    const line = document.lines.positionAt(comment.range.start).line;
    directives.push({ kind, commentRange: comment.range, rules, targetLine: kind === "next-line" ? line + 1 : undefined, used: new Set() });
  }
  return directives;
}

/** Whether a directive suppresses a rule's diagnostic on a line; records the use. */
export function suppresses(directive: SuppressionDirective, ruleId: string, line: number): boolean {
  if (directive.targetLine !== undefined && directive.targetLine !== line) return false;
  if (directive.rules.length === 0) {
    directive.used.add("*");
    return true;
  }
  if (!directive.rules.some((rule) => rule.id === ruleId)) return false;
  directive.used.add(ruleId);
  return true;
}
