// Mutations of real configs for the fuzz script: each changes one thing the way a person, an editor or a
// broken generator would, and favours the values that once broke a fix (nan, inf, huge numbers, empty
// arrays and inline tables, unit-less strings, case-variant keys, CRLF, a BOM).

/** mulberry32: a small seeded generator, so a failing input can be made again from its seed. */
export function randomSource(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n) => Math.floor(next() * n), pick: (items) => items[Math.floor(next() * items.length)] };
}

const values = [
  "nan", "inf", "-inf", "+inf", "1e300", "-1e300", "9223372036854775807", "-9223372036854775808", "0", "-1", "1.5", "3", "10000",
  "[]", "{}", "[[]]", "[{}]", '""', '"3"', '"5"', '"10s"', '"1gb"', '"20,25"', '"8080"', '"stop"', '"suspend"', "true", "false",
  '"0.0.0.0"', '"127.0.0.1"', '["a", 1]', "{ a = 1 }", '"x"', "1979-05-27T07:32:00Z", '"ééé"',
];

const snippets = [
  "[experimental]\nkill_timeout = \"3\"", "[experimental]\nkill_timeout = 5", "[experimental]\nauto_rollback = true\nkill_timeout = 2",
  "[[services]]\nhttp_checks = []", "[[services]]\ninternal_port = 8080\nprotocol = \"tcp\"\n[[services.ports]]\nport = 80\nhandlers = [\"http\"]",
  "[checks]\napp.grace_period = []", "[checks.web]\ntype = \"tcp\"\nport = 8080\ninterval = 10000", "[[processes]]\nname = \"vpn\"\ncommand = {}",
  "[[processes]]\nname = \"web\"\ncommand = \"npm start\"", "[env]\nPORT = 8080\nHOST = \"127.0.0.1\"", "[http_service]\ninternal_port = \"8080\"\nauto_stop_machines = true",
  "[[vm]]\nmemory = \"4gb\"\ncpus = 2", "[[mounts]]\nsource = \"data\"\ndestination = \"/data\"", "[mount]\nsource = \"d\"\ndestination = \"/d\"",
  "kill_timeout = 5", "kill_timeout = \"\"", "[[statics]]\nguest_path = \"/app/public\"\nurl_prefix = \"/\"", "[deploy]\nstrategy = \"canary\"",
  "[services.concurrency]\nhard_limit = 25", "[[http_service.checks]]\ninterval = 10000\ntimeout = \"\"",
];

function lines(text) {
  return text.split(/(?<=\n)/);
}

/** Offsets of `key = value` values on their lines: where a value can be swapped. */
function valueSpans(text) {
  const spans = [];
  const pattern = /^([ \t]*[A-Za-z0-9_."'-]+[ \t]*=[ \t]*)([^\r\n#]*?)[ \t]*(#.*)?$/gm;
  for (const match of text.matchAll(pattern)) {
    const start = (match.index ?? 0) + (match[1]?.length ?? 0);
    spans.push({ start, end: start + (match[2]?.length ?? 0) });
  }
  return spans;
}

const mutations = {
  replaceValue(text, random) {
    const spans = valueSpans(text);
    if (spans.length === 0) return text;
    const span = random.pick(spans);
    return text.slice(0, span.start) + random.pick(values) + text.slice(span.end);
  },
  deleteLine(text, random) {
    const all = lines(text);
    all.splice(random.int(all.length), 1);
    return all.join("");
  },
  duplicateLine(text, random) {
    const all = lines(text);
    const at = random.int(all.length);
    all.splice(at, 0, all[at] ?? "");
    return all.join("");
  },
  swapKeyCase(text, random) {
    const keys = [...text.matchAll(/^[ \t]*([a-z_]+)[ \t]*=/gm)];
    if (keys.length === 0) return text;
    const match = random.pick(keys);
    const start = (match.index ?? 0) + match[0].indexOf(match[1]);
    const key = match[1];
    const changed = random.next() < 0.5 ? key.toUpperCase() : key[0].toUpperCase() + key.slice(1);
    return text.slice(0, start) + changed + text.slice(start + key.length);
  },
  insertSnippet(text, random) {
    const all = lines(text);
    const at = random.int(all.length + 1);
    const snippet = `${random.pick(snippets)}\n`;
    // A snippet opens a table, so it goes at the end or before a header to keep keys where they were.
    const header = all.findIndex((line, index) => index >= at && /^\s*\[/.test(line));
    all.splice(header < 0 ? all.length : header, 0, snippet);
    return all.join("");
  },
  toCrlf(text) {
    return text.replace(/\r?\n/g, "\r\n");
  },
  addBom(text) {
    return text.startsWith("\uFEFF") ? text : `\uFEFF${text}`;
  },
  truncate(text, random) {
    return text.slice(0, random.int(text.length + 1));
  },
  insertCharacter(text, random) {
    const at = random.int(text.length + 1);
    return text.slice(0, at) + random.pick(["[", "]", "{", "}", "=", '"', "'", "#", "\n", ",", ".", "\\", "\u0000", "é", " "]) + text.slice(at);
  },
  spliceFrom(text, random, others) {
    const other = random.pick(others);
    const all = lines(other);
    const start = random.int(all.length);
    return text + (text.endsWith("\n") ? "" : "\n") + all.slice(start, start + 1 + random.int(8)).join("");
  },
};

const weighted = [
  ...Array(6).fill("replaceValue"), ...Array(4).fill("insertSnippet"), "deleteLine", "duplicateLine", "swapKeyCase", "swapKeyCase",
  "toCrlf", "addBom", "truncate", "insertCharacter", "spliceFrom", "spliceFrom",
];

/** One to three mutations of a seed text; returns the text and the names of what was done. */
export function mutate(seed, random, others) {
  let text = seed;
  const applied = [];
  const count = 1 + random.int(3);
  for (let i = 0; i < count; i++) {
    const name = random.pick(weighted);
    text = mutations[name](text, random, others);
    applied.push(name);
  }
  return { text, applied };
}
