/**
 * Where a server command or setting makes the app listen on loopback only, which the Fly proxy cannot
 * reach: it connects over the Machine's private address, so the app must listen on 0.0.0.0 (or [::])
 * (fly.io/docs/networking/app-services; flyctl warnAboutIncorrectListenAddress). Facts per server from
 * ../shared/reference/gotchas.md §1.
 */

const loopbackHost = String.raw`(?:localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1)`;

/** A loopback host, alone or as host:port, with nothing word-like glued to either side. */
const loopbackToken = new RegExp(String.raw`(?<![\w.:\[-])${loopbackHost}(?::\d{1,5})?(?![\w.\]-])`, "gi");

/** Flags and variables that set the address a server binds (their value follows after a space or `=`). */
const bindFlag = String.raw`(?:--host|--hostname|--bind|--address|--listen|--ip|--http-address|--interface|-H|-b|-a|(?:HOST|HOSTNAME|BIND|BINDING|LISTEN_ADDR|SERVER_HOST)=)`;
const bindFlagBefore = new RegExp(String.raw`${bindFlag}[= ]?["']?$`);

export interface LoopbackBind {
  /** Offset of the loopback text inside the command. */
  index: number;
  text: string;
}

/** Loopback addresses a command binds to: after a bind flag or variable, or as a host:port argument. */
export function findLoopbackBinds(command: string): LoopbackBind[] {
  const binds: LoopbackBind[] = [];
  for (const match of command.matchAll(loopbackToken)) {
    const index = match.index ?? 0;
    const before = command.slice(Math.max(0, index - 24), index);
    const hasPort = /:\d{1,5}$/.test(match[0]) && !/^(?:\[::1\]|::1)$/.test(match[0]);
    if (bindFlagBefore.test(before) || hasPort) binds.push({ index, text: match[0] });
  }
  return binds;
}

/** The address to write instead: any IPv4 address for IPv4 loopback and names, any IPv6 address for ::1. */
export function publicReplacement(loopback: string): string {
  const port = /(:\d{1,5})$/.exec(loopback.replace(/^\[?::1\]?/, ""))?.[1] ?? "";
  if (loopback.startsWith("[::1]")) return `[::]${port}`;
  if (loopback === "::1") return "::";
  return `0.0.0.0${port}`;
}

interface DefaultLoopbackServer {
  /** How the command is recognised. */
  pattern: RegExp;
  /** Arguments that set the address; when none is present the server listens on loopback. */
  overrides: RegExp;
  name: string;
  advice: string;
}

/** Servers whose default address is loopback when the command does not give one. */
const defaultLoopbackServers: DefaultLoopbackServer[] = [
  { name: "uvicorn", pattern: /(^|[\s/])uvicorn(\s|$)/, overrides: /(^|\s)(--host|--uds|--fd)(\s|=)/, advice: "add --host 0.0.0.0" },
  { name: "hypercorn", pattern: /(^|[\s/])hypercorn(\s|$)/, overrides: /(^|\s)(-b|--bind)(\s|=)/, advice: "add --bind 0.0.0.0:<port>" },
  { name: "flask run", pattern: /(^|[\s/])flask\s+(.*\s)?run(\s|$)/, overrides: /(^|\s)(-h|--host)(\s|=)/, advice: "add --host 0.0.0.0" },
  { name: "manage.py runserver", pattern: /manage\.py\s+runserver(?!\S)/, overrides: /runserver\s+(\S+:\d+|\[[^\]]+\]:\d+|0\.0\.0\.0|\[?::\]?)/, advice: "run it as runserver 0.0.0.0:<port>" },
  { name: "vite", pattern: /(^|[\s/])vite(\s+(dev|serve|preview))?(\s|$)/, overrides: /(^|\s)--host(\s|=|$)/, advice: "add --host 0.0.0.0" },
  { name: "gatsby", pattern: /(^|[\s/])gatsby\s+(serve|develop)(\s|$)/, overrides: /(^|\s)(-H|--host)(\s|=)/, advice: "add -H 0.0.0.0" },
  { name: "fastify start", pattern: /(^|[\s/])fastify\s+start(\s|$)/, overrides: /(^|\s)(-a|--address)(\s|=)/, advice: "add --address 0.0.0.0" },
];

export interface DefaultBind {
  name: string;
  advice: string;
}

/** A server in the command that listens on loopback because no address is given. */
export function findDefaultLoopbackServer(command: string): DefaultBind | undefined {
  for (const server of defaultLoopbackServers) {
    if (server.pattern.test(command) && !server.overrides.test(command)) return { name: server.name, advice: server.advice };
  }
  return undefined;
}

/** [env] names servers and frameworks read their listen address from. */
export const listenAddressVariables: ReadonlySet<string> = new Set([
  "HOST", "HOSTNAME", "BIND", "BIND_ADDR", "BIND_ADDRESS", "BIND_HOST", "BINDING", "LISTEN", "LISTEN_ADDR", "LISTEN_ADDRESS",
  "LISTEN_HOST", "LISTEN_IP", "SERVER_HOST", "SERVER_ADDR", "SERVER_ADDRESS", "SERVER_BIND", "HTTP_ADDR", "HTTP_BIND",
  "HTTP_HOST", "APP_HOST", "WEB_HOST", "IP", "ADDR", "UVICORN_HOST", "NUXT_HOST", "NITRO_HOST",
]);

/** Whether a listen-address setting names loopback: `localhost`, `127.0.0.1:8080`, `[::1]`, `http://localhost`. */
export function isLoopbackSetting(value: string): boolean {
  return new RegExp(String.raw`^(?:https?://)?${loopbackHost}(?::\d{1,5})?/?$`, "i").test(value.trim());
}
