import { autoStopMachinesBoolean } from "./auto-stop-machines-boolean.js";
import { bluegreenChecks } from "./bluegreen-checks.js";
import { bluegreenWithMounts } from "./bluegreen-with-mounts.js";
import { buildCompression } from "./build-compression.js";
import { buildStrategies } from "./build-strategies.js";
import { buildTarget } from "./build-target.js";
import { canaryWithMounts } from "./canary-with-mounts.js";
import { checkHeadersArray } from "./check-headers-array.js";
import { checkPort } from "./check-port.js";
import { checkTimingNumber } from "./check-timing-number.js";
import { checkTiming } from "./check-timing.js";
import { checkType } from "./check-type.js";
import { concurrencyLimits } from "./concurrency-limits.js";
import { concurrencyString } from "./concurrency-string.js";
import { deployStrategy } from "./deploy-strategy.js";
import { durationUnit } from "./duration-unit.js";
import { envArray } from "./env-array.js";
import { envFlyPrefix } from "./env-fly-prefix.js";
import { envPrimaryRegion } from "./env-primary-region.js";
import { envSecret } from "./env-secret.js";
import { envValueType } from "./env-value-type.js";
import { experimentalCommandString } from "./experimental-command-string.js";
import { experimentalKillTimeout } from "./experimental-kill-timeout.js";
import { experimentalMetrics } from "./experimental-metrics.js";
import { gpuUnavailable } from "./gpu-unavailable.js";
import { forceHttpsHandler } from "./force-https-handler.js";
import { haTwoMachines } from "./ha-two-machines.js";
import { internalPortMismatch } from "./internal-port-mismatch.js";
import { invalidValue } from "./invalid-value.js";
import { keyCase } from "./key-case.js";
import { killTimeoutNumber } from "./kill-timeout-number.js";
import { killTimeout } from "./kill-timeout.js";
import { legacyKeyCase } from "./legacy-key-case.js";
import { legacyChecksArray } from "./legacy-checks-array.js";
import { legacyProcesses } from "./legacy-processes.js";
import { legacySectionName } from "./legacy-section-name.js";
import { legacyServices } from "./legacy-services.js";
import { localhostBinding } from "./localhost-binding.js";
import { nestingLimit } from "./nesting-limit.js";
import { mountAutoExtend } from "./mount-auto-extend.js";
import { mountSize } from "./mount-size.js";
import { mountSnapshotRetention } from "./mount-snapshot-retention.js";
import { mountsPerGroup } from "./mounts-per-group.js";
import { numberSize } from "./number-size.js";
import { portString } from "./port-string.js";
import { primaryRegion } from "./primary-region.js";
import { releaseCommandVolume } from "./release-command-volume.js";
import { restartPolicy } from "./restart-policy.js";
import { serviceCheckTiming } from "./service-check-timing.js";
import { servicePorts } from "./service-ports.js";
import { serviceProcesses } from "./service-processes.js";
import { statics } from "./statics.js";
import { suspendIncompatible } from "./suspend-incompatible.js";
import { tableToArray } from "./table-to-array.js";
import { tomlSyntax } from "./toml-syntax.js";
import type { Rule } from "./types.js";
import { unknownKey } from "./unknown-key.js";
import { unknownProcessGroup } from "./unknown-process-group.js";
import { unsplittableCommand } from "./unsplittable-command.js";
import { unusedSuppression } from "./unused-suppression.js";
import { v1Leftovers } from "./v1-leftovers.js";
import { volumePerMachine } from "./volume-per-machine.js";
import { vmLimits } from "./vm-limits.js";
import { vmMemoryConflict } from "./vm-memory-conflict.js";
import { vmMemory } from "./vm-memory.js";
import { vmPartialSize } from "./vm-partial-size.js";
import { vmSize } from "./vm-size.js";

/** Every rule, in the order their diagnostics are reported when they share a position. */
export const rules: readonly Rule[] = [
  // What flyctl refuses to load.
  tomlSyntax,
  nestingLimit,
  invalidValue,
  legacyKeyCase,
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
  volumePerMachine,
  bluegreenChecks,
  bluegreenWithMounts,
  checkPort,
  primaryRegion,
  vmSize,
  vmMemory,
  vmMemoryConflict,
  vmLimits,
  gpuUnavailable,
  vmPartialSize,
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
  // Legacy forms flyctl still converts on load: flylint migrate rewrites them (fly-toml-model.md §2).
  envArray,
  envValueType,
  tableToArray,
  legacySectionName,
  concurrencyString,
  portString,
  checkTimingNumber,
  checkHeadersArray,
  legacyProcesses,
  experimentalCommandString,
  experimentalKillTimeout,
  experimentalMetrics,
  legacyChecksArray,
  numberSize,
  killTimeoutNumber,
  buildTarget,
  autoStopMachinesBoolean,
  v1Leftovers,
  legacyServices,
  haTwoMachines,
  unusedSuppression,
];

export function findRule(id: string): Rule | undefined {
  return rules.find((rule) => rule.meta.id === id);
}

/**
 * The rules whose fixes `flylint migrate` applies: legacy forms rewritten to what flyctl reads them as.
 * Each keeps normalize(before) equal to normalize(after) (model/normalize.ts).
 */
export const migrationRuleIds: ReadonlySet<string> = new Set([
  "env-array",
  "env-value-type",
  "table-to-array",
  "legacy-section-name",
  "concurrency-string",
  "port-string",
  "check-timing-number",
  "check-headers-array",
  "legacy-processes",
  "experimental-command-string",
  "experimental-kill-timeout",
  "experimental-metrics",
  "legacy-checks-array",
  "number-size",
  "kill-timeout-number",
  "build-target",
  "auto-stop-machines-boolean",
  "key-case",
  "v1-leftovers",
  "legacy-services",
]);
