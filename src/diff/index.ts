import { comparableConfig } from "./comparable.js";
import { compareConfigs, type KeyChange } from "./compare.js";
import { loadSide, SideError, type LoadedSide, type SideKind } from "./side.js";

export type { KeyChange } from "./compare.js";
export { loadSide, SideError, sideKind, type LoadedSide, type SideKind } from "./side.js";
export { configShowJson } from "./json-config.js";

/**
 * The semantic diff of two configs: each side loaded as flyctl loads it (side.ts), put in one form
 * (comparable.ts) and compared key by key (compare.ts). Text, key order, comments and legacy spellings
 * make no difference; what flyctl would do differently does.
 */
export interface ConfigDiff {
  kinds: [SideKind, SideKind];
  /** True when a side has a [build] that was left out, because the other came from the Fly service, which does not keep it. */
  buildIgnored: boolean;
  changes: KeyChange[];
}

export interface DiffOptions {
  /**
   * Whether [build] is compared. By default it is not when a side came from the Fly service (side.ts
   * `remote`); `--deployed` says false, a comparison of two local loads (`fly config show --local`) true.
   */
  compareBuild?: boolean;
}

function loadOneSide(text: string, side: 0 | 1): LoadedSide {
  try {
    return loadSide(text);
  } catch (error) {
    throw error instanceof SideError ? new SideError(error.message, side) : error;
  }
}

/** Compares two config texts; a side flyctl cannot load throws a SideError naming the side. */
export function diffConfigTexts(before: string, after: string, options: DiffOptions = {}): ConfigDiff {
  return diffLoadedSides(loadOneSide(before, 0), loadOneSide(after, 1), options);
}

/** The same for sides already loaded (the CLI also plans them). */
export function diffLoadedSides(a: LoadedSide, b: LoadedSide, options: DiffOptions = {}): ConfigDiff {
  const withoutBuild = options.compareBuild === undefined ? a.remote || b.remote : !options.compareBuild;
  const changes = compareConfigs(comparableConfig(a.normalized, { withoutBuild }), comparableConfig(b.normalized, { withoutBuild }));
  const buildIgnored = withoutBuild && (a.normalized["build"] !== undefined || b.normalized["build"] !== undefined);
  return { kinds: [a.kind, b.kind], buildIgnored, changes };
}
