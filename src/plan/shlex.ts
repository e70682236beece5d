/**
 * github.com/google/shlex's Split, which flyctl uses to turn a [processes] command into the Machine's
 * init.cmd (processgroups.go:229-246): words split on blanks, '…' literal, "…" with backslash escapes,
 * a # at the start of a word begins a comment to the end of the line.
 */
export type SplitResult = { ok: true; words: string[] } | { ok: false; error: string };

type State = "start" | "word" | "escaping" | "escapingQuoted" | "quotingEscaping" | "quoting" | "comment";

const blank = (char: string) => char === " " || char === "\t" || char === "\r" || char === "\n";

export function shlexSplit(command: string): SplitResult {
  const words: string[] = [];
  let state: State = "start";
  let word = "";
  const finish = () => {
    words.push(word);
    word = "";
    state = "start";
  };
  for (const char of command) {
    switch (state) {
      case "start":
        if (blank(char)) break;
        if (char === "\\") state = "escaping";
        else if (char === '"') state = "quotingEscaping";
        else if (char === "'") state = "quoting";
        else if (char === "#") state = "comment";
        else {
          word = char;
          state = "word";
        }
        break;
      case "word":
        if (blank(char)) finish();
        else if (char === '"') state = "quotingEscaping";
        else if (char === "'") state = "quoting";
        else if (char === "\\") state = "escaping";
        else word += char;
        break;
      case "escaping":
        word += char;
        state = "word";
        break;
      case "escapingQuoted":
        word += char;
        state = "quotingEscaping";
        break;
      case "quotingEscaping":
        if (char === '"') state = "word";
        else if (char === "\\") state = "escapingQuoted";
        else word += char;
        break;
      case "quoting":
        if (char === "'") state = "word";
        else word += char;
        break;
      case "comment":
        if (char === "\n") {
          word = "";
          state = "start";
        }
        break;
    }
  }
  if (state === "escaping" || state === "escapingQuoted") return { ok: false, error: "EOF found after escape character" };
  if (state === "quoting" || state === "quotingEscaping") return { ok: false, error: "EOF found when expecting closing quote" };
  if (state === "word") words.push(word);
  return { ok: true, words };
}
