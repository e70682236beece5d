import { describe, expect, it } from "vitest";
import { monthlyCost, runningMachineMonthly } from "../../src/plan/cost.js";
import { planText, type ConfigPlan } from "../../src/plan/index.js";
import { shlexSplit } from "../../src/plan/shlex.js";

function plan(text: string, ha = true): ConfigPlan {
  const result = planText(text, { ha });
  if (!result.ok) throw new Error(result.error);
  return result.plan;
}

const group = (text: string, name = "app", ha = true) => {
  const found = plan(text, ha).groups.find((g) => g.name === name);
  if (!found) throw new Error(`no group ${name}`);
  return found;
};

describe("first deploy count (machines_deploymachinesapp.go:407-436)", () => {
  it("creates 2 started Machines for a group with a service and no mount", () => {
    expect(group(`[http_service]\ninternal_port = 8080\n`).firstDeploy).toEqual({ total: 2, started: 2, standby: 0 });
  });

  it("creates 1 Machine for a group with a mount, whatever its services", () => {
    expect(group(`[http_service]\ninternal_port = 8080\n[[mounts]]\nsource = "d"\ndestination = "/d"\n`).firstDeploy).toEqual({ total: 1, started: 1, standby: 0 });
  });

  it("creates 1 Machine and a stopped standby for a group without services", () => {
    expect(group(`app = "cron"\n`).firstDeploy).toEqual({ total: 2, started: 1, standby: 1 });
  });

  it("creates 1 Machine per group with --ha=false", () => {
    expect(group(`[http_service]\ninternal_port = 8080\n`, "app", false).firstDeploy).toEqual({ total: 1, started: 1, standby: 0 });
    expect(group(`app = "cron"\n`, "app", false).firstDeploy).toEqual({ total: 1, started: 1, standby: 0 });
  });

  it("ignores min_machines_running, as flyctl does", () => {
    expect(group(`[http_service]\ninternal_port = 8080\nmin_machines_running = 0\n`).firstDeploy).toEqual({ total: 2, started: 2, standby: 0 });
  });

  it("names the first group in sorted order whose config fails: the deploy stops there", () => {
    const result = plan(`[processes]\nzeta = "z"\nbeta = "b 'open"\nalpha = "a"\n[[restart]]\npolicy = "always"\nprocesses = ["zeta"]\n`);
    expect(result.groups.map((g) => g.name)).toEqual(["alpha", "beta", "zeta"]);
    expect(result.firstDeployAbortGroup).toBe("beta");
    expect(result.groups.map((g) => g.firstDeploy?.total ?? null)).toEqual([2, null, 2]);
  });
});

describe("effective auto-stop", () => {
  it("takes the least stopping service of a group, unset counting as off", () => {
    const mixed = group(`[http_service]\ninternal_port = 8080\nauto_stop_machines = "stop"\n[[services]]\ninternal_port = 9000\nauto_stop_machines = "suspend"\n`);
    expect([mixed.autostopRequested, mixed.autostop]).toEqual(["stop", "stop"]);
    expect(group(`[http_service]\ninternal_port = 8080\nauto_stop_machines = "stop"\n[[services]]\ninternal_port = 9000\n`).autostop).toBe("off");
  });

  it("keeps suspend on a small Machine", () => {
    expect(group(`[http_service]\ninternal_port = 8080\nauto_stop_machines = "suspend"\n[[vm]]\nmemory = "2gb"\n`).autostop).toBe("suspend");
  });

  it("runs suspend as stop with more than 2 GB, with swap, or with a GPU, and says why", () => {
    const service = `[http_service]\ninternal_port = 8080\nauto_stop_machines = "suspend"\n`;
    const big = group(`${service}[[vm]]\nmemory = "4gb"\n`);
    expect([big.autostopRequested, big.autostop]).toEqual(["suspend", "stop"]);
    expect(big.notes[0]).toBe(`auto_stop_machines = "suspend" runs as "stop": a Machine cannot suspend when it has 4096 MB of memory (more than 2 GB)`);
    expect(group(`swap_size_mb = 512\n${service}`).autostop).toBe("stop");
    expect(group(`${service}[[vm]]\nsize = "a10"\n`).autostop).toBe("stop");
  });

  it("says that min_machines_running counts in the primary region only", () => {
    expect(group(`primary_region = "cdg"\n[http_service]\ninternal_port = 80\nauto_stop_machines = "stop"\nmin_machines_running = 1\n`).notes).toContain(
      "min_machines_running = 1 keeps Machines running in the primary region (cdg) only",
    );
  });
});

