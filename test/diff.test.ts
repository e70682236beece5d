import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diffConfigTexts, SideError, sideKind, type KeyChange } from "../src/diff/index.js";
import { redactDiff } from "../src/diff/redact.js";

const fixture = (name: string) => readFileSync(join(__dirname, "fixtures/diff", name), "utf8");
const paths = (changes: KeyChange[]) => changes.map((c) => `${c.change} ${c.path}`);
const diff = (a: string, b: string) => diffConfigTexts(a, b).changes;

describe("diffConfigTexts: what is no difference", () => {
  it("a fly.toml and a hand-written `fly config show` JSON of it, and its `fly config save` TOML, are the same config", () => {
    const toml = fixture("fly.toml");
    const show = diffConfigTexts(toml, fixture("config-show.json"));
    expect(show.kinds).toEqual(["fly.toml", "fly config show"]);
    expect(show.changes).toEqual([]);
    // The service keeps no [build]; the fly.toml has one, so the diff says it was left out.
    expect(show.buildIgnored).toBe(true);
    const save = diffConfigTexts(toml, fixture("config-save.toml"));
    expect(save.kinds).toEqual(["fly.toml", "fly config save"]);
    expect(save.changes).toEqual([]);
    expect(diffConfigTexts(fixture("config-show.json"), fixture("config-save.toml"))).toMatchObject({ kinds: ["fly config show", "fly config save"], buildIgnored: false, changes: [], groups: [] });
    expect(show.groups).toEqual([]);
  });

  it("ignores formatting, key order and comments", () => {
    const a = `app = "a"\n[env]\n  A = "1"\n  B = "2"\n[deploy]\n  strategy = "rolling"\n`;
    const b = `# comment\napp="a"\n[deploy] # why\nstrategy = 'rolling'\n\n[env]\nB = "2"\nA = """1"""\n`;
    expect(diff(a, b)).toEqual([]);
  });

  it("treats legacy and modern spellings of the same thing alike", () => {
    const legacy = [
      'app = "a"',
      "kill_timeout = 5",
      "[[env]]",
      "  PORT = 8080",
      "[[processes]]",
      '  name = "web"',
      '  command = "bin/web"',
      "[compute]",
      "  memory = 1024",
      "[[services]]",
      '  internal_port = "8080"',
      '  protocol = "tcp"',
      '  processes = ["web"]',
      "  auto_stop_machines = true",
      '  concurrency = "20,25"',
      "  [[services.ports]]",
      "    port = 443",
      '    handlers = ["tls", "http"]',
      "  [[services.ports]]",
      "    port = 80",
      '    handlers = ["http"]',
      "    force_https = true",
      "  [[services.http_checks]]",
      "    interval = 10000",
      '    path = "/up"',
      "[experimental]",
      '  cmd = "start"',
      "",
    ].join("\n");
    const modern = [
      'app = "a"',
      'kill_timeout = "5s"',
      "[env]",
      '  PORT = "8080"',
      "[processes]",
      '  web = "bin/web"',
      "[[vm]]",
      '  memory = "1gb"',
      "[http_service]",
      "  internal_port = 8080",
      '  processes = ["web"]',
      '  auto_stop_machines = "stop"',
      "  force_https = true",
      "  [http_service.concurrency]",
      '    type = "requests"',
      "    soft_limit = 20",
      "    hard_limit = 25",
      "  [[http_service.checks]]",
      '    interval = "10s"',
      '    path = "/up"',
      "[experimental]",
      '  cmd = ["start"]',
      "",
    ].join("\n");
    expect(diff(legacy, modern)).toEqual([]);
  });

  it("takes the zero values `fly config save` writes for fields without omitempty as unset", () => {
    const saved = `app = 'a'\n[[services]]\n  protocol = ''\n  internal_port = 0\n  processes = ['worker']\n  ports = []\n[[statics]]\n  guest_path = '/app/public'\n  url_prefix = '/static'\n  tigris_bucket = ''\n`;
    const written = `app = "a"\n[[services]]\n  processes = ["worker"]\n[[statics]]\n  guest_path = "/app/public"\n  url_prefix = "/static"\n`;
    expect(diff(saved, written)).toEqual([]);
  });

  it("reads persist_rootfs numbers as fly-go's decoder does (2 is restart)", () => {
    expect(diff(`[[vm]]\n  persist_rootfs = 2\n`, `[[vm]]\n  persist_rootfs = "restart"\n`)).toEqual([]);
    expect(diff(`[[vm]]\n  persist_rootfs = 3\n`, `[[vm]]\n  persist_rootfs = "restart"\n`)).toEqual([{ path: "vm[*].persist_rootfs", change: "changed", before: "always", after: "restart" }]);
  });
});

