import { describe, expect, it } from "vitest";
import { fixText } from "../../src/engine/fix.js";
import { lintText } from "../../src/engine/lint.js";
import { legacyKeyCase } from "../../src/rules/legacy-key-case.js";
import { testRule } from "../helpers/rule-tester.js";

const fails = (path: string, conversion: string, lookups: string, error: string, spell: string) =>
  `${path} is a legacy form flyctl cannot load here: its conversion (${conversion}) looks only for ${lookups}, so the value stays as written and loading fails with "${error}". Spell ${spell}`;

testRule(legacyKeyCase, {
  valid: [
    // Spelled exactly, every legacy form is converted.
    `[experimental]\ncmd = "start.sh"`,
    `[[env]]\nA = "1"\n[[services]]\ninternal_port = "8080"\nconcurrency = "20,25"\n[services.ports]\nport = "80"\n[[vm]]\nmemory = 512`,
    // Case variants whose value needs no conversion load fine.
    `[Experimental]\ncmd = ["start.sh"]`,
    `[Env]\nA = "1"\nWHEN = 2024-01-01T00:00:00Z`,
    `[[services]]\nHttp_Checks = []\ninternal_port = 8080`,
    `[[VM]]\nmemory = "1gb"`,
    `[[services]]\nInternal_Port = 8080.0`,
  ],
  invalid: [
    {
      code: `[experimental]\nCmd = ⟦"start.sh"⟧`,
      messages: [fails("experimental.Cmd", "a string turned into a list of one", `"cmd"`, "json: cannot unmarshal string into Go struct field Experimental.experimental.cmd of type []string", `"Cmd" as "cmd"`)],
      output: null,
    },
    {
      code: `[EXPERIMENTAL]\nENTRYPOINT = ⟦"/init"⟧\nexec = ⟦'run'⟧`,
      messages: [
        fails("EXPERIMENTAL.ENTRYPOINT", "a string turned into a list of one", `"experimental" and "entrypoint"`, "json: cannot unmarshal string into Go struct field Experimental.experimental.entrypoint of type []string", `"EXPERIMENTAL" as "experimental" and "ENTRYPOINT" as "entrypoint"`),
        fails("EXPERIMENTAL.exec", "a string turned into a list of one", `"experimental"`, "json: cannot unmarshal string into Go struct field Experimental.experimental.exec of type []string", `"EXPERIMENTAL" as "experimental"`),
      ],
      output: null,
    },
    {
      code: `[[⟦Env⟧]]\nA = "1"`,
      messages: [fails("Env", "[[env]] tables merged into one [env]", `"env"`, "json: cannot unmarshal array into Go struct field Config.env of type map[string]string", `"Env" as "env"`)],
      output: null,
    },
    {
      code: `[Env]\nPORT = ⟦8080⟧\nDEBUG = ⟦true⟧\nNAME = "x"`,
      messages: [
        fails("Env.PORT", "[env] values turned into strings", `"env"`, "json: cannot unmarshal number into Go struct field Config.env of type string", `"Env" as "env"`),
        fails("Env.DEBUG", "[env] values turned into strings", `"env"`, "json: cannot unmarshal bool into Go struct field Config.env of type string", `"Env" as "env"`),
      ],
      output: null,
    },
    {
      code: `[⟦Services⟧]\ninternal_port = 8080`,
      messages: [fails("Services", "a single [services] table read as a list of one", `"services"`, "json: cannot unmarshal object into Go struct field Config.services of type []appconfig.Service", `"Services" as "services"`)],
      output: null,
    },
    {
      code: `[[services]]\nInternal_Port = ⟦"8080"⟧\nConcurrency = ⟦"20,25"⟧\n[[services.ports]]\nPort = ⟦80.5⟧\n[services.⟦Tcp_Checks⟧]\ninterval = "10s"\n[[services.http_checks]]\nHeaders = ⟦[{ name = "a", value = "b" }]⟧`,
      messages: [
        fails("services[0].Internal_Port", "internal_port turned into an integer", `"internal_port"`, "json: cannot unmarshal string into Go struct field Service.services.internal_port of type int", `"Internal_Port" as "internal_port"`),
        fails("services[0].Concurrency", 'concurrency = "soft,hard" turned into a table', `"concurrency"`, "json: cannot unmarshal string into Go struct field Service.services.concurrency of type fly.MachineServiceConcurrency", `"Concurrency" as "concurrency"`),
        fails("services[0].ports[0].Port", "port turned into an integer", `"port"`, "json: cannot unmarshal number 80.5 into Go struct field MachinePort.services.ports.port of type int", `"Port" as "port"`),
        fails("services[0].Tcp_Checks", "a single [services.tcp_checks] table read as a list of one", `"tcp_checks"`, "json: cannot unmarshal object into Go struct field Service.services.tcp_checks of type []*appconfig.ServiceTCPCheck", `"Tcp_Checks" as "tcp_checks"`),
        fails("services[0].http_checks[0].Headers", "headers as { name, value } tables turned into a table", `"headers"`, "json: cannot unmarshal array into Go struct field ServiceHTTPCheck.services.http_checks.headers of type map[string]string", `"Headers" as "headers"`),
      ],
      output: null,
    },
    {
      code: `[[⟦Processes⟧]]\nname = "web"\ncommand = "serve"`,
      messages: [fails("Processes", "[[processes]] with name and command turned into [processes]", `"processes"`, "json: cannot unmarshal array into Go struct field Config.processes of type map[string]string", `"Processes" as "processes"`)],
      output: null,
    },
    {
      code: `[[checks]]\nName = ⟦"alive"⟧\ntype = "tcp"\nport = 8080\n[[⟦Checks⟧]]\nname = "b"`,
      messages: [
        fails("checks[0].Name", "[[checks]] named by their name key", `"name"`, "check item name not a string", `"Name" as "name"`),
        fails("Checks", "[[checks]] with a name turned into [checks.<name>]", `"checks"`, "json: cannot unmarshal array into Go struct field Config.checks of type map[string]*appconfig.ToplevelCheck", `"Checks" as "checks"`),
      ],
      output: null,
    },
    {
      code: `[checks.alive]\ntype = "http"\nport = 8080\n[checks.alive.Headers]\nx-count = ⟦1⟧`,
      messages: [fails("checks.alive.Headers.x-count", "header values turned into strings", `"headers"`, "json: cannot unmarshal number into Go struct field ToplevelCheck.checks.headers of type string", `"Headers" as "headers"`)],
      output: null,
    },
    {
      code: `[⟦VM⟧]\nsize = "shared-cpu-1x"\n[[compute]]\nMemory = ⟦512⟧`,
      messages: [
        fails("VM", "a single [vm] table read as a list of one", `"vm"`, "json: cannot unmarshal object into Go struct field Config.vm of type []*appconfig.Compute", `"VM" as "vm"`),
        fails("compute[0].Memory", "a memory number turned into a size string", `"memory"`, "json: cannot unmarshal number into Go struct field Compute.vm.memory of type string", `"Memory" as "memory"`),
      ],
      output: null,
    },
    {
      code: `[[Vm]]\nmemory = ⟦1024⟧`,
      messages: [fails("Vm[0].memory", "a memory number turned into a size string", `"vm"`, "json: cannot unmarshal number into Go struct field Compute.vm.memory of type string", `"Vm" as "vm"`)],
      output: null,
    },
    {
      code: `[⟦Mounts⟧]\nsource = "data"\ndestination = "/data"\n[[mount]]\nsource = "b"\ndestination = "/b"\nInitial_Size = ⟦10⟧\n[⟦Metrics⟧]\nport = 9091\npath = "/metrics"`,
      messages: [
        fails("Mounts", "a single [mounts] table read as a list of one", `"mounts"`, "json: cannot unmarshal object into Go struct field Config.mounts of type []appconfig.Mount", `"Mounts" as "mounts"`),
        fails("mount[0].Initial_Size", "an initial_size number turned into a size string", `"initial_size"`, "json: cannot unmarshal number into Go struct field Mount.mounts.initial_size of type string", `"Initial_Size" as "initial_size"`),
        fails("Metrics", "a single [metrics] table read as a list of one", `"metrics"`, "json: cannot unmarshal object into Go struct field Config.metrics of type []*appconfig.Metrics", `"Metrics" as "metrics"`),
      ],
      output: null,
    },
  ],
});

