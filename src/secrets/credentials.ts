/**
 * What a credential looks like: the names that hold one, the shapes of well-known tokens, and the places
 * inside a command or URL where a password sits. The env-secret rule and the masking of every output
 * (src/secrets/redact.ts) read the same knowledge, so whatever flylint calls a secret it never prints.
 */

/** Substrings flyctl warns about in [env] names at deploy, and its exemptions (deploy.go:357-362, common_secrets.go). */
const flyctlNameParts = ["KEY", "PRIVATE", "DATABASE_URL", "PASSWORD", "SECRET"];
const exemptNames = new Set(["AWS_ACCESS_KEY_ID", "TIGRIS_ACCESS_KEY_ID"]);

/** Parts flyctl's list misses that name credentials as often (API_TOKEN, DB_PASSWD, GOOGLE_CREDENTIALS). */
const moreNameParts = ["TOKEN", "PASSWD", "CREDENTIAL"];

const allNameParts = [...flyctlNameParts, ...moreNameParts];

/** The parts as one search each (every key of every file is asked): flyctl's as written, flylint's in upper case. */
const flyctlNamePattern = new RegExp(flyctlNameParts.join("|"));
const allNamePattern = new RegExp(allNameParts.join("|"));

/**
 * A part in any case, or a character outside ASCII (toUpperCase turns some into parts' letters: "paßwd" is
 * PASSWD): a name with neither names no credential. Every key of every file is asked, and this one search
 * is all most of them need (no upper-case copy, no second search).
 */
const maybeSensitiveName = new RegExp(`${allNameParts.join("|")}|[^\\x00-\\x7f]`, "i");

/** Keys of fly.toml itself that name a secret without holding one ([[files]] secret_name, [build] secrets). */
const namingKeys = new Set(["secret_name", "secrets"]);

/**
 * Why a key's value is a secret by its name: `flyctl` when flyctl itself warns about the name (upper case,
 * as flyctl compares), `flylint` when only flylint's wider list (any case, TOKEN, PASSWD, CREDENTIAL) names it.
 */
export function sensitiveName(name: string): "flyctl" | "flylint" | undefined {
  if (!maybeSensitiveName.test(name)) return undefined;
  const upper = name.toUpperCase();
  if (exemptNames.has(upper) || namingKeys.has(name)) return undefined;
  if (flyctlNamePattern.test(name)) return "flyctl";
  if (allNamePattern.test(upper)) return "flylint";
  return undefined;
}

/**
 * Prefixes and shapes of well-known credentials, as a whole value. `starts` (a value starts with one of
 * them) or `contains` is what a value cannot match without, tested first: every string of every file is
 * asked (the secret scan of each output, env-secret), nearly none could match, and V8 compiles a regular
 * expression on its first use: eleven compiles cost a one-file lint 0.6 ms, and running all eleven on
 * every string a tenth of a folder's secret scan.
 */
const credentialShapes: { starts?: readonly string[]; contains?: string; pattern: RegExp; kind: string }[] = [
  { starts: ["sk_", "rk_", "pk_"], pattern: /^(sk|rk|pk)_(live|test)_[A-Za-z0-9]{10,}/, kind: "a Stripe key" },
  { starts: ["gh", "github_pat_"], pattern: /^(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}|^github_pat_/, kind: "a GitHub token" },
  { starts: ["glpat-"], pattern: /^glpat-[A-Za-z0-9_-]{16,}/, kind: "a GitLab token" },
  { starts: ["xox"], pattern: /^xox[abpors]-[A-Za-z0-9-]{10,}/, kind: "a Slack token" },
  { starts: ["AKIA", "ASIA"], pattern: /^(AKIA|ASIA)[0-9A-Z]{16}$/, kind: "an AWS access key" },
  { starts: ["AIza"], pattern: /^AIza[0-9A-Za-z_-]{35}$/, kind: "a Google API key" },
  { starts: ["sk-"], pattern: /^sk-[A-Za-z0-9_-]{20,}/, kind: "an API secret key" },
  { starts: ["fm", "FlyV1 "], pattern: /^(FlyV1 )?fm[12][ar]?_[A-Za-z0-9_+/=-]{20,}/, kind: "a Fly.io token" },
  { starts: ["eyJ"], pattern: /^eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, kind: "a JSON Web Token" },
  { contains: "-----BEGIN ", pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/, kind: "a private key" },
  { contains: "://", pattern: /^[a-z][a-z0-9+.-]*:\/\/[^\s:@/]*:[^\s@/]+@/i, kind: "a URL with a password" },
];

