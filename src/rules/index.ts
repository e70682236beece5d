import { autoStopMachinesBoolean } from "./auto-stop-machines-boolean.js";
import { bluegreenChecks } from "./bluegreen-checks.js";
import { bluegreenWithMounts } from "./bluegreen-with-mounts.js";
import { buildCompression } from "./build-compression.js";
import { buildStrategies } from "./build-strategies.js";
import { canaryWithMounts } from "./canary-with-mounts.js";
import { checkPort } from "./check-port.js";
import { checkTiming } from "./check-timing.js";
import { checkType } from "./check-type.js";
import { concurrencyLimits } from "./concurrency-limits.js";
import { deployStrategy } from "./deploy-strategy.js";
import { deprecatedKey } from "./deprecated-key.js";
import { durationUnit } from "./duration-unit.js";
import { envFlyPrefix } from "./env-fly-prefix.js";
import { envPrimaryRegion } from "./env-primary-region.js";
import { envSecret } from "./env-secret.js";
import { forceHttpsHandler } from "./force-https-handler.js";
import { haTwoMachines } from "./ha-two-machines.js";
import { internalPortMismatch } from "./internal-port-mismatch.js";
import { invalidValue } from "./invalid-value.js";
import { keyCase } from "./key-case.js";
import { killTimeout } from "./kill-timeout.js";
import { legacyServices } from "./legacy-services.js";
import { localhostBinding } from "./localhost-binding.js";
import { mountAutoExtend } from "./mount-auto-extend.js";
import { mountSize } from "./mount-size.js";
import { mountSnapshotRetention } from "./mount-snapshot-retention.js";
import { mountsPerGroup } from "./mounts-per-group.js";
import { primaryRegion } from "./primary-region.js";
import { releaseCommandVolume } from "./release-command-volume.js";
import { restartPolicy } from "./restart-policy.js";
import { serviceCheckTiming } from "./service-check-timing.js";
import { servicePorts } from "./service-ports.js";
import { serviceProcesses } from "./service-processes.js";
import { statics } from "./statics.js";
import { suspendIncompatible } from "./suspend-incompatible.js";
import { tomlSyntax } from "./toml-syntax.js";
import type { Rule } from "./types.js";
import { unknownKey } from "./unknown-key.js";
import { unknownProcessGroup } from "./unknown-process-group.js";
import { unsplittableCommand } from "./unsplittable-command.js";
import { unusedSuppression } from "./unused-suppression.js";
import { vmLimits } from "./vm-limits.js";
import { vmMemoryConflict } from "./vm-memory-conflict.js";
import { vmMemory } from "./vm-memory.js";
import { vmSize } from "./vm-size.js";

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
  bluegreenChecks,
  bluegreenWithMounts,
  checkPort,
  primaryRegion,
  vmSize,
  vmMemory,
  vmMemoryConflict,
  vmLimits,
  killTimeout,
  durationUnit,
  releaseCommandVolume,
  unknownProcessGroup,
  internalPortMismatch,
  localhostBinding,
  suspendIncompatible,
  envSecret,
  envFlyPrefix,
  envPrimaryRegion,
  concurrencyLimits,
  forceHttpsHandler,
  statics,
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
