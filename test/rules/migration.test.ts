import { buildTarget } from "../../src/rules/build-target.js";
import { checkHeadersArray } from "../../src/rules/check-headers-array.js";
import { checkTimingNumber } from "../../src/rules/check-timing-number.js";
import { concurrencyString } from "../../src/rules/concurrency-string.js";
import { envArray } from "../../src/rules/env-array.js";
import { envValueType } from "../../src/rules/env-value-type.js";
import { experimentalCommandString } from "../../src/rules/experimental-command-string.js";
import { experimentalKillTimeout } from "../../src/rules/experimental-kill-timeout.js";
import { experimentalMetrics } from "../../src/rules/experimental-metrics.js";
import { killTimeoutNumber } from "../../src/rules/kill-timeout-number.js";
import { legacyChecksArray } from "../../src/rules/legacy-checks-array.js";
import { legacyProcesses } from "../../src/rules/legacy-processes.js";
import { legacySectionName } from "../../src/rules/legacy-section-name.js";
import { numberSize } from "../../src/rules/number-size.js";
import { portString } from "../../src/rules/port-string.js";
import { tableToArray } from "../../src/rules/table-to-array.js";
import { v1Leftovers } from "../../src/rules/v1-leftovers.js";
import { testRule } from "../helpers/rule-tester.js";

testRule(envArray, {
  valid: [`[env]\nA = "1"`],
  invalid: [
    { code: `[[⟦env⟧]]\n  A = "1" # first\n[[env]]\n  B = "2"\n`, messages: [`[[env]] is the legacy form: flyctl merges the tables into one [env] (later keys win); write a single [env]`], output: `[env]\n  A = "1" # first\n  B = "2"\n` },
    { code: `[[⟦env⟧]]\nA = "1"\n[[env]]\nA = "2"\n`, messages: [`[[env]] is the legacy form: flyctl merges the tables into one [env] (later keys win); write a single [env] (merge them by hand: they repeat keys or have other sections between them)`], output: null },
  ],
});

testRule(envValueType, {
  valid: [`[env]\nPORT = "8080"`],
  invalid: [
    { code: `[env]\n  PORT = ⟦8080⟧\n  DEBUG = ⟦true⟧ # on\n  RATIO = ⟦1.0⟧\n`, messages: [`env.PORT is not a string; the app receives it as text ("8080"), so write it as a string`, `env.DEBUG is not a string; the app receives it as text ("true"), so write it as a string`, `env.RATIO is not a string; the app receives it as text ("1"), so write it as a string`], output: `[env]\n  PORT = "8080"\n  DEBUG = "true" # on\n  RATIO = "1"\n` },
    { code: `[env]\nLIST = ⟦[1, "a"]⟧`, messages: [`env.LIST is not a string; the app receives it as text, so write it as a string`], output: null },
  ],
});

testRule(tableToArray, {
  valid: [`[[services]]\n[[services.ports]]\nport = 80`, `[[vm]]\nmemory = "1gb"`],
  invalid: [
    { code: `[⟦services⟧] # web\n  internal_port = 8080\n  [services.⟦ports⟧]\n    port = 80\n`, messages: [`[services] is a single table; flyctl reads it as a one-element array of tables, so write [[services]]`, `[services.ports] is a single table; flyctl reads it as a one-element array of tables, so write [[services.ports]]`], output: `[[services]] # web\n  internal_port = 8080\n  [[services.ports]]\n    port = 80\n` },
    { code: `[⟦vm⟧]\nmemory = "1gb"\n[⟦mounts⟧]\nsource = "d"\n[⟦metrics⟧]\nport = 9091\n`, messages: ["vm", "mounts", "metrics"].map((k) => `[${k}] is a single table; flyctl reads it as a one-element array of tables, so write [[${k}]]`), output: `[[vm]]\nmemory = "1gb"\n[[mounts]]\nsource = "d"\n[[metrics]]\nport = 9091\n` },
    { code: `[[services]]\ntcp_checks = ⟦{ interval = "15s" }⟧\n`, messages: [`[services.tcp_checks] is a single table; flyctl reads it as a one-element array of tables, so write [[services.tcp_checks]]`], output: `[[services]]\ntcp_checks = [{ interval = "15s" }]\n` },
  ],
});

