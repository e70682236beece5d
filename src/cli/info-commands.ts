import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { docsUrlFor } from "../engine/diagnostic.js";
import { ciRuleMetas } from "../ci/rule-meta.js";
import { rules as tomlRules } from "../rules/index.js";
import { didYouMeanSentence } from "../text/did-you-mean.js";
import { errorCode, EXIT_OK, fail } from "./io.js";
import { parseCommandLine, UsageError } from "./options.js";
import { writeOut } from "./terminal.js";

/** fly.toml rules, then the CI-file rules. */
const rules = [...tomlRules, ...ciRuleMetas.map((meta) => ({ meta }))];

/** The installed package's folder: dist/cli.cjs sits one level below it. */
export function packageRoot(): string {
  return resolve(__dirname, "..");
}

export function runRules(argv: readonly string[]): number {
  const { values } = parseCommandLine(argv, [{ name: "format", short: "f", type: "string", choices: ["text", "json"], description: "Output format" }]);
  const list = rules.map((rule) => ({
    id: rule.meta.id,
    severity: rule.meta.severity,
    stage: rule.meta.stage,
    fix: rule.meta.fix ?? null,
    description: rule.meta.description,
    docsUrl: docsUrlFor(rule.meta.id),
  }));
  if (values["format"] === "json") {
    writeOut(`${JSON.stringify(list, null, 2)}\n`);
    return EXIT_OK;
  }
  const rows = [["rule", "severity", "stage", "fix", "description"], ...list.map((r) => [r.id, r.severity, r.stage, r.fix ?? "", r.description])];
  writeOut(alignedColumns(rows));
  return EXIT_OK;
}

/** Rows as text with every column as wide as its widest cell, two spaces apart; the last column is not padded. */
export function alignedColumns(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length))) ?? [];
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join("  ")).join("\n") + "\n";
}

export function runExplain(argv: readonly string[]): number {
  const { positionals } = parseCommandLine(argv, []);
  const [id] = positionals;
  if (!id || positionals.length > 1) throw new UsageError("explain takes one rule id, e.g. flylint explain unknown-key");
  if (!rules.some((rule) => rule.meta.id === id)) {
    const suggestion = didYouMeanSentence(id, rules.map((rule) => rule.meta.id));
    throw new UsageError(`unknown rule "${id}"${suggestion || "; flylint rules lists them"}`);
  }
  const path = resolve(packageRoot(), "docs", "rules", `${id}.md`);
  try {
    writeOut(readFileSync(path, "utf8"));
  } catch (error) {
    fail(`cannot read ${path}: ${errorCode(error)}`);
  }
  return EXIT_OK;
}


/** `flylint schema`: the bundled JSON Schema's path, for editors' settings. */
export function runSchema(argv: readonly string[]): number {
  parseCommandLine(argv, []);
  writeOut(`${resolve(packageRoot(), "schema", "fly.schema.json")}\n`);
  return EXIT_OK;
}
