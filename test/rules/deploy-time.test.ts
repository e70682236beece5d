import { bluegreenChecks } from "../../src/rules/bluegreen-checks.js";
import { bluegreenWithMounts } from "../../src/rules/bluegreen-with-mounts.js";
import { checkPort } from "../../src/rules/check-port.js";
import { concurrencyLimits } from "../../src/rules/concurrency-limits.js";
import { durationUnit } from "../../src/rules/duration-unit.js";
import { envFlyPrefix } from "../../src/rules/env-fly-prefix.js";
import { envPrimaryRegion } from "../../src/rules/env-primary-region.js";
import { envSecret } from "../../src/rules/env-secret.js";
import { forceHttpsHandler } from "../../src/rules/force-https-handler.js";
import { internalPortMismatch } from "../../src/rules/internal-port-mismatch.js";
import { killTimeout } from "../../src/rules/kill-timeout.js";
import { primaryRegion } from "../../src/rules/primary-region.js";
import { releaseCommandVolume } from "../../src/rules/release-command-volume.js";
import { statics } from "../../src/rules/statics.js";
import { unknownProcessGroup } from "../../src/rules/unknown-process-group.js";
import { vmLimits } from "../../src/rules/vm-limits.js";
import { vmMemory } from "../../src/rules/vm-memory.js";
import { vmMemoryConflict } from "../../src/rules/vm-memory-conflict.js";
import { vmSize } from "../../src/rules/vm-size.js";
import { volumePerMachine } from "../../src/rules/volume-per-machine.js";
import { testRule } from "../helpers/rule-tester.js";

testRule(primaryRegion, {
  valid: [`primary_region = "ams"`, `app = "no-region"`],
  invalid: [
    { code: `primary_region = ⟦"yul"⟧`, messages: [`primary_region "yul" is deprecated: Fly.io creates no new Machines or volumes there; Fly suggests "yyz" (volumes stay in their region, so move data deliberately)`], output: null },
    { code: `primary_region = ⟦"AMS"⟧`, messages: [`primary_region region codes are lower case; write "ams"`], output: null },
    { code: `primary_region = ⟦"mel"⟧`, messages: [`primary_region "mel" is an edge location, where apps cannot run`], output: null },
    { code: `primary_region = ⟦"lhx"⟧`, messages: [`primary_region "lhx" is not a Fly.io region (fly platform regions lists them). Did you mean "lax" or "lhr"?`], output: null },
  ],
});

testRule(vmSize, {
  valid: [`[[vm]]\nsize = "performance-2x"`, `[[vm]]\nsize = "a100-40gb"`],
  invalid: [{ code: `[[vm]]\nsize = ⟦"shared-cpu-3x"⟧`, messages: [`vm[0].size "shared-cpu-3x" is not a Machine size, so fly deploy fails; use one of shared-cpu-1x, shared-cpu-2x, shared-cpu-4x, shared-cpu-6x, shared-cpu-8x, performance-1x, performance-2x, performance-4x, performance-6x, performance-8x, performance-10x, performance-12x, performance-14x, performance-16x. Did you mean "shared-cpu-1x" or "shared-cpu-2x"?`], output: null }],
});

testRule(vmMemory, {
  valid: [`[[vm]]\nmemory = "1gb"`, `[vm]\nmemory = 512`, `[[vm]]\nmemory = "2 GB"`],
  invalid: [
    { code: `[[vm]]\nmemory = ⟦1.5⟧`, messages: [`vm[0].memory is 0 MB (a fractional number is read as "1.5" bytes), so fly deploy fails with "memory cannot be zero"; write a size such as "1gb" or "512mb"`], output: null },
    { code: `[[vm]]\nmemory = ⟦"0"⟧\n[[vm]]\nmemory = ⟦"1 gigabyte"⟧`, messages: [`vm[0].memory is 0 MB, so fly deploy fails with "memory cannot be zero"; write a size such as "1gb" or "512mb"`, `vm[1].memory "1 gigabyte" is not a size flyctl can read (invalid size: invalid suffix: 'gigabyte'), so fly deploy fails; write a size such as "1gb" or "512mb"`], output: null },
  ],
});