function couldBe(shape: (typeof credentialShapes)[number], value: string): boolean {
  return shape.starts ? shape.starts.some((start) => value.startsWith(start)) : value.includes(shape.contains as string);
}

const escapedForRegExp = (literal: string) => literal.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** Whether any shape could match a value: one search for every start and content, instead of one test per shape. */
const anyShapeCould = new RegExp(credentialShapes.flatMap((shape) => (shape.starts ? shape.starts.map((start) => `^${escapedForRegExp(start)}`) : [escapedForRegExp(shape.contains as string)])).join("|"));

/** The shapes in the order they are tried, for the tests that no value matches a pattern its check turns away. */
export const credentialShapePatterns: readonly { could: (value: string) => boolean; pattern: RegExp; kind: string }[] = credentialShapes.map((shape) => ({
  could: (value) => couldBe(shape, value),
  pattern: shape.pattern,
  kind: shape.kind,
}));

/** Shannon entropy in bits per character. */
function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) bits -= (count / text.length) * Math.log2(count / text.length);
  return bits;
}

/** Long random-looking strings: letters and digits mixed, no spaces, not a path or plain URL. */
function looksRandom(value: string): boolean {
  return value.length >= 24 && !/[\s/]/.test(value) && /[a-z]/.test(value) && /[A-Z0-9]/.test(value) && /\d/.test(value) && entropy(value) >= 4.2;
}

/** What a whole value looks like, when it looks like a credential. */
export function credentialKind(value: string): string | undefined {
  if (anyShapeCould.test(value)) for (const shape of credentialShapes) if (couldBe(shape, value) && shape.pattern.test(value)) return shape.kind;
  return looksRandom(value) ? "a random secret" : undefined;
}

/** A credential found inside a longer text: the offsets of the secret part only (a URL keeps its host). */
export interface FoundCredential {
  start: number;
  end: number;
  kind: string;
}

/** Characters that end an unquoted argument inside a TOML string: space, quotes, a backslash escape (and a "…" placeholder). */
// (Written as \u2026, so the bundle stays ASCII: bin/flylint.cjs reads it as such.)
const argument = String.raw`[^\s"'\\\u2026]+`;

/**
 * Credentials inside commands, URLs and comments. A pattern's `secret` group, when it has one, is the part
 * to mask (the password of a URL, the value of `--password=`); otherwise the whole match is. `accept`
 * filters matches a regular expression alone cannot judge; `value`, a sticky pattern, reads the secret
 * after an accepted match. Every pattern runs in time linear in the text (no unbounded retry at each
 * position): fly.toml can be any size. `needs` is what no accepted match can be without: literals to find
 * in the text in lower case, or a test of the text; a text that holds none of them holds no credential,
 * which one search tells (most messages and fix edits hold none).
 */