describe("diffConfigTexts: what changes, at exact key paths", () => {
  it("lists every change between the fixture and its edited copy, in flyctl's units", () => {
    expect(diffConfigTexts(fixture("fly.toml"), fixture("changed.toml"))).toMatchObject({
      kinds: ["fly.toml", "fly.toml"],
      buildIgnored: false,
      changes: [
        { path: "env.LOG_LEVEL", change: "changed", before: "info", after: "debug" },
        { path: "env.DATABASE_URL", change: "changed", before: "postgres://app:hunter2hunter2@db.internal:5432/app", after: "postgres://app:correcthorsebattery@db.internal:5432/app" },
        { path: "vm[*].memory", change: "changed", before: 1024, after: 2048 },
        { path: "mounts[data].initial_size", change: "changed", before: 10, after: 20 },
        { path: "services[app:8080/tcp].auto_stop_machines", change: "changed", before: "stop", after: "suspend" },
      ],
    });
  });

  it("matches services by what they are, not their order, and pairs what is left", () => {
    const web = `[[services]]\n  internal_port = 8080\n  processes = ["web"]\n  [[services.ports]]\n    port = 443\n    handlers = ["tls", "http"]\n`;
    const api = `[[services]]\n  internal_port = 9000\n  processes = ["api"]\n`;
    expect(diff(web + api, api + web)).toEqual([]);
    const moved = web.replace("internal_port = 8080", "internal_port = 3000").replace("port = 443", "port = 8443");
    expect(paths(diff(web + api, api + moved))).toEqual([
      "changed services[web:8080/tcp].internal_port",
      "changed services[web:8080/tcp].ports[443].port",
    ]);
    // Sections that only appear on one side are added or removed whole.
    expect(paths(diff(web, web + api))).toEqual(["added services[api:9000/tcp].internal_port", "added services[api:9000/tcp].processes"]);
  });

  it("reports a section present on one side as one change per key in it", () => {
    const before = `app = "a"\n`;
    const after = `app = "a"\n[deploy]\n  strategy = "bluegreen"\n  wait_timeout = "5m"\n[[restart]]\n  policy = "always"\n  processes = ["worker", "app"]\n`;
    expect(diff(before, after)).toEqual([
      { path: "deploy.strategy", change: "added", after: "bluegreen" },
      { path: "deploy.wait_timeout", change: "added", after: "5m0s" },
      { path: "restart[app,worker].policy", change: "added", after: "always" },
      { path: "restart[app,worker].processes", change: "added", after: ["app", "worker"] },
    ]);
    expect(paths(diff(after, before))).toEqual(["removed deploy.strategy", "removed deploy.wait_timeout", "removed restart[app,worker].policy", "removed restart[app,worker].processes"]);
  });

  it("quotes keys that are not bare and numbers repeated labels", () => {
    expect(paths(diff(`[env]\n  "my.key" = "1"\n`, `[env]\n  "my.key" = "2"\n`))).toEqual(['changed env."my.key"']);
    const twoMounts = `[[mounts]]\n  source = "data"\n  destination = "/a"\n[[mounts]]\n  source = "data"\n  destination = "/b"\n`;
    expect(paths(diff(twoMounts, twoMounts.replace("/b", "/c")))).toEqual(["changed mounts[data#2].destination"]);
  });

  it("compares [build] between two local files, not against a config from the Fly service", () => {
    const a = `app = "a"\n[build]\n  image = "nginx:1"\n`;
    const b = `app = "a"\n[build]\n  image = "nginx:2"\n`;
    expect(paths(diff(a, b))).toEqual(["changed build.image"]);
    expect(diffConfigTexts(a, `{"app": "a"}`)).toMatchObject({ kinds: ["fly.toml", "fly config show"], buildIgnored: true, changes: [], groups: [] });
    // `fly config show --local` prints a [build]: then it is a local config and [build] counts.
    expect(paths(diffConfigTexts(a, `{"app": "a", "build": {"image": "nginx:2"}}`).changes)).toEqual(["changed build.image"]);
    expect(paths(diffConfigTexts(a, `{"app": "a"}`, { compareBuild: true }).changes)).toEqual(["removed build.image"]);
    expect(diffConfigTexts(a, b, { compareBuild: false }).changes).toEqual([]);
  });
});