testRule(vmMemoryConflict, {
  valid: [`[[vm]]\nmemory = "1gb"`, `[[vm]]\nmemory_mb = 2048`],
  invalid: [
    { code: `[[vm]]\n⟦memory⟧ = "1gb"\nmemory_mb = 2048`, messages: [`vm[0] sets memory = "1gb" and memory_mb = 2048; they disagree, and flyctl uses memory_mb (2048 MB). Keep one`], output: null },
    { code: `[[vm]]\n⟦memory⟧ = "1gb"\nmemory_mb = 1024`, messages: [`vm[0] sets memory and memory_mb to the same 1024 MB; flyctl uses memory_mb, so memory only waits to disagree one day. Keep one`], output: null },
  ],
});

testRule(vmLimits, {
  valid: [`[[vm]]\ncpu_kind = "shared"\ncpus = 2\nmemory = "1gb"`, `[[vm]]\nsize = "performance-2x"\nmemory = "8gb"`, `[[vm]]\nsize = "l40s"`, `[[vm]]\nsize = "shared-cpu-1x"`],
  invalid: [
    { code: `[[vm]]\ncpu_kind = "performance"\ncpus = 2\nmemory = ⟦"2gb"⟧`, messages: [`vm[0] gives 2 performance CPUs 2048 MB of memory; Fly.io accepts 4096 to 16384 MB for that, so fly deploy fails`], output: null },
    { code: `[[vm]]\ncpus = ⟦3⟧`, messages: [`vm[0] asks for 3 shared CPUs; shared Machines have 1, 2, 4, 6, 8 (vm[0] names no size, so its cpu_kind and memory come from shared-cpu-1x)`], output: null },
    { code: `[[vm]]\nmemory_mb = ⟦300⟧`, messages: [`vm[0] memory is 300 MB; shared Machines take memory in steps of 256 MB (vm[0] names no size, so its cpu_kind and cpus come from shared-cpu-1x)`], output: null },
    { code: `[[vm]]\ncpu_kind = ⟦"performance"⟧`, messages: [`vm[0] gives 1 performance CPU 256 MB of memory; Fly.io accepts 2048 to 8192 MB for that, so fly deploy fails (vm[0] names no size, so its cpus and memory come from shared-cpu-1x)`], output: null },
    { code: `[[vm]]\ncpu_kind = "shared"\ncpus = 2\nmemory = ⟦"8gb"⟧`, messages: [`vm[0] gives 2 shared CPUs 8192 MB of memory; Fly.io accepts 512 to 4096 MB for that, so fly deploy fails`], output: null },
    { code: `[[vm]]\ncpu_kind = ⟦"dedicated"⟧\ncpus = 1\nmemory = "1gb"`, messages: [`vm[0].cpu_kind "dedicated" is not a CPU kind; use "shared" or "performance"`], output: null },
  ],
});

testRule(killTimeout, {
  valid: [`kill_timeout = "5m"`, `kill_timeout = 300`, `kill_timeout = "30s"`],
  invalid: [
    { code: `kill_timeout = ⟦"10m"⟧`, messages: [`kill_timeout is 10m0s; Fly.io allows at most 5 minutes, so fly deploy fails ("cannot exceed 5 minutes")`], output: `kill_timeout = "5m"` },
    { code: `app = 'x'\nkill_timeout = ⟦600⟧ # seconds`, messages: [`kill_timeout is 10m0s; Fly.io allows at most 5 minutes, so fly deploy fails ("cannot exceed 5 minutes")`], output: `app = 'x'\nkill_timeout = '5m' # seconds` },
  ],
});

