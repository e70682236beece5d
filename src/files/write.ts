import { chmodSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * Replaces a file's content atomically: the new text goes to a temporary file in the same folder, which
 * then takes the file's place, so a reader never sees half a file. The file keeps its mode, and a
 * symlink is written through to its target rather than replaced.
 */
export function writeFileAtomically(path: string, content: string): void {
  const target = realpathSync(path);
  const mode = statSync(target).mode & 0o7777;
  const temporary = join(dirname(target), `.${basename(target)}.flylint-${process.pid}-${Date.now()}.tmp`);
  try {
    writeFileSync(temporary, content, { mode });
    chmodSync(temporary, mode);
    renameSync(temporary, target);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // Nothing was created, or it is already gone.
    }
    throw error;
  }
}
