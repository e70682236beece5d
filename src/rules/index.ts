import { autoStopMachinesBoolean } from "./auto-stop-machines-boolean.js";
import { buildCompression } from "./build-compression.js";
import { buildStrategies } from "./build-strategies.js";
import { canaryWithMounts } from "./canary-with-mounts.js";
import { checkTiming } from "./check-timing.js";
import { checkType } from "./check-type.js";
import { deployStrategy } from "./deploy-strategy.js";
import { deprecatedKey } from "./deprecated-key.js";
import { haTwoMachines } from "./ha-two-machines.js";
import { invalidValue } from "./invalid-value.js";
import { keyCase } from "./key-case.js";
import { legacyServices } from "./legacy-services.js";
import { localhostBinding } from "./localhost-binding.js";
import { mountAutoExtend } from "./mount-auto-extend.js";
import { mountSize } from "./mount-size.js";
import { mountSnapshotRetention } from "./mount-snapshot-retention.js";
import { mountsPerGroup } from "./mounts-per-group.js";
import { restartPolicy } from "./restart-policy.js";
import { serviceCheckTiming } from "./service-check-timing.js";
import { servicePorts } from "./service-ports.js";
import { serviceProcesses } from "./service-processes.js";
import { suspendIncompatible } from "./suspend-incompatible.js";
import { tomlSyntax } from "./toml-syntax.js";
import type { Rule } from "./types.js";
import { unknownKey } from "./unknown-key.js";
import { unsplittableCommand } from "./unsplittable-command.js";
import { unusedSuppression } from "./unused-suppression.js";

/** Every rule, in the order their diagnostics are reported when they share a position. */
export const rules: readonly Rule[] = [
  // What flyctl refuses to load.
  tomlSyntax,
  invalidValue,
  // What fly config validate reports (fly-toml-model.md §3.1).
  buildStrategies,
  deployStrategy,
  canaryWithMounts,
  unsplittableCommand,
  checkType,
  checkTiming,
  serviceProcesses,
  servicePorts,
  serviceCheckTiming,
  mountSize,
  mountSnapshotRetention,
  mountAutoExtend,
  restartPolicy,
  buildCompression,
  // What fails or misbehaves only at deploy or run time.
  mountsPerGroup,
  localhostBinding,
  suspendIncompatible,
  // Keys, legacy forms and advice.
  unknownKey,
  keyCase,
  deprecatedKey,
  autoStopMachinesBoolean,
  legacyServices,
  haTwoMachines,
  unusedSuppression,
];

export function findRule(id: string): Rule | undefined {
  return rules.find((rule) => rule.meta.id === id);
}
