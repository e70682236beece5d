import type { TomlTable } from "../document/ast.js";
import type { LocatedEntry, LocatedNode, LocatedTable, Range } from "../document/located.js";
import { scalarValue } from "../document/located.js";
import type { FlyDocument } from "../document/parse.js";
import { replaceRange } from "../fixers/edits.js";
import { SectionWriter } from "../fixers/render.js";
import { formatKey, formatString, indentationAt, lineAt, lineBreakOf } from "../fixers/text.js";
import { goDurationFromMilliseconds } from "../model/go-duration.js";
import type { Fix, Rule } from "./types.js";

/**
 * A [[services]] block that says exactly what [http_service] says. flyctl expands [http_service] into one
 * "tcp" service with port 80 (handlers ["http"], force_https, http_options) and port 443 (handlers
 * ["http", "tls"], http_options, tls_options) (service.go:71-94), so such a block can be written in the
 * short form without changing what is deployed.
 */

type Entries = Map<string, LocatedEntry>;

const serviceKeys = new Set(["protocol", "internal_port", "auto_stop_machines", "auto_start_machines", "min_machines_running", "processes", "concurrency", "ports", "tcp_checks", "http_checks", "machine_checks"]);
const copiedServiceKeys = ["auto_stop_machines", "auto_start_machines", "min_machines_running", "processes"];
const checkTimings = new Set(["interval", "timeout", "grace_period"]);
const httpCheckKeys = new Set([...checkTimings, "method", "path", "protocol", "tls_skip_verify", "tls_server_name", "headers"]);

function scalar(entries: Entries, key: string): string | number | boolean | undefined {
  return scalarValue(entries.get(key)?.node);
}

function plain(node: LocatedNode | undefined): unknown {
  if (!node) return undefined;
  if (node.kind === "scalar") return node.value;
  if (node.kind === "array") return node.items.map(plain);
  return Object.fromEntries([...node.entries].map(([k, e]) => [k, plain(e.node)]));
}

/** The tables of a table-or-array-of-tables value. */
function tablesOf(node: LocatedNode | undefined): LocatedTable[] {
  if (!node) return [];
  if (node.kind === "table") return [node];
  return node.kind === "array" ? node.items.filter((item): item is LocatedTable => item.kind === "table") : [];
}

function handlersOf(port: LocatedTable): string[] | undefined {
  const value = plain(port.entries.get("handlers")?.node);
  return Array.isArray(value) && value.every((h) => typeof h === "string") ? (value as string[]) : undefined;
}

function portNumber(port: LocatedTable): number | undefined {
  const value = scalar(port.entries, "port");
  if (typeof value === "number") return Math.trunc(value);
  return typeof value === "string" && /^\d+$/.test(value) ? Number(value) : undefined;
}

interface Plan {
  service: LocatedTable;
  port80: LocatedTable;
  port443: LocatedTable;
}

