import { buildCompression } from "../../src/rules/build-compression.js";
import { buildStrategies } from "../../src/rules/build-strategies.js";
import { canaryWithMounts } from "../../src/rules/canary-with-mounts.js";
import { checkTiming } from "../../src/rules/check-timing.js";
import { checkType } from "../../src/rules/check-type.js";
import { deployStrategy } from "../../src/rules/deploy-strategy.js";
import { mountAutoExtend } from "../../src/rules/mount-auto-extend.js";
import { mountSize } from "../../src/rules/mount-size.js";
import { mountSnapshotRetention } from "../../src/rules/mount-snapshot-retention.js";
import { mountsPerGroup } from "../../src/rules/mounts-per-group.js";
import { restartPolicy } from "../../src/rules/restart-policy.js";
import { serviceCheckTiming } from "../../src/rules/service-check-timing.js";
import { servicePorts } from "../../src/rules/service-ports.js";
import { serviceProcesses } from "../../src/rules/service-processes.js";
import { unsplittableCommand } from "../../src/rules/unsplittable-command.js";
import { testRule } from "../helpers/rule-tester.js";

testRule(buildStrategies, {
  valid: [`[build]\nimage = "nginx"`, `[build]\nbuilder = "heroku/builder:24"\nbuildpacks = ["heroku/nodejs"]`, `[build]\ndockerfile = "Dockerfile"\nbuild-target = "prod"`],
  invalid: [
    { code: `[⟦build⟧]\nimage = "nginx:latest"\ndockerfile = "Dockerfile"`, messages: [`[build] names more than one way to build (the "nginx:latest" docker image, the "Dockerfile" dockerfile); keep one`], output: null },
    { code: `[⟦build⟧]\nbuildpacks = ["a"]\nbuild-target = "x"\nbuiltin = "static"`, messages: [`[build] names more than one way to build (a buildpack, a dockerfile, the "static" builtin image); keep one`], output: null },
  ],
});

testRule(deployStrategy, {
  valid: [`[deploy]\nstrategy = "bluegreen"`, `[deploy]\nstrategy = ""`, `[deploy]\nrelease_command = "x"`],
  invalid: [
    { code: `[deploy]\nstrategy = ⟦"Rolling"⟧`, messages: [`deploy.strategy "Rolling" is not a deploy strategy; use "rolling" (the default), "immediate", "canary" or "bluegreen". Did you mean "rolling"?`], output: null },
    { code: `[deploy]\nstrategy = ⟦"blue-green"⟧`, messages: [`deploy.strategy "blue-green" is not a deploy strategy; use "rolling" (the default), "immediate", "canary" or "bluegreen". Did you mean "bluegreen"?`], output: null },
  ],
});

testRule(canaryWithMounts, {
  valid: [`[deploy]\nstrategy = "canary"`, `[deploy]\nstrategy = "rolling"\n[[mounts]]\nsource = "d"\ndestination = "/d"`],
  invalid: [
    { code: `[deploy]\nstrategy = ⟦"canary"⟧\n[mounts]\nsource = "d"\ndestination = "/d"`, messages: [`deploy.strategy = "canary" does not work with volumes, and this app mounts one (mounts, line 3); use "rolling" or "immediate"`], output: null },
  ],
});

testRule(unsplittableCommand, {
  valid: [`console_command = "/bin/bash"\n[deploy]\nrelease_command = "sh -c 'bin/migrate && bin/seed'"\n[processes]\napp = "bin/server --name \\"x\\""`, `[processes]\nnone = ""`],
  invalid: [
    { code: `[processes]\napp = ⟦"echo it's broken"⟧`, messages: [`processes.app cannot be split into arguments: a quote is never closed (flyctl: EOF found when expecting closing quote)`], output: null },
    { code: `console_command = ⟦'rails console \\'⟧\n[deploy]\nrelease_command = ⟦"sh -c 'migrate"⟧`, messages: [`console_command cannot be split into arguments: it ends with a backslash that escapes nothing (flyctl: EOF found after escape character)`, `deploy.release_command cannot be split into arguments: a quote is never closed (flyctl: EOF found when expecting closing quote)`], output: null },
  ],
});

testRule(checkType, {
  valid: [`[checks.alive]\ntype = "tcp"\nport = 8080`, `[[checks]]\nname = "web"\ntype = "http"`],
  invalid: [
    { code: `[checks.alive]\ntype = ⟦"Http"⟧`, messages: [`Check "alive" has type "Http"; it must be "http" or "tcp" (lower case)`], output: null },
    { code: `[checks.⟦alive⟧]\nport = 8080`, messages: [`Check "alive" has no type; add type = "http" or type = "tcp"`], output: null },
  ],
});