describe("monthly cost (src/data/prices.ts)", () => {
  it("prices the published sizes as Fly.io publishes them", () => {
    const shared = (memoryMb: number) => runningMachineMonthly({ cpuKind: "shared", cpus: 1, memoryMb, gpus: 0 });
    expect([256, 512, 1024, 2048].map(shared)).toEqual([1.94, 3.19, 5.7, 10.7]);
    const performance = (cpus: number) => runningMachineMonthly({ cpuKind: "performance", cpus, memoryMb: cpus * 2048, gpus: 0 });
    expect([1, 2, 4, 8].map(performance)).toEqual([31, 62, 124, 248]);
  });

  it("adds about $5 per GB of memory beyond the preset, and sjc costs about 19% more", () => {
    expect(runningMachineMonthly({ cpuKind: "shared", cpus: 2, memoryMb: 4096, gpus: 0 })).toBe(21.38);
    expect(runningMachineMonthly({ cpuKind: "shared", cpus: 1, memoryMb: 1024, gpus: 0 }, "sjc")).toBe(6.79);
  });

  it("doubles for the HA pair and is a range with auto-stop: stopped Machines pay 1 GB of rootfs", () => {
    expect(group(`[http_service]\ninternal_port = 8080\n`).monthlyCost).toMatchObject({ perMachine: 1.94, min: 3.88, max: 3.88, volumes: 0 });
    expect(group(`[http_service]\ninternal_port = 8080\nauto_stop_machines = "stop"\n`).monthlyCost).toMatchObject({ min: 0.3, max: 3.88 });
    expect(group(`[http_service]\ninternal_port = 8080\nauto_stop_machines = "stop"\nmin_machines_running = 1\n`).monthlyCost).toMatchObject({ min: 2.09, max: 3.88 });
  });

  it("counts a standby as stopped and volumes by initial_size", () => {
    expect(group(`app = "worker"\n`).monthlyCost).toMatchObject({ min: 2.09, max: 2.09 });
    expect(group(`[[mounts]]\nsource = "d"\ndestination = "/d"\ninitial_size = "20gb"\n`, "app", false).monthlyCost).toMatchObject({ volumes: 3, max: 4.94 });
    expect(monthlyCost({ size: { cpuKind: "shared", cpus: 1, memoryMb: 256, gpus: 0 }, started: 1, standby: 0, autostop: "off", minRunning: 0, volumeGb: [1] }).volumes).toBe(0.15);
  });

  it("sums the groups of a file, and has no cost for a group that fails", () => {
    const result = plan(`[processes]\nweb = "serve"\nbad = "x 'open"\n[http_service]\ninternal_port = 80\nprocesses = ["web"]\n`);
    expect(result.groups.find((g) => g.name === "bad")?.monthlyCost).toBeNull();
    expect(result.monthlyCost).toEqual({ currency: "USD", min: 3.88, max: 3.88 });
  });
});

describe("shlex split (google/shlex, as flyctl splits [processes] commands)", () => {
  it("splits on blanks, keeps quoted text, drops comments", () => {
    expect(shlexSplit(`bin/rails server -b '0.0.0.0' "a \\"b\\"" c\\ d # comment`)).toEqual({ ok: true, words: ["bin/rails", "server", "-b", "0.0.0.0", 'a "b"', "c d"] });
    expect(shlexSplit(`say ''`)).toEqual({ ok: true, words: ["say", ""] });
    expect(shlexSplit(`   `)).toEqual({ ok: true, words: [] });
  });

  it("fails on an unfinished quote or a trailing backslash", () => {
    expect(shlexSplit(`echo "open`)).toEqual({ ok: false, error: "EOF found when expecting closing quote" });
    expect(shlexSplit(`echo \\`)).toEqual({ ok: false, error: "EOF found after escape character" });
  });
});

describe("suspend on a scheduled Machine", () => {
  it("runs as stop when machine_config gives a schedule", () => {
    const scheduled = group(`[http_service]\ninternal_port = 80\nauto_stop_machines = "suspend"\n[experimental]\nmachine_config = '{"schedule": "daily"}'\n`);
    expect(scheduled.config?.["schedule"]).toBe("daily");
    expect(scheduled.autostop).toBe("stop");
    expect(scheduled.notes[0]).toBe(`auto_stop_machines = "suspend" runs as "stop": a Machine cannot suspend when it runs on a schedule`);
  });
});