testRule(legacySectionName, {
  valid: [`[[vm]]\nmemory = "1gb"`],
  invalid: [
    { code: `[⟦compute⟧]\nmemory = "1gb"\n[[⟦mount⟧]]\nsource = "d"\n[⟦metric⟧]\nport = 1\n`, messages: [`"compute" is a legacy name: flyctl reads it as [[vm]]; write [[vm]]`, `"mount" is a legacy name: flyctl reads it as [[mounts]]; write [[mounts]]`, `"metric" is a legacy name: flyctl reads it as [[metrics]]; write [[metrics]]`], output: `[[vm]]\nmemory = "1gb"\n[[mounts]]\nsource = "d"\n[[metrics]]\nport = 1\n` },
    { code: `[[vm]]\nmemory = "2gb"\n[⟦compute⟧]\nmemory = "1gb"\n`, messages: [`"compute" is a legacy name: flyctl reads it as [[vm]]; write [[vm]] (move it before the other [[vm]] entries first: flyctl puts compute entries first)`], output: null },
  ],
});

testRule(concurrencyString, {
  valid: [`[[services]]\nconcurrency = { type = "requests", soft_limit = 20, hard_limit = 25 }`],
  invalid: [{ code: `[[services]]\n  concurrency = ⟦"20,25"⟧ # legacy\n`, messages: [`services[0].concurrency = "20,25" is the legacy form; flyctl reads it as { type = "requests", soft_limit = 20, hard_limit = 25 }: counting requests, not connections. Write the table`], output: `[[services]]\n  concurrency = { type = "requests", soft_limit = 20, hard_limit = 25 } # legacy\n` }],
});

testRule(portString, {
  valid: [`[[services]]\ninternal_port = 8080\n[[services.ports]]\nport = 80`, `[http_service]\ninternal_port = 8080`],
  invalid: [{ code: `[[services]]\ninternal_port = ⟦"8080"⟧\n[[services.ports]]\nport = ⟦80.0⟧\n`, messages: [`services[0].internal_port = "8080" is read as the integer 8080; write 8080`, `services[0].ports[0].port = 80.0 is read as the integer 80; write 80`], output: `[[services]]\ninternal_port = 8080\n[[services.ports]]\nport = 80\n` }],
});

testRule(checkTimingNumber, {
  valid: [`[checks.a]\ninterval = "15s"`, `[[http_service.checks]]\ninterval = 10000 # duration-unit's business`],
  invalid: [
    { code: `[[services]]\n[[services.tcp_checks]]\n  interval = ⟦15000⟧\n  timeout = ⟦2000⟧ # ms\n  grace_period = ⟦""⟧\n`, messages: [`services[0].tcp_checks[0].interval = 15000 is read as "15s" (a bare number here is milliseconds); write "15s"`, `services[0].tcp_checks[0].timeout = 2000 is read as "2s" (a bare number here is milliseconds); write "2s"`, `services[0].tcp_checks[0].grace_period is ignored: flyctl drops an empty or non-duration grace_period; remove it or write a duration such as "10s"`], output: `[[services]]\n[[services.tcp_checks]]\n  interval = "15s"\n  timeout = "2s" # ms\n` },
    { code: `[checks.alive]\ntype = "tcp"\ninterval = ⟦1500⟧\n`, messages: [`checks.alive.interval = 1500 is read as "1.5s" (a bare number here is milliseconds); write "1.5s"`], output: `[checks.alive]\ntype = "tcp"\ninterval = "1.5s"\n` },
  ],
});