testRule(checkTiming, {
  valid: [`[checks.alive]\ntype = "tcp"\ninterval = "2s"\ntimeout = "60s"`, `[checks.alive]\ninterval = 15000\ntimeout = ""`],
  invalid: [
    { code: `[checks.alive]\ninterval = ⟦"1.999s"⟧\ntimeout = ⟦"1m1s"⟧`, messages: [`Check "alive" runs every 1.999s; the interval must be at least 2s`, `Check "alive" times out after 1m1s; the timeout must be at most 60s`], output: null },
    { code: `[[checks]]\nname = "web"\ninterval = ⟦1000⟧`, messages: [`Check "web" runs every 1s (a bare number here is milliseconds); the interval must be at least 2s`], output: null },
  ],
});

testRule(serviceProcesses, {
  valid: [
    `[http_service]\ninternal_port = 8080`,
    `[http_service]\nprocesses = ["app"]`,
    `[processes]\nweb = "serve"\n[http_service]\nprocesses = ["web"]\n[[services]]\nprocesses = ["web"]`,
    `[processes]\n[http_service]\ninternal_port = 8080 # an empty [processes] defines nothing`,
  ],
  invalid: [
    { code: `[processes]\nweb = "serve"\nworker = "work"\n[⟦http_service⟧]\ninternal_port = 8080`, messages: [`[http_service] has no processes, but [processes] defines 2 groups (web, worker); set processes = ["web"] (or the groups it serves)`], output: null },
    { code: `[http_service]\nprocesses = [⟦"web"⟧]`, messages: [`[http_service] serves process group "web", which does not exist: without [processes] the only group is "app".`], output: null },
    { code: `[processes]\napp = "x"\nworker = "y"\n[[services]]\nprocesses = ["app", ⟦"workers"⟧]`, messages: [`[[services]] services[0] serves process group "workers", which does not exist: [processes] defines "app", "worker". Did you mean "worker"?`], output: null },
  ],
});

testRule(servicePorts, {
  valid: [`[[services]]\ninternal_port = 8080\n[[services.ports]]\nport = 80`, `[http_service]\ninternal_port = 8080`, `[[services]] # empty: dropped by flyctl`],
  invalid: [{ code: `[[⟦services⟧]]\ninternal_port = 8080\nprotocol = "tcp"`, messages: [`services[0] exposes no port, so the Fly proxy sends it nothing; add a [[services.ports]] section (or use [http_service])`], output: null }],
});

testRule(serviceCheckTiming, {
  valid: [`[[services]]\n[[services.tcp_checks]]\ninterval = "15s"\ntimeout = "2s"\ngrace_period = 0`, `[[http_service.checks]]\ninterval = "1m"\ntimeout = "1s"`],
  invalid: [
    {
      code: `[[services]]\n[[services.http_checks]]\ninterval = ⟦"1m21s"⟧\ntimeout = ⟦500⟧\ngrace_period = ⟦"0.5s"⟧`,
      messages: [
        `services[0].http_checks[0].interval is 1m21s; the platform lowers an interval above 1 minute to 1m`,
        `services[0].http_checks[0].timeout is 500ms (a bare number here is milliseconds); the platform raises a timeout under 1 second to 1s`,
        `services[0].http_checks[0].grace_period is 500ms; the platform raises a grace period under 1 second to 1s`,
      ],
      output: null,
    },
    { code: `[http_service]\n[[http_service.checks]]\ninterval = ⟦10000⟧`, messages: [`http_service.checks[0].interval is 10µs (a bare number here is nanoseconds); the platform raises an interval under 1 second to 1s`], output: null },
  ],
});

testRule(mountSize, {
  valid: [`[[mounts]]\nsource = "d"\ndestination = "/d"\ninitial_size = "10gb"\nauto_extend_size_increment = "1GB"\nauto_extend_size_limit = "100GB"`, `[mount]\ninitial_size = 200`, `[[mounts]]\ninitial_size = "1000mb"`],
  invalid: [
    { code: `[[mounts]]\ninitial_size = ⟦"500mb"⟧`, messages: [`mounts[0].initial_size "500mb" is less than 1 GB; volumes are at least 1 GB (sizes use 1 GB = 1000 MB)`], output: null },
    { code: `[[mounts]]\ninitial_size = ⟦10.5⟧`, messages: [`mounts[0].initial_size "10.5" is less than 1 GB (a fractional number is read as that many bytes); volumes are at least 1 GB (sizes use 1 GB = 1000 MB)`], output: null },
    { code: `[[mounts]]\ninitial_size = ⟦"unparseable"⟧\nauto_extend_size_limit = ⟦"1xb"⟧`, messages: [`mounts[0].initial_size "unparseable" is not a size flyctl can read (invalid size: invalid size: 'unparseable'); write a size such as "10gb"`, `mounts[0].auto_extend_size_limit "1xb" is not a size flyctl can read (invalid size: invalid suffix: 'xb'); write a size such as "10gb"`], output: null },
  ],
});

