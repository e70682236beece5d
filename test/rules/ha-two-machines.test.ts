import { haTwoMachines } from "../../src/rules/ha-two-machines.js";
import { testRule } from "../helpers/rule-tester.js";

const message = (group: string, two = "$3.88", one = "$1.94") =>
  `Process group "${group}" gets 2 always-on Machines on its first deploy: ≈ ${two}/month instead of ${one} (estimate). ` +
  `fly deploy --ha is on by default and creates a second Machine for a group with a service and no volume, and with auto_stop_machines off both run all the time. ` +
  `For one Machine, deploy with --ha=false or run fly scale count 1 afterwards; or set auto_stop_machines = "stop" so idle Machines stop. ` +
  `min_machines_running does not change how many Machines are created`;

testRule(haTwoMachines, {
  valid: [
    `app = "no-services"`,
    `[http_service]\ninternal_port = 8080\nauto_stop_machines = "stop"`,
    `[http_service]\ninternal_port = 8080\n[[mounts]]\nsource = "data"\ndestination = "/data"`,
    `[processes]\nworker = "work"\n[[services]]\nprocesses = ["other"]`,
  ],
  invalid: [
    { code: `[⟦http_service⟧]\ninternal_port = 8080\nmin_machines_running = 1\n`, messages: [message("app")], output: null },
    { code: `[⟦http_service⟧]\nauto_stop_machines = false\n`, messages: [message("app")], output: null },
    {
      code: `[processes]\nweb = "serve"\nworker = "work"\n[[⟦services⟧]]\nprocesses = ["web", "worker"]\n[[mounts]]\nsource = "d"\ndestination = "/d"\nprocesses = ["worker"]\n`,
      messages: [message("web")],
      output: null,
    },
    {
      // Two services in one group: the least stopping one decides (unset counts as off).
      code: `[⟦http_service⟧]\nauto_stop_machines = "stop"\n[[services]]\ninternal_port = 9000\n`,
      messages: [message("app")],
      output: null,
    },
    {
      // The price is the group's own size: shared-cpu-1x with 1 GB is $5.70 a month in iad.
      code: `[⟦http_service⟧]\ninternal_port = 8080\n[[vm]]\nmemory = "1gb"\n`,
      messages: [message("app", "$11.40", "$5.70")],
      output: null,
    },
  ],
});