const embeddedPatterns: { kind: string; needs: string | ((text: string) => boolean); pattern: RegExp; accept?: (groups: Record<string, string | undefined>) => boolean; value?: RegExp }[] = [
  { kind: "a private key", needs: "-----begin ", pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|(?=["']|$))/g },
  { kind: "a Stripe key", needs: "_live_|_test_", pattern: /\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{10,}/g },
  { kind: "a GitHub token", needs: "gh[pousr]_|github_pat_", pattern: /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}|\bgithub_pat_[A-Za-z0-9_]{20,}/g },
  { kind: "a GitLab token", needs: "glpat-", pattern: /\bglpat-[A-Za-z0-9_-]{16,}/g },
  { kind: "a Slack token", needs: "xox[abpors]-", pattern: /\bxox[abpors]-[A-Za-z0-9-]{10,}/g },
  { kind: "an AWS access key", needs: "akia|asia", pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
  { kind: "a Google API key", needs: "aiza", pattern: /\bAIza[0-9A-Za-z_-]{35}/g },
  { kind: "an API secret key", needs: "sk-", pattern: /\bsk-[A-Za-z0-9_-]{20,}/g },
  { kind: "a Fly.io token", needs: "fm[12]", pattern: /\bfm[12][ar]?_[A-Za-z0-9_+/=-]{20,}/g },
  { kind: "a JSON Web Token", needs: "eyj", pattern: /\beyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g },
  // postgres://user:password@host, redis://:password@host, amqp://, mysql://, mongodb+srv:// ...
  // (A scheme starts where no scheme character precedes it, and is short: a long run of them is not retried at every dash.)
  { kind: "a URL with a password", needs: "://", pattern: /(?<![a-z0-9+.-])[a-z][a-z0-9+.-]{0,31}:\/\/[^\s:@/"'\\]*:(?<secret>[^\s@/"'\\]+)@/gi },
  // --password=x, --password x, --api-key x, --token x (and one-dash spellings).
  {
    kind: "a password option",
    // A dash, then the word (after more of the option's name, as in --api-key or --client-secret).
    needs: "-[a-z_-]*(?:pass|pwd|token|secret|key)",
    pattern: new RegExp(String.raw`(?<![\w-])--?(?:password|passwd|pass|pwd|token|secret|api-key|apikey|api_key|auth-token|access-token|client-secret|secret-key|[a-z]+-(?:token|secret|password|key))[= ](?<secret>${argument})`, "gi"),
  },
  // mysql -pSECRET (no space: with one, mysql prompts and reads the next word as the database).
  { kind: "a password option", needs: "mysql", pattern: new RegExp(String.raw`\bmysql(?:dump|admin)?\b[^\n"']{0,200}?\s-p(?<secret>${argument})`, "g") },
  { kind: "a password option", needs: "redis-cli", pattern: new RegExp(String.raw`\bredis-cli\b[^\n"']{0,200}?\s-a\s+(?<secret>${argument})`, "g") },
  { kind: "a bearer token", needs: "bearer|basic", pattern: /\b(?:Bearer|Basic)\s+(?<secret>(?=[A-Za-z0-9._~+/=-]*\d)[A-Za-z0-9._~+/=-]{8,})/g },
  // NAME=value and NAME = value, where the name holds a credential: shell assignments, DSNs, query strings,
  // comments. Only the name is matched, so `cmd = "DB_PASSWORD=x"` finds DB_PASSWORD too; the value is read
  // after a name that holds a credential. (An ellipsis is a placeholder, as in "fly secrets set NAME=…".)
  {
    kind: "a credential setting",
    // What sensitiveName looks for in a name, in any case, then the rest of the name and the `=`.
    needs: String.raw`(?:key|private|database_url|pass|secret|token|credential)[a-z0-9_.-]*\s*=`,
    // Names that hold a part: every name followed by `=` was matched before and most turned away (10,500
    // matches, each with its indices, in the 1,415 corpus configs: half of the secret search of their
    // texts). Lower-case parts match any case here, and only ASCII names are matched (`i` without `u`
    // folds no other letter into A-Z), which is what sensitiveName asks of an ASCII name.
    pattern: /(?<![\w.-])(?<name>(?=[A-Za-z_])[A-Za-z0-9_.-]*?(?:key|private|database_url|pass|secret|token|credential)[A-Za-z0-9_.-]*)(?=\s*=)/gi,
    accept: (groups) => groups["name"] !== undefined && sensitiveName(groups["name"]) !== undefined,
    value: /\s*=\s*["']?(?<secret>[^\s&;,"'\\\u2026]+)/y,
  },
  // AWS secret access keys: 40 characters of base64 with upper and lower case and digits (shape per AWS IAM docs).
  {
    kind: "an AWS secret access key",
    needs: (text) => hasBase64Run(text, 40),
    pattern: /(?<![A-Za-z0-9/+=])(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/g,
    accept: (groups) => {
      const key = groups["secret"] ?? "";
      return /[a-z]/.test(key) && /[A-Z]/.test(key) && /\d/.test(key) && !key.startsWith("/") && !key.includes("//") && entropy(key) >= 4.3;
    },
  },
];

/** Whether a UTF-16 code unit is a base64 character (A-Z, a-z, 0-9, + and /). */
function isBase64(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 47 || code === 43;
}

/**
 * Whether a text has `length` characters of base64 in a row. Each window of `length` characters is read
 * from its end: the first character that is not base64 rules out every run starting at or before it, so
 * the next window starts just after it. A character is read once (the window that finds a run reads its
 * own), and a text of short words is read a few characters per window: this runs on every text and on
 * every message and fix title, and a loop over every character (or a regular expression, which tries
 * every position) was 2% of a folder run and of a large config's report.
 */
function hasBase64Run(text: string, length: number): boolean {
  let start = 0;
  while (start + length <= text.length) {
    let at = start + length - 1;
    while (at >= start && isBase64(text.charCodeAt(at))) at--;
    if (at < start) return true;
    start = at + 1;
  }
  return false;
}

/** A `needs` as a test of the text and of the text in lower case. */
type NeedTest = (text: string, lower: string) => boolean;

function needTest(needs: string | ((text: string) => boolean)): NeedTest {
  if (typeof needs === "function") return needs;
  const literals = new RegExp(needs);
  return (_, lower) => literals.test(lower);
}

/** The same patterns with match indices (the `d` flag), so a `secret` group's offsets are exact. */
const withIndices = (pattern: RegExp) => new RegExp(pattern.source, `${pattern.flags}d`);
const indexedPatterns = embeddedPatterns.map((entry) => ({
  ...entry,
  needs: needTest(entry.needs),
  pattern: withIndices(entry.pattern),
  ...(entry.value ? { value: withIndices(entry.value) } : {}),
}));

/** The patterns and what each needs, for the test that every accepted match holds what its pattern says it needs. */
export const credentialPatterns: readonly { kind: string; needs: NeedTest; pattern: RegExp; accept?: (groups: Record<string, string | undefined>) => boolean }[] = indexedPatterns;

/** Whether a text holds anything some pattern needs: one search of the literals of all, and the other tests. */
const allLiterals = new RegExp(embeddedPatterns.flatMap(({ needs }) => (typeof needs === "string" ? [needs] : [])).join("|"));
const otherNeeds = embeddedPatterns.flatMap(({ needs }) => (typeof needs === "function" ? [needs] : []));
const anyNeeded = (text: string, lower: string) => allLiterals.test(lower) || otherNeeds.some((needs) => needs(text));

/**
 * Whether a text holds anything a credential pattern needs. What it says of a text it says of every part
 * of it: each need is a search with no anchor or lookaround, or a run of base64, so one found in a part
 * is found in the whole. A false for many texts joined is a false for each of them (redact.ts asks it of
 * a report's messages a group at a time instead of searching each).
 */
export function mayHoldCredential(text: string): boolean {
  return anyNeeded(text, text.toLowerCase());
}

/** Every credential inside a text, in the order found (they may overlap; callers merge). */
export function findCredentials(text: string): FoundCredential[] {
  const found: FoundCredential[] = [];
  const lower = text.toLowerCase();
  // Only whether a literal is there is asked of the lower-case text: no offset of it is used.
  if (!anyNeeded(text, lower)) return found;
  for (const { kind, needs, pattern, accept, value } of indexedPatterns) {
    if (!needs(text, lower)) continue;
    let covered = 0;
    for (const match of text.matchAll(pattern)) {
      const at = match.index ?? 0;
      if (at < covered || (accept && !accept(match.groups ?? {}))) continue;
      let span = match.indices?.groups?.["secret"] ?? [at, at + match[0].length];
      if (value) {
        value.lastIndex = at + match[0].length;
        const read = value.exec(text)?.indices?.groups?.["secret"];
        if (!read) continue;
        span = read;
      }
      const [start, end] = span;
      if (end > start) found.push({ start, end, kind });
      covered = end;
    }
  }
  return found;
}
