import type { Rule } from "./types.js";

/** force_https redirects HTTP requests; on a port without the "http" handler there are none, and it does nothing. */
export const forceHttpsHandler: Rule = {
  meta: {
    id: "force-https-handler",
    description: 'force_https needs the "http" handler on its port.',
    severity: "warning",
    stage: "deploy",
  },
  check(context) {
    const model = context.model;
    for (const service of model.services) {
      if (service.source === "http_service") continue;
      for (const port of model.tablesAt(service.table["ports"], service.location.child("ports"))) {
        const handlers = Array.isArray(port.table["handlers"]) ? port.table["handlers"] : [];
        const location = port.location.child("force_https");
        if (port.table["force_https"] !== true || handlers.includes("http") || !location) continue;
        context.report({ range: location.node.range, message: `${port.location.path} sets force_https, but without the "http" handler the proxy sees no HTTP to redirect; add "http" to handlers or remove force_https` });
      }
    }
  },
};