/** What stops a service from being written as [http_service], or the two ports it maps to. */
function planRewrite(service: LocatedTable): { blockers: string[]; plan?: Plan } {
  const blockers: string[] = [];
  const entries = service.entries;
  const protocol = scalar(entries, "protocol");
  if (protocol !== "tcp") blockers.push(protocol === undefined ? "it has no protocol (an [http_service] is \"tcp\")" : `its protocol is ${JSON.stringify(protocol)}`);
  for (const key of entries.keys()) {
    if (!serviceKeys.has(key) && !(key === "script_checks" && JSON.stringify(plain(entries.get(key)?.node)) === "[]")) blockers.push(`it has a key [http_service] does not take ("${key}")`);
  }
  if (tablesOf(entries.get("tcp_checks")?.node).length > 0) blockers.push("it has TCP checks ([http_service] takes only HTTP checks)");
  for (const check of tablesOf(entries.get("http_checks")?.node)) {
    for (const key of check.entries.keys()) if (!httpCheckKeys.has(key)) blockers.push(`an HTTP check has a key [http_service] checks do not take ("${key}")`);
  }
  const concurrency = entries.get("concurrency")?.node;
  if (concurrency && concurrency.kind !== "table" && !(concurrency.kind === "scalar" && typeof concurrency.value === "string" && /^\d+,\d+$/.test(concurrency.value))) {
    blockers.push("its concurrency is not a table or a \"soft,hard\" string");
  }
  const internalPort = scalar(entries, "internal_port");
  if (internalPort !== undefined && typeof internalPort !== "number" && !(typeof internalPort === "string" && /^\d+$/.test(internalPort))) {
    blockers.push("its internal_port is not a number");
  }

  const ports = tablesOf(entries.get("ports")?.node);
  const port80 = ports.find((p) => portNumber(p) === 80);
  const port443 = ports.find((p) => portNumber(p) === 443);
  for (const port of ports) {
    const number = portNumber(port);
    if (port !== port80 && port !== port443) blockers.push(number === undefined ? "it has a port without a number" : `it has port ${number} besides 80 and 443`);
    for (const key of ["start_port", "end_port"]) if (port.entries.has(key)) blockers.push(`it has a port range (${key})`);
    if (port.entries.has("proxy_proto_options")) blockers.push("it uses proxy_proto_options");
    for (const key of port.entries.keys()) {
      if (!["port", "handlers", "force_https", "tls_options", "http_options", "start_port", "end_port", "proxy_proto_options"].includes(key)) blockers.push(`a port has a key [http_service] does not take ("${key}")`);
    }
  }
  if (!port80) blockers.push('it has no port 80 with handlers ["http"]');
  else {
    if (JSON.stringify(handlersOf(port80)) !== JSON.stringify(["http"])) blockers.push('its port 80 handlers are not ["http"]');
    if (port80.entries.has("tls_options")) blockers.push("its port 80 has tls_options");
  }
  if (!port443) blockers.push('it has no port 443 with handlers ["tls", "http"]');
  else {
    const handlers = handlersOf(port443);
    if (!handlers || handlers.length !== 2 || !handlers.includes("tls") || !handlers.includes("http")) blockers.push('its port 443 handlers are not ["tls", "http"]');
    if (scalar(port443.entries, "force_https") === true) blockers.push("its port 443 sets force_https");
  }
  if (port80 && port443 && JSON.stringify(plain(port80.entries.get("http_options")?.node)) !== JSON.stringify(plain(port443.entries.get("http_options")?.node))) {
    blockers.push("its ports 80 and 443 have different http_options ([http_service] applies one to both)");
  }
  return blockers.length === 0 && port80 && port443 ? { blockers, plan: { service, port80, port443 } } : { blockers };
}

/** Whether a table's key path lies strictly below another's. */
function isBelow(table: TomlTable, header: TomlTable): boolean {
  const key = table.resolvedKey;
  const prefix = header.resolvedKey;
  return key.length > prefix.length && prefix.every((segment, i) => key[i] === segment);
}

/**
 * Whether `table` is the next item of the array of tables `header` is an item of (`[[services]]` again).
 * TOML has no way to reach an earlier item: a header after it adds to that next item, so an item's own
 * tables all come before it.
 */
function isNextItem(table: TomlTable, header: TomlTable): boolean {
  if (header.kind !== "array" || table.kind !== "array") return false;
  const key = table.resolvedKey;
  const own = header.resolvedKey;
  if (key.length !== own.length) return false;
  for (let i = 0; i < own.length - 1; i++) if (key[i] !== own[i]) return false;
  return key[own.length - 1] !== own[own.length - 1];
}

/**
 * The top-level tables in file order, and a cursor through them: services come in file order, so each
 * one's header is found by walking on from the last one's, and a lint walks the tables about once.
 */
interface TableCursor {
  tables: TomlTable[];
  next: number;
}

function tableCursor(document: FlyDocument): TableCursor {
  return { tables: document.ast.body[0].body.filter((item): item is TomlTable => item.type === "TOMLTable"), next: 0 };
}

/**
 * The top-level AST tables that make up one [[services]] entry: its header and its sub-tables, in file
 * order; undefined when a sub-table of it comes after other sections (it would be left behind).
 */