testRule(durationUnit, {
  valid: [`[[http_service.checks]]\ninterval = "15s"`, `[deploy]\nwait_timeout = "10m"`, `kill_timeout = 5`, `[[services]]\n[[services.tcp_checks]]\ninterval = 10000`],
  invalid: [
    {
      code: `[http_service]\n[[http_service.checks]]\n  interval = ⟦10000⟧ # ten seconds?\n  timeout = ⟦2000⟧\n`,
      messages: [
        `http_service.checks[0].interval = 10000 is read as 10µs: flyctl takes a bare number here as nanoseconds. Write the unit, e.g. "10s" if you meant milliseconds`,
        `http_service.checks[0].timeout = 2000 is read as 2µs: flyctl takes a bare number here as nanoseconds. Write the unit, e.g. "2s" if you meant milliseconds`,
      ],
      output: `[http_service]\n[[http_service.checks]]\n  interval = "10s" # ten seconds?\n  timeout = "2s"\n`,
    },
    {
      code: `[deploy]\r\nwait_timeout = ⟦300⟧\r\n[[machine_checks]]\r\nkill_timeout = ⟦30⟧\r\n`,
      messages: [
        `deploy.wait_timeout = 300 is read as 300ns: flyctl takes a bare number here as nanoseconds. Write the unit, e.g. "5m0s" if you meant seconds`,
        `machine_checks[0].kill_timeout = 30 is read as 30ns: flyctl takes a bare number here as nanoseconds. Write the unit, e.g. "30s" if you meant seconds`,
      ],
      output: `[deploy]\r\nwait_timeout = "5m0s"\r\n[[machine_checks]]\r\nkill_timeout = "30s"\r\n`,
    },
    { code: `kill_timeout = ⟦1.5⟧`, messages: [`kill_timeout = 1.5 is cut to 1s: flyctl reads a bare number here as whole seconds. Write "1.5s"`], output: `kill_timeout = "1.5s"` },
  ],
});

testRule(checkPort, {
  valid: [`[http_service]\ninternal_port = 8080\n[checks.alive]\ntype = "http"\npath = "/"`, `[checks.alive]\ntype = "tcp"\nport = 8080`],
  invalid: [
    { code: `[checks.⟦alive⟧]\ntype = "tcp"`, messages: [`Check "alive" has no port, and process group "app" has no [http_service] to take one from, so fly deploy fails; add port = <the port to check>`], output: null },
    { code: `[processes]\nweb = "w"\nworker = "k"\n[http_service]\nprocesses = ["web"]\n[checks.⟦job⟧]\ntype = "http"\nprocesses = ["worker"]`, messages: [`Check "job" has no port, and process group "worker" has no [http_service] to take one from, so fly deploy fails; add port = <the port to check>`], output: null },
  ],
});

testRule(bluegreenChecks, {
  valid: [`[deploy]\nstrategy = "bluegreen"\n[http_service]\n[[http_service.checks]]\npath = "/"`, `[deploy]\nstrategy = "bluegreen"\n[checks.a]\ntype = "tcp"\nport = 1`],
  invalid: [{ code: `[deploy]\nstrategy = ⟦"bluegreen"⟧\n[http_service]\ninternal_port = 8080`, messages: [`deploy.strategy = "bluegreen" needs a health check to know the new Machines work, and this config defines none, so fly deploy fails; add [[http_service.checks]], [[services.tcp_checks]] or [checks.<name>]`], output: null }],
});

testRule(bluegreenWithMounts, {
  valid: [`[deploy]\nstrategy = "bluegreen"`, `[deploy]\nstrategy = "rolling"\n[[mounts]]\nsource = "d"\ndestination = "/d"`],
  invalid: [{ code: `[deploy]\nstrategy = ⟦"bluegreen"⟧\n[[mounts]]\nsource = "d"\ndestination = "/d"`, messages: [`deploy.strategy = "bluegreen" needs a second set of Machines, but a volume attaches to one Machine and this app mounts one (mounts[0], line 3); use "rolling" or "immediate"`], output: null }],
});

