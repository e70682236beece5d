import { comparableConfig } from "./comparable.js";
import { planConfig, type PlanOptions } from "../plan/index.js";
import { compareConfigs, type KeyChange } from "./compare.js";
import { compareGroups, type CostRange, type GroupChange } from "./groups.js";
import { loadSide, SideError, type LoadedSide, type SideKind } from "./side.js";

export type { KeyChange } from "./compare.js";
export type { CostRange, GroupChange, GroupSize } from "./groups.js";
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
  /** The process groups whose Machines change (src/plan/), in the order flyctl creates them. */
  groups: GroupChange[];
  /** The estimated monthly cost of all groups on each side (USD, min to max), and the difference. */
  monthlyCost: { before: CostRange; after: CostRange; delta: CostRange };
}

export interface DiffOptions {
  /**
   * Whether [build] is compared. By default it is not when a side came from the Fly service (side.ts
   * `remote`); `--deployed` says false, a comparison of two local loads (`fly config show --local`) true.
   */
  compareBuild?: boolean;
  /** How each side's plan reads files its config names (a compose file, machine_config JSON); see PlanOptions. */
  plan?: [PlanOptions?, PlanOptions?];
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
  const plans = [planConfig(a.loaded, options.plan?.[0]), planConfig(b.loaded, options.plan?.[1])] as const;
  const groups = compareGroups(plans[0], plans[1], { withoutImage: withoutBuild });
  const total = (plan: (typeof plans)[number]): CostRange => ({ min: plan.monthlyCost.min, max: plan.monthlyCost.max });
  const cents = (value: number) => Math.round(value * 100) / 100;
  const [before, after] = [total(plans[0]), total(plans[1])];
  const monthlyCost = { before, after, delta: { min: cents(after.min - before.min), max: cents(after.max - before.max) } };
  return { kinds: [a.kind, b.kind], buildIgnored, changes, groups, monthlyCost };
}