function blockTables(cursor: TableCursor, service: LocatedTable): TomlTable[] | undefined {
  const { tables } = cursor;
  const start = service.header?.start;
  if (start === undefined) return undefined;
  while (cursor.next < tables.length && (tables[cursor.next] as TomlTable).range.start < start) cursor.next++;
  const headerIndex = cursor.next;
  const header = tables[headerIndex];
  if (!header || header.range.start !== start) return undefined;
  let last = headerIndex;
  while (tables[last + 1] && isBelow(tables[last + 1] as TomlTable, header)) last++;
  // Until the entry's array goes on to its next item (or the file ends), a sub-table may still follow.
  for (let i = last + 1; i < tables.length; i++) {
    const table = tables[i] as TomlTable;
    if (isNextItem(table, header)) break;
    if (isBelow(table, header)) return undefined;
  }
  return tables.slice(headerIndex, last + 1);
}

function stringifyHeaderValue(value: unknown): string {
  return typeof value === "string" ? value : String(value);
}

/** One [[services.http_checks]] entry as [[http_service.checks]]: millisecond numbers become durations, headers a table of strings. */
function writeCheck(writer: SectionWriter, check: LocatedTable): void {
  writer.writeHeader(1, "[[http_service.checks]]", check.form === "inline" ? undefined : check);
  const entries = [...check.entries.values()];
  for (const entry of entries) {
    const node = entry.node;
    if (checkTimings.has(entry.key)) {
      // flyctl reads numbers here as milliseconds and drops "" and other types (patches.go:467-576).
      if (node.kind === "scalar" && typeof node.value === "number") writer.writeEntry(2, entry.key, entry, formatString(writer.document, goDurationFromMilliseconds(node.value)));
      else if (node.kind === "scalar" && typeof node.value === "string" && node.value !== "") writer.writeEntry(2, entry.key, entry);
      continue;
    }
    if (entry.key !== "headers") {
      writer.writeEntry(2, entry.key, entry);
      continue;
    }
    const pairs: [string, string][] = [];
    const value = plain(node);
    if (Array.isArray(value)) {
      for (const item of value) if (item && typeof item === "object" && "name" in item) pairs.push([String((item as Record<string, unknown>)["name"]), stringifyHeaderValue((item as Record<string, unknown>)["value"] ?? "")]);
    } else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) pairs.push([k, stringifyHeaderValue(v)]);
    }
    if (pairs.length === 0) continue;
    const inline = pairs.map(([k, v]) => `${formatKey(k)} = ${formatString(writer.document, v)}`).join(", ");
    writer.writeEntry(2, "headers", entry, `{ ${inline} }`);
  }
}

