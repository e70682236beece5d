import { describe, expect, it } from "vitest";
import { runFlylint, useProjects } from "./helpers/cli.js";

const project = useProjects("flylint-plan-");
const run = (args: string[], cwd: string) => runFlylint(["plan", ...args], cwd);

const web = `app = "lantern"
primary_region = "iad"

[env]
  API_TOKEN = "sk_live_abcdefghijklmnop1234"

[processes]
  app = "bin/serve"
  jobs = "bin/jobs"

[http_service]
  internal_port = 8080
  force_https = true
  processes = ["app"]

[[mounts]]
  source = "jobs_data"
  destination = "/data"
  processes = ["jobs"]
`;

describe("flylint plan", () => {
  it("prints a table per file: Machines, size, auto-stop, services, volumes and cost", () => {
    const result = run([], project({ "fly.toml": web }));
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe(
      [
        "fly.toml: app lantern, primary region iad, image built from Dockerfile",
        "  GROUP  MACHINES  SIZE                            AUTO-STOP  SERVES             VOLUMES             PER MONTH",
        "  app    2         shared-cpu-1x 256 MB (default)  off        80,443 → 8080/tcp  -                   $3.88",
        "  jobs   1         shared-cpu-1x 256 MB (default)  -          -                  jobs_data at /data  $2.09",
        "  first deploy (fly deploy): $5.97/month",
        "  - app, jobs: no [[vm]] applies: new Machines get shared-cpu-1x with 256 MB, existing ones keep their size",
        "",
        "Costs are estimates from Fly.io list prices (iad, USD per 30 days) as of 2026-12-02; plans, allowances, egress and IPs are not counted.",
        "",
      ].join("\n"),
    );
  });

  it("--format json is the versioned contract with flyctl's machine config, and masks secrets", () => {
    const result = run(["--format", "json"], project({ "fly.toml": web }));
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain("sk_live");
    const report = JSON.parse(result.stdout);
    expect(report.schemaVersion).toBe(1);
    expect(report.prices).toMatchObject({ asOf: "2026-12-02", currency: "USD", estimate: true });
    const [file] = report.files;
    expect(file).toMatchObject({ path: "fly.toml", app: "lantern", primaryRegion: "iad", error: null, firstDeployAbortGroup: null, monthlyCost: { currency: "USD", min: 5.97, max: 5.97 } });
    expect(file.groups.map((g: { name: string }) => g.name)).toEqual(["app", "jobs"]);
    const [app, jobs] = file.groups;
    expect(app).toMatchObject({ error: null, firstDeploy: { total: 2, started: 2, standby: 0 }, autostop: "off", monthlyCost: { perMachine: 1.94, min: 3.88, max: 3.88 } });
    expect(app.config).toEqual({
      env: { API_TOKEN: "••••", FLY_PROCESS_GROUP: "app", PRIMARY_REGION: "iad" },
      init: { cmd: ["bin/serve"] },
      metadata: { fly_flyctl_version: "<flyctl version>", fly_platform_version: "v2", fly_process_group: "app" },
      services: [{ protocol: "tcp", internal_port: 8080, ports: [{ port: 80, handlers: ["http"], force_https: true }, { port: 443, handlers: ["http", "tls"] }], force_instance_key: null }],
    });
    expect(jobs).toMatchObject({ firstDeploy: { total: 1, started: 1, standby: 0 }, config: { mounts: [{ path: "/data", name: "jobs_data" }] } });
  });

  it("says where the image comes from: --image, [build] image, or a build", () => {
    const cwd = project({ "fly.toml": `app = "x"\n[build]\nimage = "nginx:1.27"\n` });
    expect(run([], cwd).stdout.split("\n")[0]).toBe("fly.toml: app x, no primary_region, image nginx:1.27 ([build] image)");
    expect(run(["--image", "registry.fly.io/x:v9"], cwd).stdout.split("\n")[0]).toBe("fly.toml: app x, no primary_region, image registry.fly.io/x:v9 (--image)");
    expect(JSON.parse(run(["-f", "json"], project({ "fly.toml": `[build]\nbuilder = "paketobuildpacks/builder:base"\n` })).stdout).files[0].image).toEqual({ from: "buildpacks", ref: "paketobuildpacks/builder:base" });
  });

  it("--ha=false plans one Machine per group", () => {
    const report = JSON.parse(run(["--ha=false", "-f", "json"], project({ "fly.toml": web })).stdout);
    expect(report.ha).toBe(false);
    expect(report.files[0].groups[0].firstDeploy).toEqual({ total: 1, started: 1, standby: 0 });
    expect(report.files[0].monthlyCost.max).toBe(4.03);
  });

  it("--format markdown is a table for a pull-request comment", () => {
    const result = run(["--format", "markdown"], project({ "fly.toml": web }));
    expect(result.stdout).toContain("| group | machines | size | auto-stop | serves | volumes | per month |");
    expect(result.stdout).toContain("| app | 2 | shared-cpu-1x 256 MB (default) | off | 80,443 → 8080/tcp | - | $3.88 |");
    expect(result.stdout).toContain("First deploy (`fly deploy`): **$5.97/month**");
  });

  it("reports a group flyctl would fail and a file that does not parse, still exiting 0", () => {
    const cwd = project({ "fly.toml": `[[vm]]\nsize = "huge"\n`, "broken/fly.toml": `app = "x\n` });
    const result = run([], cwd);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("app    none (error)");
    expect(result.stdout).toContain("- app: flyctl fails: invalid machine preset requested, 'huge', expected to start with 'shared' or 'performance'");
    expect(result.stdout).toContain("broken/fly.toml: no plan: TOML syntax error:");
  });

  it("exits 2 with one line on a bad option", () => {
    const result = run(["--ha=maybe"], project({ "fly.toml": web }));
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`flylint: --ha must be one of true, false (got "maybe") (see flylint --help)\n`);
  });
});

describe("flylint plan and release_command", () => {
  it("says the release command runs first in its own Machine, and gives its config in JSON", () => {
    const cwd = project({ "fly.toml": `app = "x"\n[deploy]\nrelease_command = "bin/migrate"\n` });
    expect(run([], cwd).stdout).toContain("- release_command runs first, in a temporary shared-cpu-2x 512 MB (later deploys: the default group's largest) Machine destroyed when it ends");
    const report = JSON.parse(run(["-f", "json"], cwd).stdout);
    expect(report.files[0].releaseCommand.config).toMatchObject({ init: { cmd: ["bin/migrate"] }, auto_destroy: true, restart: { policy: "no" } });
  });
});
