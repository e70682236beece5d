import { autoStopMachinesBoolean } from "../../src/rules/auto-stop-machines-boolean.js";
import { testRule } from "../helpers/rule-tester.js";

const message = (path: string, value: boolean) =>
  `${path} = ${String(value)} is the old boolean form; write "${value ? "stop" : "off"}", which flyctl reads it as (the strings also allow "suspend")`;

testRule(autoStopMachinesBoolean, {
  valid: [
    `[http_service]\nauto_stop_machines = "stop"`,
    `[[services]]\nauto_stop_machines = "off"\n[[services]]\nauto_stop_machines = "suspend"`,
    `[http_service]\ninternal_port = 8080`,
    `[experimental]\nauto_stop_machines = true # not a service key here`,
  ],
  invalid: [
    {
      code: `[http_service]\n  internal_port = 8080\n  auto_stop_machines = ⟦true⟧ # keep me\n`,
      messages: [message("http_service.auto_stop_machines", true)],
      output: `[http_service]\n  internal_port = 8080\n  auto_stop_machines = "stop" # keep me\n`,
    },
    {
      code: `[[services]]\nauto_stop_machines = ⟦false⟧\n[[services]]\nauto_stop_machines = ⟦true⟧\n`,
      messages: [message("services[0].auto_stop_machines", false), message("services[1].auto_stop_machines", true)],
      output: `[[services]]\nauto_stop_machines = "off"\n[[services]]\nauto_stop_machines = "stop"\n`,
    },
    {
      code: `app = 'web'\nprimary_region = 'ams'\n\n[http_service]\n  auto_stop_machines = ⟦false⟧\n`,
      messages: [message("http_service.auto_stop_machines", false)],
      output: `app = 'web'\nprimary_region = 'ams'\n\n[http_service]\n  auto_stop_machines = 'off'\n`,
    },
    {
      code: `\uFEFF# app\r\n[services]\r\n  auto_stop_machines = ⟦true⟧\r\n  internal_port = 8080\r\n`,
      messages: [message("services.auto_stop_machines", true)],
      output: `\uFEFF# app\r\n[services]\r\n  auto_stop_machines = "stop"\r\n  internal_port = 8080\r\n`,
    },
    {
      code: `[http_service]\nconcurrency = { type = "requests" }\nauto_stop_machines = ⟦true⟧`,
      messages: [message("http_service.auto_stop_machines", true)],
      output: `[http_service]\nconcurrency = { type = "requests" }\nauto_stop_machines = "stop"`,
    },
  ],
});
