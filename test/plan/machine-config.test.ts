import { describe, expect, it } from "vitest";
import { planText, type GroupPlan, type MachineConfig } from "../../src/plan/index.js";

// These mirror the assertions of flyctl's internal/appconfig/machines_test.go (TestToMachineConfig*) on
// configs of our own that exercise the same code paths.

function groups(text: string): Map<string, GroupPlan> {
  const result = planText(text);
  if (!result.ok) throw new Error(result.error);
  return new Map(result.plan.groups.map((group) => [group.name, group]));
}

function machine(text: string, group = "app"): MachineConfig {
  const plan = groups(text).get(group);
  if (!plan?.config) throw new Error(`no config for ${group}: ${plan?.error}`);
  return plan.config;
}

const metadata = (group: string) => ({ fly_flyctl_version: "<flyctl version>", fly_platform_version: "v2", fly_process_group: group });

describe("ToMachineConfig (TestToMachineConfig)", () => {
  const text = `
app = "paper-lantern"
primary_region = "ams"
kill_signal = "SIGINT"
kill_timeout = "30s"
swap_size_mb = 1024

[deploy]
  release_command = "bin/migrate"

[[restart]]
  policy = "on-failure"
  retries = 5

[env]
  LOG_LEVEL = "debug"

[metrics]
  port = 9091
  path = "/prom"

[http_service]
  internal_port = 3000
  force_https = true

[checks.alive]
  port = 3000
  type = "tcp"

[checks.health]
  port = 3000
  type = "http"
  interval = "20s"
  timeout = "3s"
  path = "/healthz"

[mounts]
  source = "uploads"
  destination = "/uploads"

[[statics]]
guest_path = "/app/public"
url_prefix = "/assets"
tigris_bucket = "lantern-assets"
index_document = "index.htm"

[experimental]
machine_config = '{"dns": {"nameservers": ["9.9.9.9"]}}'
`;

  it("builds the whole machine config flyctl sends", () => {
    expect(machine(text)).toEqual({
      env: { LOG_LEVEL: "debug", PRIMARY_REGION: "ams", FLY_PROCESS_GROUP: "app" },
      init: { swap_size_mb: 1024 },
      metadata: metadata("app"),
      mounts: [{ name: "uploads", path: "/uploads" }],
      services: [
        {
          protocol: "tcp",
          internal_port: 3000,
          ports: [
            { port: 80, handlers: ["http"], force_https: true },
            { port: 443, handlers: ["http", "tls"] },
          ],
          force_instance_key: null,
        },
      ],
      metrics: { port: 9091, path: "/prom" },
      checks: {
        alive: { port: 3000, type: "tcp" },
        health: { port: 3000, type: "http", interval: "20s", timeout: "3s", path: "/healthz" },
      },
      statics: [{ guest_path: "/app/public", url_prefix: "/assets", tigris_bucket: "lantern-assets", index_document: "index.htm" }],
      restart: { policy: "on-failure", max_retries: 5 },
      dns: { nameservers: ["9.9.9.9"] },
      stop_config: { timeout: "30s", signal: "SIGINT" },
    });
  });

  it("writes the fields in encoding/json's order of fly.MachineConfig", () => {
    expect(Object.keys(machine(text))).toEqual(["env", "init", "metadata", "mounts", "services", "metrics", "checks", "statics", "restart", "dns", "stop_config"]);
  });

  it("turns a never restart policy into no, and rejects an unknown one", () => {
    expect(machine(`[[restart]]\npolicy = "never"\n`).restart).toEqual({ policy: "no" });
    expect(groups(`[[restart]]\npolicy = "sometimes"\n`).get("app")?.error).toBe("invalid restart policy: sometimes");
  });
});