testRule(checkHeadersArray, {
  valid: [`[checks.a]\nheaders = { Host = "x" }`],
  invalid: [
    { code: `[checks.a]\nheaders = ⟦[{ name = "Host", value = "example.com" }, { name = "X-Num", value = 1 }]⟧\n`, messages: [`checks.a.headers is the legacy list of { name, value }; flyctl reads it as a table of header names: write { Host = "example.com", X-Num = "1" }`], output: `[checks.a]\nheaders = { Host = "example.com", X-Num = "1" }\n` },
    {
      code: `[[services]]\n  [[services.http_checks]]\n    path = "/"\n    [[services.http_checks.⟦headers⟧]]\n      name = "origin"\n      value = "http://localhost"\n    [[services.http_checks.headers]]\n      name = "x"\n      value = "y"\n`,
      messages: [`services[0].http_checks[0].headers is the legacy list of { name, value }; flyctl reads it as a table of header names: write { origin = "http://localhost", x = "y" }`],
      output: `[[services]]\n  [[services.http_checks]]\n    path = "/"\n    [services.http_checks.headers]\n      origin = "http://localhost"\n      x = "y"\n`,
    },
  ],
});

testRule(legacyProcesses, {
  valid: [`[processes]\nweb = "./web"`],
  invalid: [{ code: `[[⟦processes⟧]]\n  name = "web"\n  command = "./web"\n[[processes]]\n  name = "worker"\n  command = "./worker"\n\n[env]\n`, messages: [`[[processes]] with name and command is the Apps V1 form; flyctl reads it as [processes] with web = "./web", worker = "./worker". Write that table`], output: `[processes]\n  web = "./web"\n  worker = "./worker"\n\n[env]\n` }],
});

testRule(experimentalCommandString, {
  valid: [`[experimental]\ncmd = ["serve"]`],
  invalid: [{ code: `[experimental]\ncmd = ⟦"bin/server --port 8080"⟧\nexec = ⟦'/app'⟧\n`, messages: [`experimental.cmd is a string; flyctl reads it as a list of one item, ["bin/server --port 8080"], without splitting it into arguments. Write the list (split it yourself if you meant separate arguments, e.g. ["bin/server", "--port", "8080"])`, `experimental.exec is a string; flyctl reads it as a list of one item, ['/app'], without splitting it into arguments. Write the list`], output: `[experimental]\ncmd = ["bin/server --port 8080"]\nexec = ['/app']\n` }],
});

testRule(experimentalKillTimeout, {
  valid: [`kill_timeout = "5s"`],
  invalid: [
    { code: `app = "x"\n\n[experimental]\n  ⟦kill_timeout⟧ = 30 # legacy\n  cmd = ["x"]\n`, messages: [`experimental.kill_timeout is legacy: flyctl moves it to the top-level kill_timeout ("30s"). Write kill_timeout at the top level`], output: `app = "x"\nkill_timeout = "30s" # legacy\n\n[experimental]\n  cmd = ["x"]\n` },
    { code: `kill_timeout = "5s"\n[experimental]\n⟦kill_timeout⟧ = 30\n`, messages: [`experimental.kill_timeout is ignored: the top-level kill_timeout is set, and flyctl uses that. Remove it`], output: `kill_timeout = "5s"\n[experimental]\n` },
  ],
});

testRule(experimentalMetrics, {
  valid: [`[[metrics]]\nport = 9091`],
  invalid: [
    { code: `app = "x"\n[experimental]\n  ⟦metrics_port⟧ = 9091\n  ⟦metrics_path⟧ = "/metrics"\n`, messages: [`experimental.metrics_port is legacy: flyctl reads experimental metrics_port/metrics_path as [[metrics]] with port = 9091 path = "/metrics". Write [[metrics]]`, `experimental.metrics_path is legacy: flyctl reads experimental metrics_port/metrics_path as [[metrics]] with port = 9091 path = "/metrics". Write [[metrics]]`], output: `app = "x"\n[experimental]\n\n[[metrics]]\n  port = 9091\n  path = "/metrics"\n` },
    { code: `[[metrics]]\nport = 1\n[experimental]\n⟦metrics_port⟧ = 9091\n`, messages: [`experimental.metrics_port is ignored: [metrics] is set, and flyctl uses that. Remove it`], output: `[[metrics]]\nport = 1\n[experimental]\n` },
  ],
});

