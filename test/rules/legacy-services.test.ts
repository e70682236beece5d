import { legacyServices } from "../../src/rules/legacy-services.js";
import { testRule } from "../helpers/rule-tester.js";

const ports = `  [[services.ports]]\n    port = 80\n    handlers = ["http"]\n  [[services.ports]]\n    port = 443\n    handlers = ["tls", "http"]\n`;
const blocked = (label: string, reasons: string) => `${label} serves HTTP but cannot be written as [http_service]: ${reasons}`;
const fixable = (label: string) => `${label} says exactly what [http_service] says (ports 80 and 443 with the http and tls handlers); write it as [http_service]`;

testRule(legacyServices, {
  valid: [
    `[http_service]\ninternal_port = 8080`,
    // Raw TCP and UDP services are what [[services]] is for.
    `[[services]]\nprotocol = "tcp"\ninternal_port = 5432\n[[services.ports]]\nport = 5432`,
    `[[services]]\nprotocol = "udp"\ninternal_port = 53\n[[services.ports]]\nport = 53`,
  ],
  invalid: [
    {
      code: `[[⟦services⟧]]\n  protocol = "tcp"\n  internal_port = 8080\n${ports}`,
      messages: [fixable("services[0]")],
      output: `[http_service]\n  internal_port = 8080\n`,
    },
    {
      code: `[[⟦services⟧]]\nprotocol = "tcp"\ninternal_port = 8080\nmin_machines_running = 1 # keep one\n[[services.ports]]\nport = "80"\nhandlers = ["http"]\nforce_https = true\n[[services.ports]]\nport = 443\nhandlers = ["http", "tls"]\n[[services.tcp_checks]]\ninterval = "15s"\n`,
      messages: [blocked("services[0]", "it has TCP checks ([http_service] takes only HTTP checks)")],
      output: null,
    },
    {
      code: `[[⟦services⟧]]\n  protocol = "udp"\n  internal_port = 8080\n${ports}  [[services.ports]]\n    port = 8443\n    handlers = ["tls", "http"]\n`,
      messages: [blocked("services[0]", `its protocol is "udp"; it has port 8443 besides 80 and 443`)],
      output: null,
    },
    {
      code: `[http_service]\ninternal_port = 3000\n[[⟦services⟧]]\n  protocol = "tcp"\n  internal_port = 8080\n${ports}`,
      messages: [blocked("services[0]", "the file already has an [http_service]")],
      output: null,
    },
    {
      code: `[[⟦services⟧]]\n  protocol = "tcp"\n  internal_port = 8080\n  [[services.ports]]\n    port = 80\n    handlers = ["http"]\n    [services.ports.proxy_proto_options]\n      version = "v2"\n`,
      messages: [blocked("services[0]", `it uses proxy_proto_options; it has no port 443 with handlers ["tls", "http"]`)],
      output: null,
    },
    {
      // Only one [http_service] per file: the second HTTP service stays.
      code: `[[⟦services⟧]]\n  protocol = "tcp"\n  internal_port = 8080\n${ports}[[⟦services⟧]]\n  protocol = "tcp"\n  internal_port = 9090\n${ports}`,
      messages: [fixable("services[0]"), blocked("services[1]", "the file already has an [http_service]")],
      output: `[http_service]\n  internal_port = 8080\n[[services]]\n  protocol = "tcp"\n  internal_port = 9090\n${ports}`,
    },
    {
      code: `[[⟦services⟧]]\n  protocol = "tcp"\n  internal_port = 8080\n${ports}[env]\n  A = "1"\n[services.concurrency]\n  type = "requests"\n`,
      messages: [blocked("services[0]", "its sub-tables are not all next to it in the file")],
      output: null,
    },
    {
      // A sub-table after other sections belongs to the last [[services]] so far: the first is kept whole.
      code: `[[⟦services⟧]]\n  protocol = "tcp"\n  internal_port = 8080\n${ports}[env]\n  A = "1"\n[[⟦services⟧]]\n  protocol = "tcp"\n  internal_port = 9090\n${ports}[metrics]\n  port = 9091\n[services.concurrency]\n  type = "requests"\n`,
      messages: [fixable("services[0]"), blocked("services[1]", "its sub-tables are not all next to it in the file; the file already has an [http_service]")],
      output: `[http_service]\n  internal_port = 8080\n[env]\n  A = "1"\n[[services]]\n  protocol = "tcp"\n  internal_port = 9090\n${ports}[metrics]\n  port = 9091\n[services.concurrency]\n  type = "requests"\n`,
    },
    {
      // One [services] table: a sub-table of it anywhere after other sections is left behind by a rewrite.
      code: `[⟦services⟧]\n  protocol = "tcp"\n  internal_port = 8080\n${ports}[env]\n  A = "1"\n[[services.http_checks]]\n  path = "/"\n`,
      messages: [blocked("services", "its sub-tables are not all next to it in the file")],
      output: null,
    },
    {
      code: `services = [⟦{ protocol = "tcp", internal_port = 8080, ports = [{ port = 80, handlers = ["http"] }, { port = 443, handlers = ["tls", "http"] }] }⟧]\n`,
      messages: [blocked("services[0]", "it is written as an inline table")],
      output: null,
    },
    {
      code: `\uFEFF# api\r\n[[⟦services⟧]] # the web service\r\n  protocol = "tcp"\r\n  internal_port = 8080\r\n${ports.replace(/\n/g, "\r\n")}\r\n[env]\r\n  A = "1"\r\n`,
      messages: [fixable("services[0]")],
      output: `\uFEFF# api\r\n[http_service] # the web service\r\n  internal_port = 8080\r\n\r\n[env]\r\n  A = "1"\r\n`,
    },
    {
      code: `[[⟦services⟧]]\n  protocol = "tcp"\n  internal_port = 8080\n  auto_stop_machines = "stop"\n  auto_start_machines = true\n  processes = ["app"]\n${ports}  [[services.http_checks]]\n    interval = 1500\n    timeout = 60000\n    grace_period = ""\n    method = "get"\n    path = "/up"\n    [services.http_checks.headers]\n      X-Count = 1\n`,
      messages: [fixable("services[0]")],
      output: `[http_service]\n  internal_port = 8080\n  auto_stop_machines = "stop"\n  auto_start_machines = true\n  processes = ["app"]\n\n  [[http_service.checks]]\n    interval = "1.5s"\n    timeout = "1m0s"\n    method = "get"\n    path = "/up"\n    headers = { X-Count = "1" }\n`,
    },
  ],
});
