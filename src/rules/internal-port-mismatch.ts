import { finalStage, parseDockerfile } from "../model/dockerfile.js";
import type { Rule } from "./types.js";

/**
 * internal_port must be the port the app listens on. When [env] PORT (which many servers read) or the
 * Dockerfile's single EXPOSE says another port, the Fly proxy connects to a port nobody listens on and
 * flyctl only warns after the deploy (machines_deploymachinesapp.go:1263-1478).
 */
export const internalPortMismatch: Rule = {
  meta: {
    id: "internal-port-mismatch",
    description: "internal_port should match [env] PORT and the Dockerfile's EXPOSE.",
    severity: "warning",
    stage: "deploy",
  },
  check(context) {
    const model = context.model;
    const env = model.root["env"];
    const envPort = env && typeof env === "object" && !Array.isArray(env) ? env["PORT"] : undefined;
    const port = typeof envPort === "number" ? envPort : typeof envPort === "string" && /^\d+$/.test(envPort) ? Number(envPort) : undefined;
    const build = model.section("build");
    const dockerfilePath = typeof build?.table["dockerfile"] === "string" && !/^https?:/i.test(build.table["dockerfile"]) ? build.table["dockerfile"] : "Dockerfile";
    const dockerfile = context.readSiblingFile(dockerfilePath);
    const exposes = dockerfile === undefined ? [] : finalStage(parseDockerfile(dockerfile)).filter((i) => i.keyword === "EXPOSE");
    const exposed = exposes.length === 1 ? exposes[0] : undefined;
    const exposedPorts = exposed ? [...exposed.command.matchAll(/(\d+)(\/tcp)?(?=\s|$)/g)].map((m) => Number(m[1])) : [];
    for (const service of model.services) {
      if (service.internalPort === undefined || service.protocol !== "tcp") continue;
      const location = service.location.child("internal_port");
      if (!location) continue;
      if (port !== undefined && port !== service.internalPort) {
        context.report({ range: location.node.range, message: `${location.path} is ${service.internalPort}, but [env] PORT is ${port}: an app that listens on $PORT is not where the Fly proxy connects. Make them the same` });
      } else if (exposed && exposedPorts.length === 1 && exposedPorts[0] !== service.internalPort && port === undefined) {
        context.report({ range: location.node.range, message: `${location.path} is ${service.internalPort}, but ${dockerfilePath}:${exposed.line} exposes ${exposedPorts[0]}: the Fly proxy connects to internal_port, so make it the port the app listens on` });
      }
    }
  },
};