testRule(legacyChecksArray, {
  valid: [`[checks.alive]\ntype = "tcp"`],
  invalid: [
    {
      code: `[[checks]]\n  ⟦name⟧ = "alive"\n  type = "tcp"\n[[checks]]\n  ⟦name⟧ = "web"\n  type = "http"\n  [checks.headers]\n    Host = "x"\n`,
      messages: [
        `[[checks]] with name = "alive" is the legacy form: flyctl reads it as [checks.alive] and keeps name as an unknown key. Write [checks.alive]`,
        `[[checks]] with name = "web" is the legacy form: flyctl reads it as [checks.web] and keeps name as an unknown key. Write [checks.web]`,
      ],
      output: `[checks.alive]\n  type = "tcp"\n[checks.web]\n  type = "http"\n  [checks.web.headers]\n    Host = "x"\n`,
    },
  ],
});

testRule(numberSize, {
  valid: [`[[vm]]\nmemory = "512"`, `[[mounts]]\ninitial_size = "10gb"`],
  invalid: [
    { code: `[[vm]]\nmemory = ⟦512⟧\n[mount]\ninitial_size = ⟦200⟧\n`, messages: [`vm[0].memory is a number; flyctl reads it as the size "512" (512 MB). Write it as a string`, `mount.initial_size is a number; flyctl reads it as the size "200" (200 GB). Write it as a string`], output: `[[vm]]\nmemory = "512"\n[mount]\ninitial_size = "200"\n` },
    { code: `[[vm]]\nmemory = ⟦1.5⟧\n`, messages: [`vm[0].memory is a number; flyctl reads it as the size "1.5" (a fraction here is read as bytes, which is surely not meant: write a size with a unit). Write it as a string`], output: null },
  ],
});

testRule(killTimeoutNumber, {
  valid: [`kill_timeout = "5s"`, `kill_timeout = 1.5 # duration-unit's business`],
  invalid: [
    { code: `kill_timeout = ⟦120⟧ # two minutes`, messages: [`kill_timeout = 120 is read as "2m0s" (a bare number here is seconds); write "2m0s"`], output: `kill_timeout = "2m0s" # two minutes` },
    { code: `app = "x"\nkill_timeout = ⟦""⟧\n`, messages: [`kill_timeout is ignored: flyctl drops an empty or non-duration kill_timeout; remove it or write a duration such as "5s"`], output: `app = "x"\n` },
  ],
});

testRule(buildTarget, {
  valid: [`[build]\nbuild-target = "prod"`],
  invalid: [
    { code: `[build]\n⟦build_target⟧ = "prod"\n`, messages: [`build_target is the legacy spelling: flyctl renames it to build-target. Write build-target`], output: `[build]\nbuild-target = "prod"\n` },
    { code: `[build]\nbuild-target = "dev"\n⟦build_target⟧ = "prod"\n`, messages: [`build_target is the legacy spelling: flyctl renames it to build-target, and its value wins over the build-target line, which is ignored. Write build-target`], output: `[build]\nbuild-target = "prod"\n` },
  ],
});

