import { autoStopMachinesBoolean } from "./auto-stop-machines-boolean.js";
import { deprecatedKey } from "./deprecated-key.js";
import { haTwoMachines } from "./ha-two-machines.js";
import { invalidValue } from "./invalid-value.js";
import { keyCase } from "./key-case.js";
import { legacyServices } from "./legacy-services.js";
import { localhostBinding } from "./localhost-binding.js";
import { suspendIncompatible } from "./suspend-incompatible.js";
import { tomlSyntax } from "./toml-syntax.js";
import type { Rule } from "./types.js";
import { unknownKey } from "./unknown-key.js";
import { unusedSuppression } from "./unused-suppression.js";

/** Every rule, in the order their diagnostics are reported when they share a position. */
export const rules: readonly Rule[] = [tomlSyntax, invalidValue, unknownKey, keyCase, deprecatedKey, autoStopMachinesBoolean, suspendIncompatible, haTwoMachines, localhostBinding, legacyServices, unusedSuppression];

export function findRule(id: string): Rule | undefined {
  return rules.find((rule) => rule.meta.id === id);
}
