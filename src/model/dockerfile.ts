/** One Dockerfile instruction, with continuation lines joined and its 1-based starting line. */
export interface DockerInstruction {
  keyword: string;
  /** The arguments as written (exec-form JSON arrays are turned into a command line). */
  command: string;
  line: number;
}

function commandText(args: string): string {
  const trimmed = args.trim();
  if (trimmed.startsWith("[")) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed)) return parsed.map(String).join(" ");
    } catch {
      // Not valid JSON: Docker runs it in shell form, and so do we.
    }
  }
  return trimmed;
}

/** The instructions of a Dockerfile (comments and blank lines skipped, `\` continuations joined). */
export function parseDockerfile(text: string): DockerInstruction[] {
  const instructions: DockerInstruction[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const first = lines[i] as string;
    if (/^\s*(#|$)/.test(first)) continue;
    const start = i;
    let joined = first;
    while (/\\\s*$/.test(joined) && i + 1 < lines.length) {
      i++;
      const next = lines[i] as string;
      joined = joined.replace(/\\\s*$/, " ") + (/^\s*#/.test(next) ? "" : next);
    }
    const match = /^\s*([A-Za-z]+)\s+(.*)$/.exec(joined);
    if (match) instructions.push({ keyword: (match[1] as string).toUpperCase(), command: commandText(match[2] as string), line: start + 1 });
  }
  return instructions;
}

/** The instructions Docker uses from the final stage: its last CMD and ENTRYPOINT, and its ENV lines. */
export function finalStage(instructions: readonly DockerInstruction[]): DockerInstruction[] {
  let from = 0;
  instructions.forEach((instruction, index) => {
    if (instruction.keyword === "FROM") from = index;
  });
  return instructions.slice(from);
}
