import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

describe("scripts/check-corpus.mjs", () => {
  it("compares flylint with flyctl's verdicts and ends with the summary line", () => {
    const result = spawnSync(process.execPath, [join(root, "scripts/check-corpus.mjs"), join(root, "test/fixtures/check-corpus")], { encoding: "utf8" });
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines).toEqual([
      `disagree.toml: load miss: flyctl says "pretend flyctl refused it"`,
      "validate detail: 0 files where flylint's validate errors or warnings differ in number from fly config validate's",
      "corpus: 5 files, 0 crashes, 0 false errors, 1 load misses, 0 validate misses, 0 unknown-key misses",
    ]);
    expect(result.status).toBe(1);
  });

  it("exits 2 with usage when the folder is missing", () => {
    const result = spawnSync(process.execPath, [join(root, "scripts/check-corpus.mjs"), join(root, "no-such-folder")], { encoding: "utf8" });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("usage: npm run check:corpus -- DIR");
  });
});
