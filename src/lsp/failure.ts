/** How the server words a failure: one short line for a diagnostic, everything for the log. */

const maxReasonLength = 200;

/** An error as one short line for a diagnostic: its message's first line, or what was thrown. */
export function oneLineReason(error: unknown): string {
  const message = error instanceof Error ? error.message || error.name : String(error);
  const line = message.split(/\r\n|\r|\n/, 1)[0]!.replace(/\s+/g, " ").trim() || "unknown error";
  return line.length > maxReasonLength ? `${line.slice(0, maxReasonLength - 1)}…` : line;
}

/** Everything an error can tell the log: the stack when there is one. */
export function logText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
}
