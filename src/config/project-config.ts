import { existsSync } from "node:fs";
import { readRegularFile } from "../files/read.js";
import { dirname, join, relative, sep } from "node:path";
import ignore, { type Ignore } from "ignore";
import type { RuleSetting } from "../engine/lint.js";
import { flyctlVersionPattern } from "../data/flyctl-ci.js";
import { didYouMeanSentence } from "../text/did-you-mean.js";

/** The names flylint looks for in each folder, the first one winning; JSON only, so a config can never run code. */
export const configFileNames = ["flylint.json", ".flylintrc.json"] as const;

export interface ProjectConfig {
  /** The nearest config file. */
  path: string;
  /** Every config file that applies, nearest first: up to one with "root": true or the repository's root folder. */
  files: string[];
  /** Per-rule severities: "off", "info", "warn" (or "warning"), "error"; a nearer file wins. */
  rules: Record<string, RuleSetting>;
  /** The flyctl version CI files should pin ("flyctlVersion"); the CI fixes exist only when it is given. */
  flyctlVersion?: string;
  /** Paths to skip, in .gitignore syntax, relative to the config file's folder; any of the files may skip one. */
  ignores(filePath: string): boolean;
  /** The config file whose "ignore" patterns skip the file, if one does. */
  ignoredBy(filePath: string): string | undefined;
}

/** One config file as written. */
interface ConfigFile {
  path: string;
  root: boolean;
  rules: Record<string, RuleSetting>;
  flyctlVersion?: string;
  ignores(filePath: string): boolean;
}

export class ConfigError extends Error {}

const settingNames: Record<string, RuleSetting> = { off: "off", info: "info", warn: "warning", warning: "warning", error: "error" };

export function parseRuleSetting(value: unknown): RuleSetting | undefined {
  return typeof value === "string" ? settingNames[value] : undefined;
}

function parseConfig(path: string, knownRules: ReadonlySet<string>): ConfigFile {
  let data: unknown;
  try {
    // A regular file only: a fifo named flylint.json would block the run forever.
    data = JSON.parse(readRegularFile(path));
  } catch (error) {
    throw new ConfigError(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) throw new ConfigError(`${path}: expected a JSON object with "rules" and/or "ignore"`);
  const { rules = {}, ignore: patterns = [], root = false, flyctlVersion, ...rest } = data as Record<string, unknown>;
  const unknownField = Object.keys(rest)[0];
  if (unknownField !== undefined) throw new ConfigError(`${path}: unknown field "${unknownField}"${didYouMeanSentence(unknownField, ["rules", "ignore", "root", "flyctlVersion"])} (expected "rules", "ignore", "root" and "flyctlVersion")`);
  if (flyctlVersion !== undefined && (typeof flyctlVersion !== "string" || !flyctlVersionPattern.test(flyctlVersion))) {
    throw new ConfigError(`${path}: "flyctlVersion" must be a flyctl release such as "0.4.87" (got ${JSON.stringify(flyctlVersion)})`);
  }
  if (typeof root !== "boolean") throw new ConfigError(`${path}: "root" must be true or false (got ${JSON.stringify(root)})`);
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
    root,
    rules: settings,
    ...(typeof flyctlVersion === "string" ? { flyctlVersion } : {}),
    ignores(filePath) {
      const rel = relative(base, filePath).split(sep).join("/");
      return matcher !== undefined && rel !== "" && !rel.startsWith("..") && matcher.ignores(rel);
    },
  };
}

/** A config file on top of the ones above it: its rules win, and its ignore patterns add to theirs. */
function extend(own: ConfigFile, parent: ProjectConfig | undefined): ProjectConfig {
  return {
    path: own.path,
    files: [own.path, ...(parent?.files ?? [])],
    rules: { ...parent?.rules, ...own.rules },
    ...(own.flyctlVersion ?? parent?.flyctlVersion ? { flyctlVersion: (own.flyctlVersion ?? parent?.flyctlVersion) as string } : {}),
    ignores: (filePath) => own.ignores(filePath) || (parent?.ignores(filePath) ?? false),
    ignoredBy: (filePath) => (own.ignores(filePath) ? own.path : parent?.ignoredBy(filePath)),
  };
}

/** The names looked up in each folder: the config files, and .git, where the cascade stops. */
const lookedUpNames: ReadonlySet<string> = new Set([...configFileNames, ".git"]);
const noneSeen: ReadonlySet<string> = new Set();

/** Said when one folder holds more than one config file: which one flylint reads. */
export type ConfigNotice = (used: string, unused: readonly string[]) => void;

/**
 * Finds the config files of a file's folder and the folders above it, caching per folder. Like ESLint's
 * cascade, nearer files win; the search stops at a file with "root": true and at the repository's root
 * (a folder with .git), so a flylint.json in a home folder never applies to a clone's files.
 */
export class ConfigResolver {
  private readonly byFolder = new Map<string, ProjectConfig | undefined>();

  constructor(
    private readonly knownRules: ReadonlySet<string>,
    private readonly notice: ConfigNotice = () => {},
  ) {}

  /** Folders a search listed, with which of the names looked up here each holds. */
  private readonly listed = new Map<string, ReadonlySet<string>>();

  /**
   * What a search saw in a folder (the names of its entries): a name it did not see is not there, so the
   * lookup asks the file system only for the names it saw (following a symlink, as before). A folder run
   * looked up three names in each of its folders; the search had listed every one of them already.
   */
  knowListing(folder: string, names: Iterable<string>): void {
    let seen: Set<string> | undefined;
    for (const name of names) if (lookedUpNames.has(name)) (seen ??= new Set()).add(name);
    // Nearly every folder holds none of them: those share one empty set rather than a set each.
    this.listed.set(folder, seen ?? noneSeen);
  }

  forFile(filePath: string): ProjectConfig | undefined {
    return this.forFolder(dirname(filePath));
  }

  /** Whether the folder has an entry of that name that exists (a dangling symlink does not), asking the file system only when it may. */
  private exists(folder: string, name: string): boolean {
    const seen = this.listed.get(folder);
    return seen !== undefined && !seen.has(name) ? false : existsSync(join(folder, name));
  }

  private forFolder(folder: string): ProjectConfig | undefined {
    if (this.byFolder.has(folder)) return this.byFolder.get(folder);
    const present = configFileNames.filter((name) => this.exists(folder, name)).map((name) => join(folder, name));
    const [found, ...unused] = present;
    if (found !== undefined && unused.length > 0) this.notice(found, unused);
    const own = found === undefined ? undefined : parseConfig(found, this.knownRules);
    const parent = dirname(folder);
    const stops = own?.root === true || this.exists(folder, ".git") || parent === folder;
    const inherited = stops ? undefined : this.forFolder(parent);
    const config = own ? extend(own, inherited) : inherited;
    this.byFolder.set(folder, config);
    return config;
  }
}
