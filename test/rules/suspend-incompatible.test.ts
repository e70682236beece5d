import { suspendIncompatible } from "../../src/rules/suspend-incompatible.js";
import { testRule } from "../helpers/rule-tester.js";

const tail = `. Fly.io then stops the Machines instead, without saying so; write "stop" to say what happens, or remove what prevents suspending`;

testRule(suspendIncompatible, {
  valid: [
    `[http_service]\nauto_stop_machines = "suspend"`,
    `[http_service]\nauto_stop_machines = "suspend"\n[[vm]]\nsize = "shared-cpu-2x"\nmemory = "2gb"`,
    `[http_service]\nauto_stop_machines = "suspend"\n[[vm]]\nmemory_mb = 2048`,
    `[http_service]\nauto_stop_machines = "stop"\nswap_size_mb = 512\n[[vm]]\nmemory = "8gb"`,
    // The large [[vm]] belongs to another group than the service's.
    // A GPU is gpu-unavailable's error (Fly.io no longer creates GPU Machines), not a reason given here.
    `[http_service]\r\nauto_stop_machines = "suspend"\r\n[[vm]]\r\ngpu_kind = "a10"\r\nmemory_mb = 1024\r\n`,
    `[processes]\napp = "web"\nworker = "work"\n[http_service]\nprocesses = ["app"]\nauto_stop_machines = "suspend"\n[[vm]]\nprocesses = ["worker"]\nmemory = "8gb"`,
  ],
  invalid: [
    {
      code: `[http_service]\n  auto_stop_machines = ⟦"suspend"⟧ # idle\n\n[[vm]]\n  memory = "4gb"\n`,
      messages: [`http_service.auto_stop_machines = "suspend" will not suspend: group "app" has 4096 MB of memory (vm[0].memory, line 5), more than 2 GB${tail}`],
      output: `[http_service]\n  auto_stop_machines = "stop" # idle\n\n[[vm]]\n  memory = "4gb"\n`,
    },
    {
      code: `swap_size_mb = 512\n[[services]]\nauto_stop_machines = ⟦'suspend'⟧\n[[vm]]\nsize = "performance-2x"\n`,
      messages: [`services[0].auto_stop_machines = "suspend" will not suspend: group "app" has 4096 MB of memory (vm[0].size, line 5), more than 2 GB; swap is configured (swap_size_mb, line 1)${tail}`],
      output: `swap_size_mb = 512\n[[services]]\nauto_stop_machines = "stop"\n[[vm]]\nsize = "performance-2x"\n`,
    },
    {
      code: `[processes]\nweb = "serve"\n[http_service]\nprocesses = ["web"]\nauto_stop_machines = ⟦"suspend"⟧\n[[vm]]\nsize = "l40s"\nprocesses = ["web"]\n`,
      messages: [`http_service.auto_stop_machines = "suspend" will not suspend: group "web" has 32768 MB of memory (vm[0].size, line 7), more than 2 GB${tail}`],
      output: `[processes]\nweb = "serve"\n[http_service]\nprocesses = ["web"]\nauto_stop_machines = "stop"\n[[vm]]\nsize = "l40s"\nprocesses = ["web"]\n`,
    },
    {
      code: `\uFEFFswap_size_mb = 256\r\n[http_service]\r\n  auto_stop_machines = ⟦"suspend"⟧ # idle\r\n`,
      messages: [`http_service.auto_stop_machines = "suspend" will not suspend: swap is configured (swap_size_mb, line 1)${tail}`],
      output: `\uFEFFswap_size_mb = 256\r\n[http_service]\r\n  auto_stop_machines = "stop" # idle\r\n`,
    },
    {
      // memory_mb wins over memory (machines.go:446-485), and [compute] counts as [[vm]].
      code: `[http_service]\nauto_stop_machines = ⟦"suspend"⟧\n[compute]\nmemory = "1gb"\nmemory_mb = 3072\n`,
      messages: [`http_service.auto_stop_machines = "suspend" will not suspend: group "app" has 3072 MB of memory (compute.memory_mb, line 5), more than 2 GB${tail}`],
      output: `[http_service]\nauto_stop_machines = "stop"\n[compute]\nmemory = "1gb"\nmemory_mb = 3072\n`,
    },
  ],
});
