/**
 * Fly.io regions, as of the docs read for ../shared/reference/gotchas.md §3 (superfly/docs
 * reference/regions.html.markerb after PR #2270, 2025-10-16, "Remove deprecated regions").
 * Replacements are those Fly's own error suggests ("Region yul is deprecated ... such as yyz",
 * superfly/docs#2171) and flyctl launch's mapping (internal/command/launch/plan_builder.go:749-767).
 */
export const deployableRegions: readonly string[] = ["ams", "arn", "bom", "cdg", "dfw", "ewr", "fra", "gru", "iad", "jnb", "lax", "lhr", "nrt", "ord", "sin", "sjc", "syd", "yyz"];

/** Deprecated regions: no new Machines or volumes can be created there. */
export const deprecatedRegions: ReadonlyMap<string, string> = new Map([
  ["atl", "dfw"], ["den", "dfw"], ["mia", "dfw"], ["gdl", "dfw"], ["qro", "dfw"],
  ["bos", "ewr"], ["phx", "lax"], ["sea", "sjc"], ["yul", "yyz"], ["waw", "ams"],
  ["mad", "cdg"], ["otp", "fra"], ["bog", "gru"], ["gig", "gru"], ["scl", "gru"], ["eze", "gru"], ["hkg", "sin"],
]);

/** Codes of edge locations (never deployable) and of regions retired long ago. */
export const edgeOnlyRegions: ReadonlySet<string> = new Set(["dxb", "ist", "mel"]);
export const retiredRegions: ReadonlySet<string> = new Set(["vin", "mrs"]);
