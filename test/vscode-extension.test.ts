import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseRuleSetting } from "../src/config/project-config.js";
import { isFlyConfigName } from "../src/files/discover.js";

// The extension's manifest against what flylint accepts; the extension itself runs in real VS Code in
// scripts/e2e/vscode.mjs (npm run test:e2e:vscode).
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const manifest = JSON.parse(readFileSync(join(root, "editors/vscode/package.json"), "utf8"));

/** A tomlValidation fileMatch as Even Better TOML reads it: `**\/<pattern>`, `*` within one path segment. */
function fileMatchRegExp(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*")}$`);
}

describe("editors/vscode/package.json", () => {
  it("offers for flylint.rules exactly the severities flylint.json accepts", () => {
    const offered: string[] = manifest.contributes.configuration.properties["flylint.rules"].additionalProperties.enum;
    expect(offered.every((value) => parseRuleSetting(value) !== undefined)).toBe(true);
    expect(["off", "info", "warn", "warning", "error"].filter((value) => !offered.includes(value))).toEqual(["warning"]);
  });

  it("registers the schema for the file names flylint lints, pointing at this repository's schema file", () => {
    const [validation] = manifest.contributes.tomlValidation;
    const matches = (name: string) => validation.fileMatch.some((pattern: string) => fileMatchRegExp(pattern).test(name));
    for (const name of ["fly.toml", "fly.staging.toml", "fly.production.eu.toml", "Cargo.toml", "fly.json", "myfly.toml", "fly.toml.bak"]) {
      expect([name, matches(name)]).toEqual([name, isFlyConfigName(name)]);
    }
    const path = /^https:\/\/raw\.githubusercontent\.com\/flylint\/flylint\/main\/(.+)$/.exec(validation.url)?.[1];
    expect(path && existsSync(join(root, path))).toBe(true);
  });
});
