import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import ignore, { type Ignore } from "ignore";

/** fly.toml, and per-environment configs such as fly.staging.toml (what `fly deploy -c` users name them). */
export function isFlyConfigName(name: string): boolean {
  return name === "fly.toml" || /^fly\.[^/\\]+\.toml$/.test(name);
}

const alwaysSkipped = new Set(["node_modules", ".git"]);

interface GitignoreScope {
  base: string;
  rules: Ignore;
}

export class PathNotFoundError extends Error {
  constructor(readonly path: string) {
    super(`no such file or directory: ${path}`);
  }
}

function readGitignore(folder: string): GitignoreScope | undefined {
  const file = join(folder, ".gitignore");
  if (!existsSync(file)) return undefined;
  return { base: folder, rules: ignore().add(readFileSync(file, "utf8")) };
}

function isIgnored(path: string, isDirectory: boolean, scopes: readonly GitignoreScope[]): boolean {
  return scopes.some((scope) => {
    const rel = relative(scope.base, path).split(sep).join("/");
    return rel !== "" && !rel.startsWith("..") && scope.rules.ignores(isDirectory ? `${rel}/` : rel);
  });
}

/** .gitignore files from the enclosing git work tree down to (not including) the folder itself. */
function ancestorScopes(folder: string): GitignoreScope[] {
  const chain: string[] = [];
  let current = dirname(folder);
  while (true) {
    chain.unshift(current);
    if (existsSync(join(current, ".git"))) break;
    const parent = dirname(current);
    if (parent === current) return [];
    current = parent;
  }
  return chain.flatMap((dir) => readGitignore(dir) ?? []);
}

function walk(folder: string, scopes: readonly GitignoreScope[], found: string[]): void {
  const own = readGitignore(folder);
  const active = own ? [...scopes, own] : scopes;
  const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (alwaysSkipped.has(entry.name) || isIgnored(path, true, active)) continue;
      walk(path, active, found);
    } else if ((entry.isFile() || entry.isSymbolicLink()) && isFlyConfigName(entry.name) && !isIgnored(path, false, active)) {
      found.push(path);
    }
  }
}

/**
 * The fly configs to lint: files named on the command line as they are, and every fly.toml /
 * fly.*.toml below named folders, honouring .gitignore and skipping node_modules and .git.
 */
export function discoverConfigFiles(paths: readonly string[], cwd: string): string[] {
  const found: string[] = [];
  for (const given of paths.length > 0 ? paths : ["."]) {
    const absolute = resolve(cwd, given);
    let stats;
    try {
      stats = statSync(absolute);
    } catch {
      throw new PathNotFoundError(given);
    }
    if (stats.isDirectory()) walk(absolute, ancestorScopes(absolute), found);
    else found.push(absolute);
  }
  return [...new Set(found)];
}