describe("diffConfigTexts: Machine by Machine, through plan", () => {
  it("says what changes for a group's Machines: size, auto-stop, other machine config fields, count and cost", () => {
    const { groups, monthlyCost } = diffConfigTexts(fixture("fly.toml"), fixture("changed.toml"));
    expect(groups).toHaveLength(1);
    const [app] = groups;
    expect(app).toMatchObject({
      name: "app",
      status: "changed",
      size: { before: { cpuKind: "shared", cpus: 1, memoryMb: 1024, gpus: 0 }, after: { cpuKind: "shared", cpus: 1, memoryMb: 2048, gpus: 0 } },
      // One Machine: the group has a mount (reference §4.1).
      firstDeploy: { before: { total: 1, started: 1, standby: 0 }, after: { total: 1, started: 1, standby: 0 } },
      autostop: { before: "stop", after: "suspend" },
      error: { before: null, after: null },
    });
    // The machine config at the Machines API's own key paths; the handler order of [http_service] and [[services]] is no change.
    expect(paths(app?.machineConfig ?? [])).toEqual(["changed env.LOG_LEVEL", "changed env.DATABASE_URL", "changed guest.memory_mb", "changed services[8080/tcp].autostop"]);
    // 1 GB more memory and 10 GB more volume cost more, whether the Machine runs or not.
    expect(app?.monthlyCost.delta.max).toBeGreaterThan(app?.monthlyCost.delta.min ?? Infinity);
    expect(app?.monthlyCost.delta.min).toBeGreaterThan(0);
    expect(monthlyCost.delta).toEqual(app?.monthlyCost.delta);
  });

  it("reports new and removed groups, and none for keys that change no Machine", () => {
    const web = `app = "a"\n[processes]\n  web = "bin/web"\n[http_service]\n  internal_port = 8080\n  processes = ["web"]\n`;
    const withWorker = web.replace('web = "bin/web"', 'web = "bin/web"\n  worker = "bin/worker"');
    const added = diffConfigTexts(web, withWorker).groups;
    expect(added.map((g) => [g.name, g.status, g.firstDeploy.after])).toEqual([["worker", "added", { total: 2, started: 1, standby: 1 }]]);
    expect(added[0]?.monthlyCost.before).toBeNull();
    expect(diffConfigTexts(withWorker, web).groups.map((g) => [g.name, g.status, g.monthlyCost.after])).toEqual([["worker", "removed", null]]);
    // The app name and [build] reach no Machine's config here.
    expect(diffConfigTexts(web, web.replace('app = "a"', 'app = "b"\n[build]\n  dockerfile = "Dockerfile"')).groups).toEqual([]);
  });

  it("sees the Machine a [[services]] block and an [http_service] make as the same", () => {
    const http = `[http_service]\n  internal_port = 8080\n  force_https = true\n  auto_stop_machines = "stop"\n`;
    const services = `[[services]]\n  internal_port = 8080\n  protocol = "tcp"\n  auto_stop_machines = "stop"\n  [[services.ports]]\n    port = 80\n    handlers = ["http"]\n    force_https = true\n  [[services.ports]]\n    port = 443\n    handlers = ["tls", "http"]\n`;
    expect(diffConfigTexts(http, services)).toMatchObject({ changes: [], groups: [] });
  });
});