testRule(releaseCommandVolume, {
  valid: [`[deploy]\nrelease_command = "bin/migrate"\n[[mounts]]\nsource = "d"\ndestination = "/data"`, `[deploy]\nrelease_command = "cat /database.yml"\n[[mounts]]\ndestination = "/data"`],
  invalid: [{ code: `[deploy]\nrelease_command = ⟦"sqlite3 /data/app.db .tables"⟧\n[[mounts]]\nsource = "d"\ndestination = "/data"`, messages: [`deploy.release_command uses /data, where a volume is mounted, but the release command runs in a temporary Machine without volumes and sees nothing there; run it at start-up in the app's Machine instead (for example in its process command)`], output: null }],
});

testRule(unknownProcessGroup, {
  valid: [`[processes]\nweb = "w"\n[[vm]]\nprocesses = ["web"]`, `[[mounts]]\nprocesses = ["app"]`],
  invalid: [
    { code: `[processes]\nweb = "w"\nworker = "k"\n[[vm]]\nprocesses = [⟦"workers"⟧]\n[[files]]\nguest_path = "/a"\nprocesses = [⟦"api"⟧]`, messages: [`vm[0] applies to process group "workers", which does not exist ([processes] defines "web", "worker"), so it applies to no Machine. Did you mean "worker"?`, `files[0] applies to process group "api", which does not exist ([processes] defines "web", "worker"), so it applies to no Machine.`], output: null },
    { code: `[metrics]\nport = 9091\nprocesses = [⟦"web"⟧]`, messages: [`metrics applies to process group "web", which does not exist (without [processes] the only group is "app"), so it applies to no Machine.`], output: null },
  ],
});

testRule(internalPortMismatch, {
  valid: [`[env]\nPORT = "8080"\n[http_service]\ninternal_port = 8080`, { code: `[http_service]\ninternal_port = 3000`, files: { Dockerfile: "FROM node\nEXPOSE 3000\n" } }],
  invalid: [
    { code: `[env]\nPORT = "8080"\n[http_service]\ninternal_port = ⟦3000⟧`, messages: [`http_service.internal_port is 3000, but [env] PORT is 8080: an app that listens on $PORT is not where the Fly proxy connects. Make them the same`], output: null },
    { code: `[http_service]\ninternal_port = ⟦8080⟧`, files: { Dockerfile: "FROM node\nEXPOSE 3000/tcp\nCMD node server.js\n" }, messages: [`http_service.internal_port is 8080, but Dockerfile:2 exposes 3000: the Fly proxy connects to internal_port, so make it the port the app listens on`], output: null },
  ],
});

testRule(envSecret, {
  valid: [`[env]\nLOG_LEVEL = "info"\nAWS_ACCESS_KEY_ID = "x"\nDATABASE_HOST = "db.internal"\nAPP_URL = "https://example.com/path/to/somewhere/long"`],
  invalid: [
    { code: `[env]\n⟦STRIPE_SECRET⟧ = "from-vault"`, messages: [`env.STRIPE_SECRET may be a secret (flyctl warns that a name like STRIPE_SECRET may be sensitive): anything in fly.toml is visible to everyone who can read the repository. Remove the line and run fly secrets set STRIPE_SECRET=…`], output: null },
    { code: `[env]\nUPSTREAM = ⟦"postgres://app:hunter2@db.internal:5432/app"⟧`, messages: [`env.UPSTREAM may be a secret (its value looks like a URL with a password): anything in fly.toml is visible to everyone who can read the repository. Remove the line and run fly secrets set UPSTREAM=…, and rotate it: it has been committed`], output: null },
    { code: `[env]\nGH = ⟦"ghp_abcdefghijklmnopqrstuvwxyz0123456789"⟧\nTOKEN_X = ⟦"q8Zr2LmX0pWv7TnB4kYc9HsD1fGj6"⟧`, messages: [`env.GH may be a secret (its value looks like a GitHub token): anything in fly.toml is visible to everyone who can read the repository. Remove the line and run fly secrets set GH=…, and rotate it: it has been committed`, `env.TOKEN_X may be a secret (its value looks like a random secret): anything in fly.toml is visible to everyone who can read the repository. Remove the line and run fly secrets set TOKEN_X=…, and rotate it: it has been committed`], output: null },
  ],
});

