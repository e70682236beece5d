/**
 * Which files are CI files flylint checks, by path: GitHub Actions workflows (.github/workflows/*.yml|yaml)
 * and GitLab CI (.gitlab-ci.yml, and *.gitlab-ci.yml files it includes). Kept apart from the CI linter so
 * file discovery can ask without loading the YAML parser.
 */
export type CiKind = "github-workflow" | "gitlab-ci";

export function ciKindOf(path: string): CiKind | undefined {
  const parts = path.split(/[\\/]/);
  const name = parts[parts.length - 1] ?? "";
  if (/^\.gitlab-ci\.ya?ml$/.test(name) || /.\.gitlab-ci\.ya?ml$/.test(name)) return "gitlab-ci";
  if (/\.ya?ml$/.test(name) && parts[parts.length - 2] === "workflows" && parts[parts.length - 3] === ".github") return "github-workflow";
  return undefined;
}
