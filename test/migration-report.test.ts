import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../src/engine/diagnostic.js";
import type { MigrationResult } from "../src/engine/migrate.js";
import { formatMigrationJson, formatMigrationText } from "../src/formatters/migration-report.js";

// The migration report finds a file's secrets only when it has a message to mask (finding them parses the
// file again); a message that repeats a secret of the text before or after migrating is masked all the same.

const before = `app = "demo"\n\n[env]\n  DB_PASSWORD = "correct-horse-battery-staple"\n`;
const after = `app = "demo"\n\n[env]\n  DB_PASSWORD = "correct-horse-battery-staple"\n  API_TOKEN = "tr0ub4dor-and-3-more"\n`;

function finding(message: string): Diagnostic {
  return {
    ruleId: "env-array",
    severity: "warning",
    stage: "advice",
    message,
    range: { start: 14, end: 19 },
    start: { line: 3, column: 1 },
    end: { line: 3, column: 6 },
    docsUrl: "https://example.invalid/env-array",
  };
}

const migrated: MigrationResult = {
  filePath: "/repo/fly.toml",
  status: "migrated",
  original: before,
  output: after,
  changes: { "env-array": 1 },
  remaining: [finding("env holds correct-horse-battery-staple and tr0ub4dor-and-3-more")],
};

const skipped: MigrationResult = {
  filePath: "/repo/other/fly.toml",
  status: "skipped",
  original: before,
  changes: {},
  remaining: [],
  error: finding("TOML syntax error near correct-horse-battery-staple"),
};

describe("migration report", () => {
  it("masks a secret of the text as read and as migrated in every message, as text and as JSON", () => {
    for (const report of [formatMigrationText([migrated, skipped], "/repo", false), formatMigrationJson([migrated, skipped], "/repo", { written: true })]) {
      expect(report).not.toContain("battery-staple");
      expect(report).not.toContain("and-3-more");
      // The messages themselves are there, masked.
      expect(report).toContain("env holds");
      expect(report).toContain("TOML syntax error near");
    }
  });

  it("reports a file without messages by its counts alone", () => {
    const clean: MigrationResult = { ...migrated, remaining: [] };
    expect(formatMigrationText([clean], "/repo", false)).toBe(
      "fly.toml: migrated 1 (env-array 1)\n1 file: 1 migrated (1 changes: env-array 1), 0 already current, 0 skipped, 0 left for a person\n",
    );
  });
});
