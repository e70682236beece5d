// Generated large fly.toml texts, one shape at a time, for measuring how flylint grows with its input
// (`npm run bench`'s size table, the perf profiles of issue 10). Pure functions, no I/O, deterministic:
// the same shape and size always give the same text.
//
//   import { largeConfig, shapes } from "./bench/large-configs.mjs";
//   const text = largeConfig("services", 1_000_000); // about 1 MB, never less than asked
//
// Every shape but "legacy" is a config flyctl loads: it repeats one part of the file (a table, a key, an
// array element, a string's characters) until the text reaches the asked size. "legacy" is an Apps
// V1-era config with many fixes to make (numeric [env] values, kill_timeout as a number, [[services]]
// with legacy http_checks in milliseconds, string ports), for `--fix --unsafe-fixes` and `migrate`.

const header = 'app = "bench-app"\nprimary_region = "ams"\n';

/** Repeats `unit(i)` for i = 0, 1, … until the text is at least `bytes` long; `wrap` frames the parts. */
function grow(bytes, unit, wrap = (body) => header + body) {
  const parts = [];
  let length = wrap("").length;
  for (let i = 0; length < bytes; i++) {
    const part = unit(i);
    parts.push(part);
    length += part.length;
  }
  return wrap(parts.join(""));
}

/**
 * Shapes that need one process group per repeated table ([[vm]], [[mounts]]): the groups are declared
 * in [processes] and each table names its own, so no group is unknown and no group gets two mounts.
 */
function perGroup(bytes, table) {
  const groups = [];
  const tables = [];
  let length = header.length + "\n[processes]\n".length;
  for (let i = 0; length < bytes; i++) {
    const group = `  g${i} = "bin/worker --queue q${i}"\n`;
    const part = table(i);
    groups.push(group);
    tables.push(part);
    length += group.length + part.length;
  }
  return `${header}\n[processes]\n${groups.join("")}${tables.join("")}`;
}

const units = {
  services: (bytes) =>
    grow(
      bytes,
      (i) =>
        `\n[[services]]\n  internal_port = ${1024 + (i % 60000)}\n  protocol = "tcp"\n  processes = ["app"]\n` +
        `  auto_stop_machines = "stop"\n  auto_start_machines = true\n\n  [services.concurrency]\n    type = "connections"\n    soft_limit = 20\n    hard_limit = 25\n\n` +
        // Every other service speaks HTTP, so legacy-services looks at its tables (it did so per service, once).
        `  [[services.ports]]\n    port = ${1024 + ((i * 2) % 64000)}\n    handlers = [${i % 2 ? '"http"' : '"tls"'}]\n\n` +
        `  [[services.tcp_checks]]\n    interval = "15s"\n    timeout = "2s"\n    grace_period = "5s"\n`,
    ),
  vm: (bytes) => perGroup(bytes, (i) => `\n[[vm]]\n  size = "shared-cpu-1x"\n  memory = "${256 * (1 + (i % 8))}mb"\n  processes = ["g${i}"]\n`),
  mounts: (bytes) =>
    perGroup(bytes, (i) => `\n[[mounts]]\n  source = "data_${i}"\n  destination = "/data/${i}"\n  initial_size = "1gb"\n  processes = ["g${i}"]\n`),
  checks: (bytes) =>
    grow(
      bytes,
      (i) => `\n  [[http_service.checks]]\n    interval = "${10 + (i % 50)}s"\n    timeout = "2s"\n    grace_period = "5s"\n    method = "GET"\n    path = "/health/${i}"\n`,
      (body) => `${header}\n[http_service]\n  internal_port = 8080\n  force_https = true\n  auto_stop_machines = "stop"\n  auto_start_machines = true\n${body}`,
    ),
  "top-checks": (bytes) =>
    grow(bytes, (i) => `\n[checks.check_${i}]\n  type = "http"\n  port = 8080\n  path = "/health/${i}"\n  interval = "15s"\n  timeout = "2s"\n  grace_period = "5s"\n`),
  env: (bytes) => grow(bytes, (i) => `  SETTING_${i} = "value-${i}"\n`, (body) => `${header}\n[env]\n${body}`),
  statics: (bytes) => grow(bytes, (i) => `\n[[statics]]\n  guest_path = "/app/public/${i}"\n  url_prefix = "/static/${i}/"\n`),
  processes: (bytes) => grow(bytes, (i) => `  worker_${i} = "bin/worker --queue q${i} --concurrency ${1 + (i % 16)}"\n`, (body) => `${header}\n[processes]\n${body}`),
  // experimental.cmd is still read (it overrides the image's CMD): one long array of strings.
  "long-array": (bytes) =>
    grow(
      bytes,
      (i) => `${i % 8 === 0 ? "\n   " : ""} "--arg-${i}",`,
      (body) => `${header}\n[experimental]\n  cmd = [${body}\n  ]\n`,
    ),
  // One long basic string with an escape now and then, and one long multi-line literal string.
  "long-string": (bytes) => {
    const half = Math.max(0, Math.ceil((bytes - header.length) / 2));
    const basic = grow(half, (i) => (i % 64 === 63 ? "\\t" : i % 97 === 96 ? '\\"' : "abcdefghijklmnopqrstuvwxyz"[i % 26]), (body) => body);
    const literal = grow(half, (i) => (i % 80 === 79 ? "\n" : "0123456789"[i % 10]), (body) => body);
    return `${header}\n[env]\n  LONG_BASIC = "${basic}"\n  LONG_LITERAL = '''\n${literal}'''\n`;
  },
  legacy: (bytes) => {
    const top = 'app = "bench-legacy"\nkill_signal = "SIGINT"\nkill_timeout = 5\n\n[experimental]\n  auto_rollback = true\n';
    // Half the bytes go to numeric [env] values (one fix each), half to [[services]] with V1 checks.
    const envBytes = Math.floor(bytes / 2);
    const env = grow(envBytes, (i) => `  NUMBER_${i} = ${i}\n`, (body) => `\n[env]\n${body}`);
    const services = grow(
      Math.max(0, bytes - top.length - env.length),
      (i) =>
        `\n[[services]]\n  internal_port = "${1024 + (i % 60000)}"\n  protocol = "tcp"\n  script_checks = []\n\n` +
        `  [services.concurrency]\n    hard_limit = 25\n    soft_limit = 20\n    type = "connections"\n\n` +
        `  [[services.ports]]\n    handlers = ["tls"]\n    port = "${1024 + ((i * 2) % 64000)}"\n\n` +
        `  [[services.http_checks]]\n    grace_period = "5s"\n    interval = 10000\n    method = "get"\n    path = "/health/${i}"\n    protocol = "http"\n    timeout = 2000\n`,
      (body) => body,
    );
    return top + env + services;
  },
};

/** The shapes largeConfig() knows, in the order a size table lists them. */
export const shapes = Object.freeze(Object.keys(units));

/** A fly.toml text of the given shape, at least `bytes` long (and less than one repeated part more). */
export function largeConfig(shape, bytes) {
  const make = units[shape];
  if (!make) throw new Error(`unknown shape ${JSON.stringify(shape)}; known: ${shapes.join(", ")}`);
  return make(bytes);
}