describe("legacy-key-case with the other rules", () => {
  const code = `[experimental]\nCmd = "start.sh"\n`;
  it("is the load error, key-case's rename is the way out, and no rule claims flyctl converts the string", () => {
    const ids = lintText(code).diagnostics.map((d) => d.ruleId);
    expect(ids).toContain("legacy-key-case");
    expect(ids).toContain("key-case");
    expect(ids).not.toContain("experimental-command-string");
  });

  it("is fixed by --fix: key-case renames the key, then experimental-command-string writes the list flyctl reads", () => {
    const outcome = fixText(code);
    expect(outcome.output).toBe(`[experimental]\ncmd = ["start.sh"]\n`);
    expect(outcome.result.diagnostics.map((d) => d.ruleId)).toEqual([]);
  });

  it("leaves no migration rule claiming a conversion flyctl skips", () => {
    const code = `[[services]]\nInternal_Port = "8080"\nConcurrency = "20,25"\n[[services.ports]]\nPort = "80"\n[[vm]]\nMemory = 512\n[[http_service.checks]]\n`;
    const ids = lintText(code).diagnostics.map((d) => d.ruleId);
    expect(ids.filter((id) => id === "legacy-key-case")).toHaveLength(4);
    for (const id of ["port-string", "concurrency-string", "number-size"]) expect(ids).not.toContain(id);
  });
});