describe("ToMachineConfig with [experimental] (TestToMachineConfig_Experimental)", () => {
  const experimental = `
[experimental]
  cmd = ["/run", "server"]
  entrypoint = ["/tini", "--"]
  exec = ["/bin/sh", "-c", "ignored"]
`;

  it("takes cmd, entrypoint and exec from [experimental]", () => {
    expect(machine(experimental).init).toEqual({ exec: ["/bin/sh", "-c", "ignored"], entrypoint: ["/tini", "--"], cmd: ["/run", "server"] });
  });

  it("lets the group's command win over [experimental] cmd, split like a shell", () => {
    expect(machine(`[processes]\napp = "/serve --port '8 0' \\"a b\\""\n${experimental}`).init).toEqual({
      exec: ["/bin/sh", "-c", "ignored"],
      entrypoint: ["/tini", "--"],
      cmd: ["/serve", "--port", "8 0", "a b"],
    });
  });

  it("reports a command that does not split", () => {
    expect(groups(`[processes]\napp = "run 'unfinished"\n`).get("app")?.error).toBe("could not parse command for app process group: EOF found when expecting closing quote");
  });
});

describe("ToMachineConfig per process group (TestToMachineConfig_multiProcessGroups)", () => {
  const text = `
[processes]
  app = "serve-http"
  relay = "run-relay --udp"
  worker = "drain   queue"

[http_service]
  internal_port = 4000

[[services]]
  internal_port = 5353
  protocol = "udp"
  processes = ["relay"]

[[services]]
  internal_port = 2222
  protocol = "tcp"
  processes = ["app", "relay", "worker"]

[checks.up]
  port = 4000
  type = "tcp"
  processes = ["app", "worker"]
`;

  it("gives the default group [http_service] and the sections that name it", () => {
    const app = machine(text, "app");
    expect(app.metadata?.["fly_process_group"]).toBe("app");
    expect(app.init).toEqual({ cmd: ["serve-http"] });
    expect(app.services).toEqual([
      { protocol: "tcp", internal_port: 4000, ports: [{ port: 80, handlers: ["http"] }, { port: 443, handlers: ["http", "tls"] }], force_instance_key: null },
      { protocol: "tcp", internal_port: 2222, force_instance_key: null },
    ]);
    expect(app.checks).toEqual({ up: { port: 4000, type: "tcp" } });
  });

  it("gives another group only what names it", () => {
    const relay = machine(text, "relay");
    expect(relay.init).toEqual({ cmd: ["run-relay", "--udp"] });
    expect(relay.services).toEqual([
      { protocol: "udp", internal_port: 5353, force_instance_key: null },
      { protocol: "tcp", internal_port: 2222, force_instance_key: null },
    ]);
    expect(relay.checks).toBeUndefined();
    const worker = machine(text, "worker");
    expect(worker.init).toEqual({ cmd: ["drain", "queue"] });
    expect(worker.services).toEqual([{ protocol: "tcp", internal_port: 2222, force_instance_key: null }]);
    expect(worker.checks).toEqual({ up: { port: 4000, type: "tcp" } });
  });
});

