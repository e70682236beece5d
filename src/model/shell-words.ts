/**
 * Whether a command splits into words the way flyctl splits it (github.com/google/shlex, used for
 * [processes], release_command and console_command): only an unfinished quote or a trailing backslash
 * fails. Returns Go's error text, or undefined when the command splits.
 */
export function shellSplitError(command: string): string | undefined {
  type State = "start" | "word" | "escaping" | "escapingQuoted" | "quotingEscaping" | "quoting" | "comment";
  let state: State = "start";
  for (const char of command) {
    const space = char === " " || char === "\t" || char === "\r" || char === "\n";
    switch (state) {
      case "start":
      case "word":
        if (space) state = "start";
        else if (char === "\\") state = "escaping";
        else if (char === '"') state = "quotingEscaping";
        else if (char === "'") state = "quoting";
        else if (char === "#" && state === "start") state = "comment";
        else state = "word";
        break;
      case "escaping":
        state = "word";
        break;
      case "escapingQuoted":
        state = "quotingEscaping";
        break;
      case "quotingEscaping":
        if (char === "\\") state = "escapingQuoted";
        else if (char === '"') state = "word";
        break;
      case "quoting":
        if (char === "'") state = "word";
        break;
      case "comment":
        if (char === "\n") state = "start";
        break;
    }
  }
  if (state === "escaping" || state === "escapingQuoted") return "EOF found after escape character";
  if (state === "quoting" || state === "quotingEscaping") return "EOF found when expecting closing quote";
  return undefined;
}
