import type { LocatedScalar } from "../document/located.js";
import type { FlyDocument } from "../document/parse.js";
import { replaceRange } from "../fixers/edits.js";
import { AppModel } from "../model/app-model.js";
import { finalStage, parseDockerfile } from "../model/dockerfile.js";
import {
  findDefaultLoopbackServer,
  findLoopbackBinds,
  isLoopbackSetting,
  listenAddressVariables,
  publicReplacement,
} from "../model/listen-address.js";
import type { SchemaLocation } from "../schema/analyze.js";
import type { Fix, RuleContext, Rule } from "./types.js";

const why = "the Fly proxy reaches the app over the Machine's private address, so it must listen on 0.0.0.0 (or [::])";

/**
 * A fix that replaces loopback text inside a string with the public address, and only that text: the rest of
 * the command (which may hold a password) stays out of the edit. None for multi-line strings; the whole string
 * again when an escape before the loopback text makes the written string differ from the value.
 */
function replaceInString(document: FlyDocument, node: LocatedScalar, find: (value: string) => { index: number; text: string } | undefined): Fix | undefined {
  const source = document.text.slice(node.range.start, node.range.end);
  if (typeof node.value !== "string" || source.startsWith('"""') || source.startsWith("'''")) return undefined;
  const found = find(node.value);
  if (!found) return undefined;
  const replacement = publicReplacement(found.text);
  const title = `Listen on ${replacement} instead of ${found.text}`;
  const written = source.slice(1, -1);
  // Literal strings have no escapes; in a basic string the value equals what is written up to the first backslash.
  const aligned = !(source.startsWith('"') && written.slice(0, found.index + found.text.length).includes("\\"));
  if (aligned && written.slice(found.index, found.index + found.text.length) === found.text) {
    const start = node.range.start + 1 + found.index;
    return { title, edits: [replaceRange({ start, end: start + found.text.length }, replacement)] };
  }
  // An escape comes first: write the whole string again.
  const value = node.value.slice(0, found.index) + replacement + node.value.slice(found.index + found.text.length);
  return { title, edits: [replaceRange(node.range, JSON.stringify(value))] };
}

/** The string scalars of a string-or-array-of-strings value. */
function stringParts(location: SchemaLocation): LocatedScalar[] {
  const node = location.node;
  const items = node.kind === "array" ? node.items : [node];
  return items.flatMap((item) => (item.kind === "scalar" && typeof item.value === "string" ? [item] : []));
}

/** Checks a command given as a string or as an argument list (experimental cmd/entrypoint/exec). */
function checkCommandParts(context: RuleContext, location: SchemaLocation): void {
  const parts = stringParts(location);
  const whole = parts.map((part) => String(part.value)).join(" ");
  const [bind] = findLoopbackBinds(whole);
  if (bind) {
    const part = parts.find((p) => String(p.value).includes(bind.text));
    context.report({
      range: (part ?? location.node).range,
      message: `${location.path} makes the app listen on ${bind.text}, which only the Machine itself can reach: ${why}`,
      fix: part && replaceInString(context.document, part, (value) => {
        const index = value.indexOf(bind.text);
        return index < 0 ? undefined : { index, text: bind.text };
      }),
    });
    return;
  }
  const server = findDefaultLoopbackServer(whole);
  if (server) {
    context.report({ range: location.node.range, message: `${location.path} runs ${server.name} without an address, so it listens on 127.0.0.1: ${why}; ${server.advice}` });
  }
}

