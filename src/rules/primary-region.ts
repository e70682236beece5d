import { deployableRegions, deprecatedRegions, edgeOnlyRegions, retiredRegions } from "../data/regions.js";
import { didYouMean } from "../text/did-you-mean.js";
import type { Rule } from "./types.js";
import { scalarValue } from "../document/located.js";

/**
 * primary_region must be a region where Machines can be created. flyctl does not check it; the
 * platform refuses at deploy ("Region yul is deprecated and cannot have new resources provisioned").
 */
export const primaryRegion: Rule = {
  meta: {
    id: "primary-region",
    description: "primary_region must be a region where Fly.io can create Machines.",
    severity: "error",
    stage: "deploy",
  },
  check(context) {
    const location = context.model.location("/primary_region");
    const value = scalarValue(location?.node);
    if (!location || typeof value !== "string" || deployableRegions.includes(value)) return;
    const replacement = deprecatedRegions.get(value.toLowerCase());
    let why: string;
    if (deployableRegions.includes(value.toLowerCase())) why = `region codes are lower case; write "${value.toLowerCase()}"`;
    else if (replacement) why = `"${value}" is deprecated: Fly.io creates no new Machines or volumes there; Fly suggests "${replacement}" (volumes stay in their region, so move data deliberately)`;
    else if (edgeOnlyRegions.has(value)) why = `"${value}" is an edge location, where apps cannot run`;
    else if (retiredRegions.has(value)) why = `"${value}" was retired`;
    else why = `"${value}" is not a Fly.io region (fly platform regions lists them).${didYouMean(value, deployableRegions)}`;
    context.report({ range: location.node.range, message: `primary_region ${why}` });
  },
};