testRule(envFlyPrefix, {
  valid: [`[env]\nAPP_FLY_MODE = "1"`],
  invalid: [{ code: `[env]\n⟦FLY_SCALE_TO_ZERO⟧ = "1h"`, messages: [`env.FLY_SCALE_TO_ZERO: names beginning with FLY_ are reserved for the variables Fly.io sets itself; rename it`], output: null }],
});

testRule(envPrimaryRegion, {
  valid: [`[env]\nPRIMARY_REGION = "ams" # no primary_region: it stands`],
  invalid: [{ code: `primary_region = "ams"\n[env]\n⟦PRIMARY_REGION⟧ = "fra"`, messages: [`env.PRIMARY_REGION is replaced by primary_region on every Machine ("fra" here, "ams" there); remove it from [env]`], output: null }],
});

testRule(concurrencyLimits, {
  valid: [`[http_service.concurrency]\ntype = "requests"\nsoft_limit = 20\nhard_limit = 25`, `[[services]]\nconcurrency = "30,20" # legacy string: not checked here`],
  invalid: [{ code: `[http_service.concurrency]\ntype = ⟦"http"⟧\nsoft_limit = ⟦50⟧\nhard_limit = 25`, messages: [`http_service.concurrency.type "http" is not a concurrency type; use "requests" (recommended for HTTP) or "connections" (the default)`, `http_service.concurrency.soft_limit (50) is above hard_limit (25): a Machine refuses work before the proxy ever sees it as busy. Keep soft_limit below hard_limit`], output: null }],
});

testRule(forceHttpsHandler, {
  valid: [`[[services]]\n[[services.ports]]\nport = 80\nhandlers = ["http"]\nforce_https = true`],
  invalid: [{ code: `[[services]]\n[[services.ports]]\nport = 443\nhandlers = ["tls"]\nforce_https = ⟦true⟧`, messages: [`services[0].ports[0] sets force_https, but without the "http" handler the proxy sees no HTTP to redirect; add "http" to handlers or remove force_https`], output: null }],
});

testRule(statics, {
  valid: [`[[statics]]\nguest_path = "/app/public"\nurl_prefix = "/static"\n[[statics]]\nguest_path = "/app/media"\nurl_prefix = "/media"`],
  invalid: [
    { code: `[[statics]]\nurl_prefix = "/static"\n[[statics]]\nurl_prefix = ⟦"/static/img"⟧`, messages: [`url_prefix "/static/img" overlaps "/static" (statics[0]); Fly.io requires [[statics]] prefixes that do not overlap`], output: null },
    { code: `${Array.from({ length: 10 }, (_, i) => `[[statics]]\nurl_prefix = "/s${i}/"\n`).join("")}[[⟦statics⟧]]\nurl_prefix = "/s10/"\n`, messages: [`This is [[statics]] number 11; Fly.io serves at most 10`], output: null },
  ],
});

testRule(volumePerMachine, {
  valid: [`[http_service]\nmin_machines_running = 2`, `[http_service]\nmin_machines_running = 1\n[[mounts]]\nsource = "d"\ndestination = "/d"`, `[processes]\nweb = "w"\ndb = "d"\n[http_service]\nprocesses = ["web"]\nmin_machines_running = 3\n[[mounts]]\nsource = "d"\ndestination = "/d"\nprocesses = ["db"]`],
  invalid: [{ code: `[http_service]\nmin_machines_running = ⟦2⟧\n[[mounts]]\nsource = "data"\ndestination = "/data"`, messages: [`Process group "app" keeps 2 Machines running and mounts "data", but a volume attaches to one Machine: each needs its own "data" volume in the region (fly volumes create data --count 2), and their data is not shared`], output: null }],
});