function buildFix(document: FlyDocument, plan: Plan, tables: TomlTable[]): Fix {
  const text = document.text;
  const { service, port80, port443 } = plan;
  const first = tables[0] as TomlTable;
  const last = tables[tables.length - 1] as TomlTable;
  const start = lineAt(text, first.range.start).start;
  const endLine = lineAt(text, Math.max(first.range.start, last.range.end - 1));
  const range: Range = { start, end: endLine.end };

  const firstValue = [...service.entries.values()].find((e) => e.lineRange);
  const headerIndent = indentationAt(text, first.range.start);
  const unit = firstValue ? indentationAt(text, firstValue.keyRange.start).slice(headerIndent.length) || "" : "  ";
  const writer = new SectionWriter(document, unit, start);
  writer.writeHeader(0, "[http_service]", service);
  const commentSlot = writer.lines.length;

  const entries = service.entries;
  const internalPort = entries.get("internal_port");
  if (internalPort) {
    const value = scalarValue(internalPort.node);
    writer.writeEntry(1, "internal_port", internalPort, typeof value === "number" && Number.isInteger(value) ? undefined : String(Math.trunc(Number(value))));
  }
  const forceHttps = port80.entries.get("force_https");
  if (forceHttps) writer.writeEntry(1, "force_https", forceHttps);
  for (const key of copiedServiceKeys) {
    const entry = entries.get(key);
    if (entry) writer.writeEntry(1, key, entry);
  }

  const concurrency = entries.get("concurrency");
  const tlsOptions = port443.entries.get("tls_options");
  const httpOptions = port80.entries.get("http_options") ?? port443.entries.get("http_options");
  const sections: [string, LocatedEntry | undefined][] = [["concurrency", concurrency], ["tls_options", tlsOptions], ["http_options", httpOptions]];
  const isInline = (entry: LocatedEntry) => entry.node.kind !== "table" || entry.node.form === "inline";
  for (const [key, entry] of sections) {
    if (!entry || !isInline(entry)) continue;
    if (key === "concurrency" && entry.node.kind === "scalar") {
      // The legacy "soft,hard" string: flyctl reads it as requests with these limits (patches.go:390-417).
      const [soft, hard] = String(entry.node.value).split(",");
      writer.writeEntry(1, key, entry, `{ type = ${formatString(document, "requests")}, soft_limit = ${soft}, hard_limit = ${hard} }`);
    } else writer.writeEntry(1, key, entry);
  }
  for (const [key, entry] of sections) if (entry && !isInline(entry)) writer.writeTable(1, `http_service.${key}`, key, entry);
  for (const check of tablesOf(entries.get("http_checks")?.node)) writeCheck(writer, check);
  for (const check of tablesOf(entries.get("machine_checks")?.node)) {
    writer.writeHeader(1, "[[http_service.machine_checks]]", check.form === "inline" ? undefined : check);
    writer.writeEntries(2, "http_service.machine_checks", check);
  }

  // Comments of parts that have no place in [http_service] (the port tables) go right under its header.
  const orphans = writer.uncarriedComments(range.start, range.end).map((comment) => `${unit}${comment}`);
  writer.lines.splice(commentSlot, 0, ...orphans);
  const eol = lineBreakOf(text);
  const endsWithBreak = text.slice(range.start, range.end).endsWith("\n");
  return { title: "Rewrite this [[services]] block as [http_service]", edits: [replaceRange(range, writer.lines.join(eol) + (endsWithBreak ? eol : ""))] };
}

export const legacyServices: Rule = {
  meta: {
    id: "legacy-services",
    description: "A [[services]] block that is exactly an HTTP service should be written as [http_service].",
    severity: "info",
    stage: "advice",
    fix: "unsafe",
  },
  check(context) {
    const document = context.document;
    const root = document.root;
    const entry = root.entries.get("services");
    if (!entry) return;
    const services = entry.node.kind === "array" ? entry.node.items : [entry.node];
    let httpServiceTaken = [...root.entries.keys()].some((key) => key.toLowerCase() === "http_service");
    let cursor: TableCursor | undefined;
    services.forEach((service, index) => {
      if (service.kind !== "table") return;
      const ports = tablesOf(service.entries.get("ports")?.node);
      // Only services that speak HTTP are candidates; raw TCP and UDP services are what [[services]] is for.
      if (!ports.some((port) => handlersOf(port)?.includes("http"))) return;
      const label = entry.node.kind === "array" ? `services[${index}]` : "services";
      const { blockers, plan } = planRewrite(service);
      if (service.form === "inline") blockers.push("it is written as an inline table");
      const tables = service.form === "inline" ? undefined : blockTables((cursor ??= tableCursor(document)), service);
      if (service.form !== "inline" && !tables) blockers.push("its sub-tables are not all next to it in the file");
      if (httpServiceTaken) blockers.push("the file already has an [http_service]");
      if (blockers.length > 0 || !plan || !tables) {
        context.report({ range: service.anchor, message: `${label} serves HTTP but cannot be written as [http_service]: ${[...new Set(blockers)].join("; ")}` });
        return;
      }
      httpServiceTaken = true;
      context.report({
        range: service.anchor,
        message: `${label} says exactly what [http_service] says (ports 80 and 443 with the http and tls handlers); write it as [http_service]`,
        fix: buildFix(document, plan, tables),
      });
    });
  },
};
