/**
 * Reads the flat list-of-maps YAML of .pre-commit-hooks.yaml (`- key: value` items, no nesting), which is
 * all the tests need; a YAML library would be a dependency for eight lines.
 */
export function parse(text: string): Record<string, string>[] {
  const items: Record<string, string>[] = [];
  for (const line of text.split("\n")) {
    if (/^\s*(#|$)/.test(line)) continue;
    const match = /^(-\s+|\s+)([\w-]+):\s*(.*)$/.exec(line);
    if (!match) continue;
    if (match[1]?.startsWith("-")) items.push({});
    const current = items[items.length - 1];
    if (current) current[match[2] as string] = (match[3] as string).trim();
  }
  return items;
}