describe("sides", () => {
  it("tells the kind from the content", () => {
    expect(sideKind(`  {"app": "a"}`)).toBe("fly config show");
    expect(sideKind(`[http_service]\n`)).toBe("fly.toml");
    expect(sideKind(`# fly.toml app configuration file generated for a on 2026-01-01T00:00:00Z\n`)).toBe("fly config save");
    expect(sideKind(`# my notes\napp = "a"\n`)).toBe("fly.toml");
  });

  it("names the side and position flyctl could not load", () => {
    const failure = (a: string, b: string) => {
      try {
        diffConfigTexts(a, b);
      } catch (error) {
        return error instanceof SideError ? { side: error.side, message: error.message } : error;
      }
      return undefined;
    };
    expect(failure(`app = "a"\n`, `app = \n`)).toEqual({ side: 1, message: expect.stringMatching(/^1:7: /) });
    expect(failure(`[[mounts]]\n  source = "d"\n  destination = "/d"\n  auto_extend_size_increment = 1\n`, `app = "a"\n`)).toEqual({
      side: 0,
      message: expect.stringMatching(/^4:32: flyctl cannot load it: /),
    });
    expect(failure(`{"app": "a",\n "env": }`, `app = "a"\n`)).toEqual({ side: 0, message: expect.stringMatching(/^not valid JSON at line 2, column 9/) });
    expect(failure(`{"app": "a"}`, `{"app": "a"} x`)).toEqual({ side: 1, message: expect.stringMatching(/^not valid JSON at line 1, column 14/) });
    expect(failure(`{"app": "a"`, `app = "a"\n`)).toEqual({ side: 0, message: expect.stringMatching(/^not valid JSON at line 1, column 12/) });
  });
});

describe("redactDiff", () => {
  it("masks values under credential names whole and credentials anywhere else", () => {
    const a = `[env]\n  API_TOKEN = "t0k3n-one-value"\n  URL = "postgres://u:pa55word-one@db/x"\n  MODE = "a"\n[[statics]]\n  guest_path = "/s"\n  url_prefix = "/s"\n`;
    const b = `[env]\n  API_TOKEN = "t0k3n-two-value"\n  URL = "postgres://u:pa55word-two@db/x"\n  MODE = "b"\n`;
    const redacted = redactDiff(diffConfigTexts(a, b), a, b);
    const printed = JSON.stringify(redacted);
    for (const secret of ["t0k3n-one-value", "t0k3n-two-value", "pa55word-one", "pa55word-two"]) expect(printed).not.toContain(secret);
    // The machine config carries [env] too: its changes are masked the same way.
    expect(redacted.groups[0]?.machineConfig.filter((c) => c.path.startsWith("env."))).toEqual([
      { path: "env.API_TOKEN", change: "changed", before: "••••", after: "••••" },
      { path: "env.URL", change: "changed", before: "••••", after: "••••" },
      { path: "env.MODE", change: "changed", before: "a", after: "b" },
    ]);
    expect(redacted.changes).toEqual([
      { path: "env.API_TOKEN", change: "changed", before: "••••", after: "••••" },
      // A value shaped like a credential is a secret as a whole, as everywhere in flylint.
      { path: "env.URL", change: "changed", before: "••••", after: "••••" },
      { path: "env.MODE", change: "changed", before: "a", after: "b" },
      { path: "statics[/s].guest_path", change: "removed", before: "/s" },
      { path: "statics[/s].url_prefix", change: "removed", before: "/s" },
    ]);
  });
});

describe("inputs that must not crash", () => {
  it("refuses JSON nested past flylint's limit with one message, and finds the position in a deep broken one", () => {
    const deep = `{"env": ${"[".repeat(5000)}${"]".repeat(5000)}}`;
    expect(() => diffConfigTexts(deep, `app = "a"\n`)).toThrow(/^nested deeper than 100 levels/);
    const broken = `{"env": ${"[".repeat(50000)}}`;
    expect(() => diffConfigTexts(broken, `app = "a"\n`)).toThrow(/^not valid JSON at line 1, column 50009/);
  });
});
