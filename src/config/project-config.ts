import { existsSync } from "node:fs";
import { readRegularFile } from "../files/read.js";
import { dirname, join, relative, sep } from "node:path";
import ignore, { type Ignore } from "ignore";
import type { RuleSetting } from "../engine/lint.js";
import { didYouMeanSentence } from "../text/did-you-mean.js";

/** The names flylint looks for, nearest folder first; JSON only, so a config can never run code. */
export const configFileNames = ["flylint.json", ".flylintrc.json"] as const;

export interface ProjectConfig {
  path: string;
  /** Per-rule severities: "off", "info", "warn" (or "warning"), "error". */
  rules: Record<string, RuleSetting>;
  /** Paths to skip, in .gitignore syntax, relative to the config file's folder. */
  ignores(filePath: string): boolean;
}

export class ConfigError extends Error {}

const settingNames: Record<string, RuleSetting> = { off: "off", info: "info", warn: "warning", warning: "warning", error: "error" };

export function parseRuleSetting(value: unknown): RuleSetting | undefined {
  return typeof value === "string" ? settingNames[value] : undefined;
}

function parseConfig(path: string, knownRules: ReadonlySet<string>): ProjectConfig {
  let data: unknown;
  try {
    // A regular file only: a fifo named flylint.json would block the run forever.
    data = JSON.parse(readRegularFile(path));
  } catch (error) {
    throw new ConfigError(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) throw new ConfigError(`${path}: expected a JSON object with "rules" and/or "ignore"`);
  const { rules = {}, ignore: patterns = [], ...rest } = data as Record<string, unknown>;
  const unknownField = Object.keys(rest)[0];
  if (unknownField !== undefined) throw new ConfigError(`${path}: unknown field "${unknownField}" (expected "rules" and "ignore")`);
  if (typeof rules !== "object" || rules === null || Array.isArray(rules)) throw new ConfigError(`${path}: "rules" must be an object of rule ids to "off", "info", "warn" or "error"`);
  const settings: Record<string, RuleSetting> = {};
  for (const [id, value] of Object.entries(rules)) {
    if (!knownRules.has(id)) throw new ConfigError(`${path}: unknown rule "${id}" in "rules"${didYouMeanSentence(id, [...knownRules])}`);
    const setting = parseRuleSetting(value);
    if (!setting) throw new ConfigError(`${path}: rule "${id}" must be "off", "info", "warn" or "error" (got ${JSON.stringify(value)})`);
    settings[id] = setting;
  }
  if (!Array.isArray(patterns) || !patterns.every((p) => typeof p === "string")) throw new ConfigError(`${path}: "ignore" must be an array of glob strings`);
  const matcher: Ignore | undefined = patterns.length > 0 ? ignore().add(patterns as string[]) : undefined;
  const base = dirname(path);
  return {
    path,
    rules: settings,
    ignores(filePath) {
      const rel = relative(base, filePath).split(sep).join("/");
      return matcher !== undefined && rel !== "" && !rel.startsWith("..") && matcher.ignores(rel);
    },
  };
}

/** Finds the nearest flylint.json / .flylintrc.json from a folder upward, caching per folder. */
export class ConfigResolver {
  private readonly byFolder = new Map<string, ProjectConfig | undefined>();

  constructor(private readonly knownRules: ReadonlySet<string>) {}

  forFile(filePath: string): ProjectConfig | undefined {
    return this.forFolder(dirname(filePath));
  }

  private forFolder(folder: string): ProjectConfig | undefined {
    if (this.byFolder.has(folder)) return this.byFolder.get(folder);
    const found = configFileNames.map((name) => join(folder, name)).find((path) => existsSync(path));
    const parent = dirname(folder);
    const config = found ? parseConfig(found, this.knownRules) : parent === folder ? undefined : this.forFolder(parent);
    this.byFolder.set(folder, config);
    return config;
  }
}