describe("ToMachineConfig for a new app's fly.toml (TestToMachineConfig_defaultV2flytoml)", () => {
  const text = `
app = "fresh-app"
primary_region = "fra"

[http_service]
  internal_port = 8000
  force_https = true

[checks.ping]
  type = "tcp"
  interval = "30s"
  timeout = "4s"
  grace_period = "10s"
`;

  it("takes a check's missing port from [http_service]", () => {
    expect(machine(text)).toEqual({
      env: { PRIMARY_REGION: "fra", FLY_PROCESS_GROUP: "app" },
      init: {},
      metadata: metadata("app"),
      services: [
        { protocol: "tcp", internal_port: 8000, ports: [{ port: 80, handlers: ["http"], force_https: true }, { port: 443, handlers: ["http", "tls"] }], force_instance_key: null },
      ],
      checks: { ping: { port: 8000, type: "tcp", interval: "30s", timeout: "4s", grace_period: "10s" } },
    });
  });

  it("fails a check without a port when there is no [http_service]", () => {
    const plan = groups(text.replace(/\[http_service\][^[]*/, "")).get("app");
    expect(plan?.config).toBeNull();
    expect(plan?.error).toContain("has no port set");
    expect(plan?.error).toBe("Check 'ping' for process group 'app' has no port set and the group has no http_service to take it from");
  });
});

describe("ToMachineConfig mounts per group (TestToReleaseMachineConfig_processGroupsAndMounts)", () => {
  const text = `
[processes]
  app = "web"
  jobs = "jobs"
  idle = "sleep inf"

[[mounts]]
  source = "web_data"
  destination = "/srv"

[[mounts]]
  source = "job_data"
  destination = "/var/jobs"
  processes = ["jobs"]
`;

  it("gives each group its own mounts, none to a group without", () => {
    expect(machine(text, "app").mounts).toEqual([{ name: "web_data", path: "/srv" }]);
    expect(machine(text, "jobs").mounts).toEqual([{ name: "job_data", path: "/var/jobs" }]);
    expect(machine(text, "idle").mounts).toBeUndefined();
  });

  it("converts the auto-extend sizes to GB", () => {
    const mounts = machine(`[[mounts]]\nsource = "d"\ndestination = "/d"\nauto_extend_size_threshold = 80\nauto_extend_size_increment = "2GB"\nauto_extend_size_limit = "50gb"\n`).mounts;
    expect(mounts).toEqual([{ path: "/d", name: "d", extend_threshold_percent: 80, add_size_gb: 2, size_gb_limit: 50 }]);
  });
});

describe("ToMachineConfig services (TestToMachineConfig_services)", () => {
  const text = `
[http_service]
  internal_port = 9000
  force_https = true
  auto_start_machines = true
  auto_stop_machines = "stop"

[[services]]
  internal_port = 2000
  auto_start_machines = true
  auto_stop_machines = true

[[services]]
  internal_port = 2001
  auto_start_machines = false
  auto_stop_machines = "off"

[[services]]
  internal_port = 2002
  auto_start_machines = false

[[services]]
  internal_port = 2003
  auto_stop_machines = "suspend"

[[services]]
  internal_port = 2004
`;

  it("keeps autostart and autostop as set, writing autostop as fly-go's JSON does", () => {
    expect(machine(text).services).toEqual([
      { protocol: "tcp", internal_port: 9000, autostop: true, autostart: true, ports: [{ port: 80, handlers: ["http"], force_https: true }, { port: 443, handlers: ["http", "tls"] }], force_instance_key: null },
      { internal_port: 2000, autostop: true, autostart: true, force_instance_key: null },
      { internal_port: 2001, autostop: false, autostart: false, force_instance_key: null },
      { internal_port: 2002, autostart: false, force_instance_key: null },
      { internal_port: 2003, autostop: "suspend", force_instance_key: null },
      { internal_port: 2004, force_instance_key: null },
    ]);
  });

  it("turns service checks into typed checks, TCP first, headers as name and values", () => {
    const services = machine(`
[[services]]
  internal_port = 7000
  protocol = "tcp"
  [[services.http_checks]]
    interval = 15000
    path = "/up"
    method = "get"
    [services.http_checks.headers]
      X-B = "2"
      X-A = "1"
  [[services.tcp_checks]]
    interval = "90s"
    grace_period = "1s"
`).services;
    expect(services?.[0]?.checks).toEqual([
      { type: "tcp", interval: "1m30s", grace_period: "1s" },
      { type: "http", interval: "15s", method: "get", path: "/up", headers: [{ name: "X-A", values: ["1"] }, { name: "X-B", values: ["2"] }] },
    ]);
  });
});

describe("ToMachineConfig guest from [[vm]] (TestToMachineConfig_compute)", () => {
  const text = `
[processes]
  app = "web"
  queue = "worker"
  infer = "python serve.py"
  solo = "solo"

[[vm]]
  size = "shared-cpu-4x"

[[vm]]
  size = "a10"
  processes = ["nothing-here"]

[[vm]]
  gpu_kind = "l40s"
  memory = "48gb"
  processes = ["infer"]

[[vm]]
  host_dedication_id = "island"
  processes = ["solo"]
`;

  it("gives a [[vm]] without processes to every group", () => {
    expect(machine(text, "app").guest).toEqual({ cpu_kind: "shared", cpus: 4, memory_mb: 1024 });
    expect(machine(text, "queue").guest).toEqual({ cpu_kind: "shared", cpus: 4, memory_mb: 1024 });
  });

  it("sizes a GPU [[vm]] without size as performance-8x", () => {
    expect(machine(text, "infer").guest).toEqual({ cpu_kind: "performance", cpus: 8, memory_mb: 49152, gpu_kind: "l40s" });
  });

  it("sizes a [[vm]] with only guest fields as shared-cpu-1x", () => {
    expect(machine(text, "solo").guest).toEqual({ cpu_kind: "shared", cpus: 1, memory_mb: 256, host_dedication_id: "island" });
  });

  it("reports a size that is no preset and memory that is zero", () => {
    expect(groups(`[[vm]]\nsize = "performance-3x"\n`).get("app")?.error).toBe(
      "'performance-3x' is an invalid machine size, choose one of: [performance-10x performance-12x performance-14x performance-16x performance-1x performance-2x performance-4x performance-6x performance-8x]",
    );
    expect(groups(`[[vm]]\nsize = "tiny"\n`).get("app")?.error).toBe("invalid machine preset requested, 'tiny', expected to start with 'shared' or 'performance'");
    expect(groups(`[[vm]]\nmemory = "0"\n`).get("app")?.error).toBe("memory cannot be zero");
  });
});

describe("ToMachineConfig without a default [[vm]] (TestToMachineConfig_compute_none)", () => {
  const text = `
[processes]
  app = "web"
  side = "side"
  big = "crunch"

[[vm]]
  size = "performance-2x"
  processes = ["big"]
`;

  it("sends no guest for groups no [[vm]] applies to", () => {
    expect(machine(text, "app").guest).toBeUndefined();
    expect(machine(text, "side").guest).toBeUndefined();
    expect(machine(text, "big").guest).toEqual({ cpu_kind: "performance", cpus: 2, memory_mb: 4096 });
  });
});

describe("ToMachineConfig host dedication (TestToMachineConfig_hostdedicationid)", () => {
  const text = `
host_dedication_id = "top"

[processes]
  web = "web"
  api = "api"
  cron = "cron"

[[vm]]
  host_dedication_id = "per-group"
  processes = ["api"]

[[vm]]
  size = "shared-cpu-2x"
  processes = ["cron"]
`;

  it("uses the top-level id unless the group's [[vm]] sets its own", () => {
    expect(machine(text, "web").guest).toBeUndefined();
    expect(machine(text, "api").guest).toEqual({ cpu_kind: "shared", cpus: 1, memory_mb: 256, host_dedication_id: "per-group" });
    expect(machine(text, "cron").guest).toEqual({ cpu_kind: "shared", cpus: 2, memory_mb: 512, host_dedication_id: "top" });
  });
});

describe("a config flyctl loads with an error", () => {
  it("fails every group as flyctl's Flatten does", () => {
    const plan = groups(`swap_size_mb = "lots"\n[processes]\nweb = "x"\n`);
    expect([...plan.keys()]).toEqual(["app"]);
    expect(plan.get("app")?.error).toMatch(/^can not flatten an invalid v2 application config: /);
  });
});

describe("ToReleaseMachineConfig (TestToReleaseMachineConfig)", () => {
  const text = `
app = "paper-lantern"
primary_region = "ams"
kill_signal = "SIGINT"
kill_timeout = "30s"
swap_size_mb = 1024

[deploy]
  release_command = "bin/rails db:migrate --trace"
  [deploy.release_command_vm]
    size = "performance-1x"
    memory = "3G"

[env]
  LOG_LEVEL = "debug"

[experimental]
  entrypoint = ["/tini", "--"]
`;

  it("builds the throwaway Machine fly deploy runs the release command in", () => {
    const result = planText(text);
    if (!result.ok) throw new Error(result.error);
    expect(result.plan.releaseCommand).toEqual({
      error: null,
      config: {
        env: { LOG_LEVEL: "debug", RELEASE_COMMAND: "1", FLY_PROCESS_GROUP: "fly_app_release_command", PRIMARY_REGION: "ams" },
        init: { entrypoint: ["/tini", "--"], cmd: ["bin/rails", "db:migrate", "--trace"], swap_size_mb: 1024 },
        guest: { cpu_kind: "performance", cpus: 1, memory_mb: 3072 },
        metadata: metadata("fly_app_release_command"),
        auto_destroy: true,
        restart: { policy: "no" },
        dns: { skip_registration: true },
        stop_config: { timeout: "30s", signal: "SIGINT" },
      },
    });
  });

  it("has none without a release command, and flyctl's error for one that does not split", () => {
    const none = planText(`app = "x"\n`);
    expect(none.ok && none.plan.releaseCommand).toBeNull();
    const bad = planText(`[deploy]\nrelease_command = "migrate 'now"\n`);
    expect(bad.ok && bad.plan.releaseCommand).toEqual({ config: null, error: "EOF found when expecting closing quote" });
  });
});

describe("ToMachineConfig of an empty config (TestToMachineConfig_nullifyManagedFields)", () => {
  it("sends only the group's env and metadata", () => {
    expect(machine("")).toEqual({ env: { FLY_PROCESS_GROUP: "app" }, init: {}, metadata: metadata("app") });
  });
});

describe("toMachineGuest", () => {
  it("gives the guest ToMachineConfig gives each group, and null where ToMachineConfig fails", async () => {
    const { readdirSync, readFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { parseDocument } = await import("../../src/document/parse.js");
    const { analyzeDocument } = await import("../../src/schema/analyze.js");
    const { loadConfig } = await import("../../src/model/normalize.js");
    const { toMachineConfig, toMachineGuest } = await import("../../src/plan/machine-config.js");
    const { processNames } = await import("../../src/plan/process-groups.js");
    const root = join(import.meta.dirname, "..", "..");
    const tomls = (dir: string) => readdirSync(join(root, dir), { recursive: true }).filter((name) => String(name).endsWith(".toml")).map((name) => readFileSync(join(root, dir, String(name)), "utf8"));
    const texts = [
      ...tomls("test/fixtures"),
      ...tomls("examples"),
      // A machine_config's guest without a [[vm]], and each way ToMachineConfig fails.
      `app = "a"\nmachine_config = '{"guest": {"cpu_kind": "performance", "cpus": 2, "memory_mb": 4096}}'\n`,
      `app = "a"\nmachine_config = '{"guest": {"cpus": 2}}'\n[[vm]]\n  size = "shared-cpu-4x"\n`,
      `app = "a"\n[[vm]]\n  size = "huge"\n`,
      `app = "a"\n[[vm]]\n  memory = "0"\n`,
      `app = "a"\n[[restart]]\n  policy = "sometimes"\n[[vm]]\n  size = "performance-2x"\n`,
      `app = "a"\n[processes]\n  web = "run 'unterminated"\n[[vm]]\n  size = "shared-cpu-2x"\n  processes = ["web"]\n`,
      `app = "a"\n[checks.alive]\n  type = "tcp"\n[[vm]]\n  cpus = 4\n`,
      `app = "a"\nmachine_config = "nope"\n`,
    ];
    let guests = 0;
    let failures = 0;
    for (const text of texts) {
      const parsed = parseDocument(text);
      if (!parsed.ok) continue;
      const config = loadConfig(analyzeDocument(parsed.document.root).canonical);
      for (const group of processNames(config)) {
        const built = toMachineConfig(config, group);
        const expected = built.config === null ? null : built.config.guest;
        expect(toMachineGuest(config, group), `${group} of ${text}`).toEqual(expected);
        if (expected === null) failures++;
        else if (expected !== undefined) guests++;
      }
    }
    // The texts reach both answers, and guests from a [[vm]] and from a machine_config.
    expect(failures).toBeGreaterThanOrEqual(6);
    expect(guests).toBeGreaterThanOrEqual(4);
  });
});
