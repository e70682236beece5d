/**
 * Keys left over from Apps V1 (Nomad) configs that flyctl parses and ignores, or drops while patching.
 * Source: ../shared/reference/fly-toml-model.md §1.2 (auto_rollback, enable_consul, enable_etcd unused;
 * lazy_load_images deprecated May 2025), §1.7 and §2 P2 (script_checks, restart_limit, empty check
 * lists), §2 P3 (processes = []), and §2.13 / gotchas.md §10 (private_network, allowed_public_ports).
 * Paths are dotted, without array indices.
 */
export const v1LeftoverKeys: ReadonlyMap<string, string> = new Map([
  ["experimental.auto_rollback", "an Apps V1 option flyctl parses but never uses"],
  ["experimental.enable_consul", "an Apps V1 option flyctl parses but never uses"],
  ["experimental.enable_etcd", "an Apps V1 option flyctl parses but never uses"],
  ["experimental.private_network", "an Apps V1 option flyctl ignores (every app is on the private network)"],
  ["experimental.allowed_public_ports", "an Apps V1 option flyctl ignores"],
  ["experimental.lazy_load_images", "no longer supported (the platform feature was removed in May 2025); fly deploy warns about it"],
  ["services.script_checks", "an Apps V1 (Nomad) check type flyctl ignores"],
  ["services.tcp_checks.restart_limit", "an Apps V1 (Nomad) setting flyctl ignores"],
  ["services.http_checks.restart_limit", "an Apps V1 (Nomad) setting flyctl ignores"],
]);

/** The last key of every leftover path: a value under any other key (and not an empty list) is none. */
export const v1LeftoverLastKeys: ReadonlySet<string> = new Set([...v1LeftoverKeys.keys()].map((path) => path.slice(path.lastIndexOf(".") + 1)));

/** The dotted form of a located path: `services[0].tcp_checks[1].restart_limit` → `services.tcp_checks.restart_limit`. */
export function leftoverKey(path: string): string {
  return path.includes("[") ? path.replace(/\[\d+\]/g, "") : path;
}