testRule(mountSnapshotRetention, {
  valid: [`[[mounts]]\nsnapshot_retention = 1`, `[[mounts]]\nsnapshot_retention = 60`],
  invalid: [{ code: `[[mounts]]\nsnapshot_retention = ⟦0⟧\n[[mounts]]\nsnapshot_retention = ⟦61⟧`, messages: [`mounts[0].snapshot_retention is 0; it must be between 1 and 60 days`, `mounts[1].snapshot_retention is 61; it must be between 1 and 60 days`], output: null }],
});

testRule(mountAutoExtend, {
  valid: [`[[mounts]]\nauto_extend_size_threshold = 80\nauto_extend_size_increment = "1GB"`, `[[mounts]]\nauto_extend_size_threshold = 99\nauto_extend_size_increment = "100GB"\nauto_extend_size_limit = "500GB"`, `[[mounts]]\nsource = "d"`],
  invalid: [
    { code: `[[⟦mounts⟧]]\nauto_extend_size_threshold = ⟦80⟧`, messages: [`mounts[0] enables auto-extend without a valid auto_extend_size_increment; set one between 1GB and 100GB`, `mounts[0].auto_extend_size_threshold is set without auto_extend_size_increment; set the increment too (1GB to 100GB), and optionally auto_extend_size_limit`], output: null },
    { code: `[[⟦mounts⟧]]\nauto_extend_size_increment = ⟦"200GB"⟧`, messages: [`mounts[0] sets auto-extend sizes without auto_extend_size_threshold; add a threshold between 50 and 99 (percent used)`, `mounts[0].auto_extend_size_increment is 200 GB; it must be between 1GB and 100GB`], output: null },
    { code: `[[mounts]]\nauto_extend_size_threshold = ⟦40⟧\nauto_extend_size_increment = "1GB"\nauto_extend_size_limit = ⟦"600GB"⟧`, messages: [`mounts[0].auto_extend_size_threshold is 40; it must be between 50 and 99 (percent used)`, `mounts[0].auto_extend_size_limit is 600 GB; it must be between 1GB and 500GB`], output: null },
  ],
});

testRule(restartPolicy, {
  valid: [`[[restart]]\npolicy = "on-failure"\nretries = 5`, `[processes]\nworker = "w"\n[[restart]]\npolicy = "never"\nprocesses = ["worker"]`],
  invalid: [
    { code: `[[restart]]\npolicy = ⟦"no"⟧`, messages: [`restart[0].policy "no" is not a restart policy; use "always", "never" or "on-failure" ("no" is the Machines API name; fly.toml says "never")`], output: null },
    { code: `[[⟦restart⟧]]\nretries = 3\nprocesses = [⟦"web"⟧]`, messages: [`restart[0] has no policy; use "always", "never" or "on-failure"`, `restart[0] applies to process group "web", which [processes] does not define.`], output: null },
  ],
});

testRule(buildCompression, {
  valid: [`[build]\ncompression = "zstd"\ncompression_level = 0`, `[build]\ncompression = ""\ncompression_level = 9`],
  invalid: [{ code: `[build]\ncompression = ⟦"brotli"⟧\ncompression_level = ⟦10⟧`, messages: [`build.compression "brotli" is not supported; use "gzip" or "zstd", or leave it unset`, `build.compression_level is 10; it must be a whole number from 0 to 9`], output: null }],
});

testRule(mountsPerGroup, {
  valid: [`[processes]\napp = "a"\nworker = "w"\n[[mounts]]\nsource = "a"\ndestination = "/a"\n[[mounts]]\nsource = "w"\ndestination = "/w"\nprocesses = ["worker"]`],
  invalid: [{ code: `[[mounts]]\nsource = "a"\ndestination = "/a"\n[[⟦mounts⟧]]\nsource = "b"\ndestination = "/b"`, messages: [`Process group "app" already mounts a volume (mounts[0], line 1); a Machine attaches only one, so this mount is never used (fly deploy --process-groups rejects it). Mount one volume per group`], output: null }],
});
