import { relative, sep } from "node:path";

/** A result's path as reports show it: relative to the working folder, with forward slashes. */
export function reportPath(filePath: string, cwd: string): string {
  return (relative(cwd, filePath) || filePath).split(sep).join("/");
}