/** The Dockerfile flyctl builds: [build] dockerfile when it is a local path, else Dockerfile next to fly.toml. */
function dockerfilePath(model: AppModel): { path: string; location: SchemaLocation | undefined } | undefined {
  const build = model.root["build"];
  const configured = typeof build === "object" && build !== null && !Array.isArray(build) ? build["dockerfile"] : undefined;
  if (typeof configured === "string") {
    if (/^https?:\/\//i.test(configured)) return undefined;
    return { path: configured, location: model.location("/build/dockerfile") };
  }
  return { path: "Dockerfile", location: undefined };
}

function checkDockerfile(context: RuleContext, model: AppModel, anchor: SchemaLocation, usesImageCommand: boolean): void {
  const dockerfile = dockerfilePath(model);
  const text = dockerfile && context.readSiblingFile(dockerfile.path);
  if (!dockerfile || text === undefined) return;
  const stage = finalStage(parseDockerfile(text));
  const last = (keyword: string) => stage.filter((i) => i.keyword === keyword).pop();
  const runs = [last("ENTRYPOINT"), usesImageCommand ? last("CMD") : undefined].flatMap((i) => (i ? [i] : []));
  const range = (dockerfile.location ?? anchor).node.anchor;
  for (const instruction of runs) {
    const where = `${dockerfile.path}:${instruction.line}`;
    const [bind] = findLoopbackBinds(instruction.command);
    const server = bind ? undefined : findDefaultLoopbackServer(instruction.command);
    if (bind) context.report({ range, message: `${where}: ${instruction.keyword} makes the app listen on ${bind.text}: ${why}` });
    else if (server) context.report({ range, message: `${where}: ${instruction.keyword} runs ${server.name} without an address, so it listens on 127.0.0.1: ${why}; ${server.advice}` });
  }
  for (const instruction of stage.filter((i) => i.keyword === "ENV")) {
    for (const match of instruction.command.matchAll(/([A-Za-z_][A-Za-z0-9_]*)[= ]"?([^\s"]+)"?/g)) {
      if (listenAddressVariables.has(match[1] as string) && isLoopbackSetting(match[2] as string)) {
        context.report({ range, message: `${dockerfile.path}:${instruction.line}: ENV ${match[1]}=${match[2]} makes the app listen on loopback: ${why}` });
      }
    }
  }
}

/**
 * An app that listens on loopback deploys and is unreachable: flyctl only warns after the deploy
 * ("The app is not listening on the expected address", machines_deploymachinesapp.go:1263-1478).
 * Checked wherever fly.toml or the Dockerfile decides the listen address, for processes a service exposes.
 */
export const localhostBinding: Rule = {
  meta: {
    id: "localhost-binding",
    description: "Apps must listen on 0.0.0.0 or [::], not on loopback, for the Fly proxy to reach them.",
    severity: "error",
    stage: "deploy",
    fix: "unsafe",
  },
  check(context) {
    const model = context.model;
    const services = model.services;
    const first = services[0];
    if (!first) return;
    const exposed = new Set(services.flatMap((service) => service.groups));

    const env = model.location("/env");
    if (env?.node.kind === "table") {
      for (const [name, entry] of env.node.entries) {
        const node = entry.node;
        if (!listenAddressVariables.has(name) || node.kind !== "scalar" || typeof node.value !== "string" || !isLoopbackSetting(node.value)) continue;
        context.report({
          range: node.range,
          message: `env.${name} = "${node.value}" makes the app listen on loopback: ${why}`,
          fix: replaceInString(context.document, node, (value) => {
            const host = /localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1/i.exec(value);
            return host ? { index: host.index, text: host[0] } : undefined;
          }),
        });
      }
    }

    let usesImageCommand = false;
    for (const group of exposed) {
      const process = model.processCommand(group);
      if (!process || process.command.trim() === "") {
        usesImageCommand = true;
        continue;
      }
      checkCommandParts(context, process.location);
    }

    // experimental.cmd replaces the image's CMD for groups without a command; entrypoint and exec always apply.
    const experimentalCmd = model.location("/experimental/cmd");
    for (const key of ["cmd", "entrypoint", "exec"]) {
      const location = model.location(`/experimental/${key}`);
      if (location && (key !== "cmd" || usesImageCommand)) checkCommandParts(context, location);
    }
    if (experimentalCmd) usesImageCommand = false;

    checkDockerfile(context, model, first.location, usesImageCommand);
  },
};