testRule(v1Leftovers, {
  valid: [`[experimental]\ncmd = ["x"]\n[[services]]\ntcp_checks = [{ interval = "1s" }]`],
  invalid: [
    {
      code: `⟦processes⟧ = []\n[experimental]\n  ⟦private_network⟧ = true\n  ⟦auto_rollback⟧ = true # v1\n[[services]]\n  ⟦script_checks⟧ = []\n  ⟦http_checks⟧ = []\n  [[services.tcp_checks]]\n    interval = "15s"\n    ⟦restart_limit⟧ = 0\n`,
      messages: [
        "processes is an empty list flyctl drops; remove it",
        "experimental.private_network is an Apps V1 option flyctl ignores (every app is on the private network); remove it",
        "experimental.auto_rollback is an Apps V1 option flyctl parses but never uses; remove it",
        "services[0].script_checks is an Apps V1 (Nomad) check type flyctl ignores; remove it",
        "services[0].http_checks is an empty list flyctl drops; remove it",
        "services[0].tcp_checks[0].restart_limit is an Apps V1 (Nomad) setting flyctl ignores; remove it",
      ],
      // A comment after a removed key stays, on its own line.
      output: `[experimental]\n  # v1\n[[services]]\n  [[services.tcp_checks]]\n    interval = "15s"\n`,
    },
    {
      // A header table of nothing but leftovers goes whole, with one of the blank lines around it.
      code: `app = "x"\n\n[experimental]\n  ⟦allowed_public_ports⟧ = []\n  ⟦auto_rollback⟧ = true\n\n[env]\n  A = "1"\n`,
      messages: [
        "experimental.allowed_public_ports is an Apps V1 option flyctl ignores; remove it",
        "experimental.auto_rollback is an Apps V1 option flyctl parses but never uses; remove it",
      ],
      output: `app = "x"\n\n[env]\n  A = "1"\n`,
    },
    {
      // A key that is not a leftover keeps its table.
      code: `[experimental]\n  ⟦auto_rollback⟧ = true\n  cmd = ["x"]\n`,
      messages: ["experimental.auto_rollback is an Apps V1 option flyctl parses but never uses; remove it"],
      output: `[experimental]\n  cmd = ["x"]\n`,
    },
    {
      // At the end of the file, the blank line before the table goes with nothing after it.
      code: `app = "x"\n\n[experimental]\n⟦auto_rollback⟧ = true\n`,
      messages: ["experimental.auto_rollback is an Apps V1 option flyctl parses but never uses; remove it"],
      output: `app = "x"\n`,
    },
    {
      // What moving experimental.kill_timeout out leaves: flyctl drops an empty [experimental], and so does the fix.
      code: `app = "x"\n[⟦experimental⟧]\n`,
      messages: ["[experimental] is empty, and flyctl drops an empty [experimental]; remove it"],
      output: `app = "x"\n`,
    },
  ],
});

testRule(legacyProcesses, {
  valid: [],
  invalid: [
    {
      code: `app = "x"\n\n[[⟦processes⟧]]\n\n[env]\n  A = "1"\n`,
      messages: [`[[processes]] without a name defines no process group: flyctl drops it, and the app has the one group "app". Remove it`],
      output: `app = "x"\n\n\n[env]\n  A = "1"\n`,
    },
  ],
});

testRule(tableToArray, {
  valid: [],
  invalid: [
    {
      code: `app = "x"\n\n# checks\n[[⟦services⟧.http_checks]]\n  path = "/health"\n`,
      messages: [`These sections belong to a [services] table that is never written; flyctl reads them as one [[services]] entry, so write [[services]] above them`],
      output: `app = "x"\n\n# checks\n[[services]]\n[[services.http_checks]]\n  path = "/health"\n`,
    },
    { code: `⟦services⟧.internal_port = 8080\n`, messages: [`These sections belong to a [services] table that is never written; flyctl reads them as one [[services]] entry, so write [[services]] above them`], output: null },
  ],
});

testRule(checkHeadersArray, {
  valid: [],
  invalid: [{ code: `[checks.pg]\ntype = "http"\nheaders = ⟦[]⟧\n`, messages: [`checks.pg.headers is an empty list, which flyctl drops; remove it`], output: `[checks.pg]\ntype = "http"\n` }],
});

testRule(legacyProcesses, {
  valid: [],
  invalid: [
    {
      code: `[[⟦processes⟧]]\napp = "bin/server"\nworker = "bin/worker"\n`,
      messages: [`[[processes]] entries without name are ignored: flyctl finds no process group here, so every Machine runs the image's command. Did you mean [processes] (single brackets), where each key is a group?`],
      output: null,
    },
  ],
});
