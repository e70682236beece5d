import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { TextDocument } from "vscode-languageserver-textdocument";
import {
  CodeActionRequest,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type CodeAction,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextEdit,
} from "vscode-languageserver-protocol/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "../src/engine/diagnostic.js";
import { bin, runFlylint, useProjects } from "./helpers/cli.js";

// Secrets are never printed (README, Guarantees): a config full of them goes through every format and mode
// of the built binary and its language server, and no secret, nor any 6 characters of one, comes out.

/** Each secret's distinctive part: the prefix that names its kind (sk_live_, ghp_) may be shown, nothing after. */
const secrets = {
  commentStripe: "51HqR0tat3dK3y99887766",
  npmToken: "AbCdEf0123456789GhIjKl0123456789MnOp",
  stripe: "51HqLyjWDarjtT1zdp7dcXyz",
  postgresPassword: "Pg7xQ2mW9931",
  redisPassword: "Rd4kZ8vN7781",
  amqpPassword: "Mq3hT6pL4417",
  awsAccessKey: "AKIAQ3EGUPLZ7WXNB4RD",
  awsSecretKey: "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",
  github: "16C7e42F292c6912E7710c838347Ae178B4a",
  jwtHeader: "eyJhbGciOiJIUzI1NiJ9",
  jwtPayload: "eyJzdWIiOiJhZG1pbiJ9",
  jwtSignature: "dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk",
  slack: "2048-7731-Sl4ckB0tT0kenValue",
  numericToken: "4242424242424242",
  privateKey: "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7",
  commandPassword: "Srv9Jd2Xq6620",
  commandStripe: "51HqPr0cK3yAbcdef0123",
  workerRedisPassword: "Wk5Rt1Yb5538",
  workerGithub: "W0rk3rT0kenAbcdefghijklmnopqrstuv12",
  backupAwsSecret: "Xk9pL2mQ7vR4tY8wZ3nB6cD1fG5hJ0kM+sA/eUoI",
  mysqlPassword: "My5qlR00tPw",
  shellPassword: "Dp8wQ3zR2210",
  experimentalSlack: "3311-9921-ExpCmdT0kenValue",
  headerKey: "Hk2mQ9vX7734LpZ",
};

const fixture = `# Payments. The old key, rotated: sk_live_${secrets.commentStripe}
app = "payments"
primary_region = "ams"
kill_timeout = 5

[build]
  image = "registry.fly.io/payments:latest"
  [build.args]
    NPM_TOKEN = "npm_${secrets.npmToken}"

[env]
  STRIPE_SECRET_KEY = "sk_live_${secrets.stripe}"
  DATABASE_URL = "postgres://app:${secrets.postgresPassword}@db.internal:5432/payments"
  CACHE = "redis://:${secrets.redisPassword}@redis.internal:6379/0"
  AMQP_URL = "amqp://rabbit:${secrets.amqpPassword}@mq.internal:5672/vhost"
  AWS_ACCESS_KEY_ID = "${secrets.awsAccessKey}"
  AWS_SECRET_ACCESS_KEY = "${secrets.awsSecretKey}"
  GITHUB_TOKEN = "ghp_${secrets.github}"
  SESSION = "${secrets.jwtHeader}.${secrets.jwtPayload}.${secrets.jwtSignature}"
  SLACK_BOT = "xoxb-${secrets.slack}"
  API_TOKEN = ${secrets.numericToken}
  PORT = 8080
  TLS_KEY = """
-----BEGIN PRIVATE KEY-----
${secrets.privateKey}
-----END PRIVATE KEY-----
"""

[processes]
  app = "bin/server --host 127.0.0.1:8080 --password=${secrets.commandPassword} --stripe-key sk_live_${secrets.commandStripe}"
  worker = "worker --redis redis://:${secrets.workerRedisPassword}@redis.internal:6379 --token ghp_${secrets.workerGithub}"
  backup = "aws configure set aws_secret_access_key ${secrets.backupAwsSecret} && mysql -u root -p${secrets.mysqlPassword} payments"
  migrate = "DB_PASSWORD=${secrets.shellPassword} bin/migrate"

[experimental]
  cmd = "bin/boot --api-token xoxb-${secrets.experimentalSlack}"
  auto_rollback = true

[checks.health]
  type = "http"
  port = 8080
  path = "/health"
  [checks.health.headers]
    X-Api-Key = "${secrets.headerKey}"

[[services]]
  internal_port = 8080
  processes = ["app"]
  protocol = "tcp"
  [[services.ports]]
    port = 80
    handlers = ["http"]
    force_https = true
  [[services.ports]]
    port = 443
    handlers = ["tls", "http"]
`;

/** Every 6-character window of every secret: enough of one to be worth hiding. */
const windows = Object.entries(secrets).flatMap(([name, secret]) => Array.from({ length: secret.length - 5 }, (_, i) => [name, secret.slice(i, i + 6)] as const));

/** The secrets (by name) of which some part appears in an output. */
function leaked(output: string): string[] {
  return [...new Set(windows.filter(([, part]) => output.includes(part)).map(([name]) => name))];
}

function expectNoSecrets(label: string, ...outputs: string[]): void {
  expect(leaked(outputs.join("\n")), label).toEqual([]);
}

it("the fixture holds every secret (the test would prove nothing otherwise)", () => {
  expect(leaked(fixture).sort()).toEqual(Object.keys(secrets).sort());
});

describe("secrets never appear in the command line's output", () => {
  const project = useProjects("flylint-secrets-");
  const formats = ["stylish", "compact", "json", "sarif", "github", "gitlab"];

  it.each(formats)("lint --format %s", (format) => {
    const run = runFlylint(["--format", format], project({ "fly.toml": fixture }));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("env-secret");
    expectNoSecrets(format, run.stdout, run.stderr);
  });

  it.each(formats)("--fix-dry-run --unsafe-fixes --format %s", (format) => {
    const run = runFlylint(["--fix-dry-run", "--unsafe-fixes", "--format", format], project({ "fly.toml": fixture }));
    expect(run.stdout).toContain("env-secret");
    expectNoSecrets(format, run.stdout, run.stderr);
  });

  it("lint --format stylish shows code frames with the secrets masked, the caret under the mask", () => {
    const run = runFlylint([], project({ "fly.toml": fixture }));
    expect(run.stdout).toContain(`  > 12 |   STRIPE_SECRET_KEY = "••••"\n       |                       ^^^^^^\n`);
    expect(run.stdout).toContain(`app = "bin/server --host 127.0.0.1:8080 --password=•••• --stripe-key ••••"`);
    expect(run.stdout).toContain(`  > 21 |   API_TOKEN = ••••\n`);
  });

  it("JSON fix edits carry only what changes: the host, the quotes, the brackets", () => {
    const run = runFlylint(["--format", "json"], project({ "fly.toml": fixture }));
    const diagnostics = JSON.parse(run.stdout).files[0].diagnostics as { ruleId: string; fix?: { edits: { text: string }[]; redacted?: boolean } }[];
    const editTexts = (ruleId: string) => diagnostics.filter((d) => d.ruleId === ruleId).map((d) => d.fix?.edits.map((e) => e.text));
    expect(editTexts("localhost-binding")).toEqual([["0.0.0.0:8080"]]);
    expect(editTexts("experimental-command-string")).toEqual([["[", "]"]]);
    expect(editTexts("env-value-type")).toEqual([['"', '"'], ['"', '"']]);
    expect(diagnostics.filter((d) => d.fix?.redacted)).toEqual([]);
  });

  it("--diff and --diff --unsafe-fixes mask context and changed lines", () => {
    const folder = project({ "fly.toml": fixture });
    const safe = runFlylint(["--diff"], folder);
    const unsafe = runFlylint(["--diff", "--unsafe-fixes"], folder);
    expect(safe.stdout).toContain(`-  API_TOKEN = ••••\n-  PORT = 8080\n+  API_TOKEN = "••••"\n`);
    expect(unsafe.stdout).toContain(`+  app = "bin/server --host 0.0.0.0:8080 --password=•••• --stripe-key ••••"`);
    expectNoSecrets("--diff", safe.stdout, safe.stderr, unsafe.stdout, unsafe.stderr);
    expect(readFileSync(join(folder, "fly.toml"), "utf8")).toBe(fixture);
  });

  it.each(formats)("--fix --unsafe-fixes --format %s --output-file: the report and the summary", (format) => {
    const folder = project({ "fly.toml": fixture });
    const run = runFlylint(["--fix", "--unsafe-fixes", "--format", format, "--output-file", "report.out"], folder);
    expect(run.stdout).toContain("fixed");
    expectNoSecrets(format, run.stdout, run.stderr, readFileSync(join(folder, "report.out"), "utf8"));
    // The fixes themselves stay exact: only the host changed in the command that holds a password.
    const fixed = readFileSync(join(folder, "fly.toml"), "utf8");
    expect(fixed).toContain(`app = "bin/server --host 0.0.0.0:8080 --password=${secrets.commandPassword} --stripe-key sk_live_${secrets.commandStripe}"`);
    expect(fixed).toContain(`API_TOKEN = "${secrets.numericToken}"`);
    expect(fixed).toContain(`cmd = ["bin/boot --api-token xoxb-${secrets.experimentalSlack}"]`);
  });

  it("--stdin, with --fix-dry-run and --format json too", () => {
    const folder = project({});
    const plain = runFlylint(["--stdin", "--stdin-filename", "fly.toml"], folder, fixture);
    const json = runFlylint(["--stdin", "--fix-dry-run", "--format", "json"], folder, fixture);
    expect(plain.stdout).toContain("env-secret");
    expectNoSecrets("--stdin", plain.stdout, plain.stderr, json.stdout, json.stderr);
  });

  it("migrate --dry-run, --format json, --check and the migration itself", () => {
    const folder = project({ "fly.toml": fixture });
    const dryRun = runFlylint(["migrate", "--dry-run"], folder);
    expect(dryRun.stdout).toContain(`+[http_service]`);
    expect(dryRun.stdout).toContain(`   SLACK_BOT = "••••"\n-  API_TOKEN = ••••\n`);
    const json = runFlylint(["migrate", "--dry-run", "--format", "json"], folder);
    const check = runFlylint(["migrate", "--check", "--format", "json"], folder);
    expect(check.code).toBe(1);
    expect(JSON.parse(check.stdout).totals.migrated).toBe(1);
    const migrated = runFlylint(["migrate"], folder);
    const jsonAfter = runFlylint(["migrate", "--format", "json"], folder);
    expectNoSecrets("migrate", ...[dryRun, json, check, migrated, jsonAfter].flatMap((r) => [r.stdout, r.stderr]));
    expect(readFileSync(join(folder, "fly.toml"), "utf8")).toContain(`API_TOKEN = "${secrets.numericToken}"`);
  });
});

describe("secrets never appear in what the language server sends", () => {
  let folder: string;
  let server: ChildProcessWithoutNullStreams;
  let connection: ProtocolConnection;
  let sent = "";
  let stderr = "";
  const published = new Map<string, PublishDiagnosticsParams>();
  let wake: () => void = () => {};

  const staging = `app = "payments"\n[[processes]]\n  name = "web"\n  command = "bin/web --token ghp_${secrets.workerGithub}"\n`;

  async function open(name: string, text: string): Promise<PublishDiagnosticsParams> {
    const uri = pathToFileURL(join(folder, name)).href;
    const arrived = new Promise<void>((done) => (wake = () => published.has(uri) && done()));
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: "toml", version: 1, text } });
    await arrived;
    return published.get(uri)!;
  }

  function apply(uri: string, text: string, edits: TextEdit[]): string {
    return TextDocument.applyEdits(TextDocument.create(uri, "toml", 0, text), edits);
  }

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), "flylint-secrets-lsp-"));
    server = spawn(process.execPath, [bin, "lsp", "--stdio"], { cwd: folder });
    // Everything the server writes, as the bytes an editor's trace log would keep.
    server.stdout.on("data", (chunk: Buffer) => (sent += chunk.toString("utf8")));
    server.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      published.set(params.uri, params);
      wake();
    });
    connection.listen();
    await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: pathToFileURL(folder).href, capabilities: {}, workspaceFolders: null });
    await connection.sendNotification(InitializedNotification.type, {});
  });

  afterAll(async () => {
    const closed = new Promise((done) => server.once("close", done));
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
    await closed;
    connection.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  it("publishDiagnostics, every quick fix and fix-all: none carries a secret, and the fixes still apply", async () => {
    const uri = pathToFileURL(join(folder, "fly.toml")).href;
    const { diagnostics } = await open("fly.toml", fixture);
    expect(diagnostics.map((d) => d.code)).toContain("env-secret");
    const quickFixes: CodeAction[] = [];
    for (const diagnostic of diagnostics) {
      const actions = (await connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as CodeAction[];
      quickFixes.push(...actions.filter((a) => a.title.startsWith("Fix: ")));
    }
    const fixAll = (await connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ["source.fixAll"] },
    })) as CodeAction[];
    expectNoSecrets("language server", sent, stderr);

    const binding = quickFixes.find((a) => a.diagnostics?.[0]?.code === "localhost-binding");
    expect(apply(uri, fixture, binding!.edit!.changes![uri]!)).toContain(`--host 0.0.0.0:8080 --password=${secrets.commandPassword} `);
    // Fix-all sends only what changes, and it comes out as `flylint --fix` writes the file.
    const cli = runFlylint(["--stdin", "--fix"], folder, fixture);
    expect(fixAll).toHaveLength(1);
    expect(apply(uri, fixture, fixAll[0]!.edit!.changes![uri]!)).toBe(cli.stdout);
  });

  it("a fix that must move a secret is published without its edits, and its quick fix lints again to apply", async () => {
    const uri = pathToFileURL(join(folder, "fly.staging.toml")).href;
    const before = sent.length;
    const { diagnostics } = await open("fly.staging.toml", staging);
    const legacy = diagnostics.find((d) => d.code === "legacy-processes")!;
    expect(legacy.data).toMatchObject({ fix: { edits: [], redacted: true } });
    expectNoSecrets("publishDiagnostics", sent.slice(before));
    // Applying it must send the command back to the editor: the editor has it already.
    const actions = (await connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: legacy.range, context: { diagnostics: [legacy] } })) as CodeAction[];
    const fix = actions.find((a) => a.title.startsWith("Fix: "))!;
    expect(fix.title).not.toContain(secrets.workerGithub);
    expect(apply(uri, staging, fix.edit!.changes![uri]!)).toBe(`app = "payments"\n[processes]\n  web = "bin/web --token ghp_${secrets.workerGithub}"\n`);
  });
});

describe("the masking itself", () => {
  it("masks a secret by offset whatever its length, keeping line breaks, and maps columns through the mask", async () => {
    const { findSecrets, redactSlice, redactText, maskText } = await import("../src/secrets/redact.js");
    const text = `[env]\n  DB_PASSWORD = "hunter22" # and DSN = "host=db password=Zq8rT5wL"\n  KEY = """\nline one\nline two"""\n`;
    const found = findSecrets(text);
    expect(redactText(text, found)).toBe(`[env]\n  DB_PASSWORD = "••••" # and DSN = "host=db password=••••"\n  KEY = """\n••••\n••••"""\n`);
    const line = redactSlice(text, found.ranges, 6, text.indexOf("\n", 6));
    const quote = text.indexOf('"hunter22"');
    // Offsets of the text in, positions in the masked line out: the opening quote, the secret's start, its end, the closing quote.
    expect([line.offsetOf(quote), line.offsetOf(quote + 1), line.offsetOf(quote + 9, "end"), line.offsetOf(quote + 9)]).toEqual([16, 17, 21, 21]);
    expect(maskText(`the value "hunter22" and ghp_${secrets.github}`, found)).toBe(`the value "••••" and ••••`);
  });

  it("masks the messages and fix titles that hold a secret, and keeps every other diagnostic as it is", async () => {
    const { redactResult } = await import("../src/secrets/redact.js");
    const { lintText } = await import("../src/engine/lint.js");
    // An unknown key spelled like a GitHub token: the unknown-key message quotes it, and is masked.
    const token = `ghp_${"a1B2c3D4e5".repeat(4)}`;
    const text = `app = "x"\nkill_timeout = 5\n${token} = 1\n`;
    const result = lintText(text, { filePath: "fly.toml" });
    const redacted = redactResult(result);
    const leaking = result.diagnostics.filter((d) => `${d.message} ${d.fix?.title ?? ""}`.includes(token));
    expect(leaking.length).toBeGreaterThan(0);
    result.diagnostics.forEach((diagnostic, index) => {
      const out = redacted.diagnostics[index];
      if (leaking.includes(diagnostic)) {
        expect(out).not.toBe(diagnostic);
        expect(`${out?.message} ${out?.fix?.title ?? ""}`).not.toContain(token);
      } else expect(out).toBe(diagnostic);
    });
    expect(result.diagnostics.length).toBeGreaterThan(leaking.length);
  });

  it("finds credentials in messages and fix titles wherever they stand among many diagnostics", async () => {
    const { noSecrets, redactWithSecrets } = await import("../src/secrets/redact.js");
    // Credentials the text's own secrets do not list, so only the search of the messages can mask them:
    // one in a fix title of the second group of diagnostics searched together, one in a message of the last.
    const password = "Pg7xQ2mW9931";
    const token = `ghp_${"a1B2c3D4e5".repeat(4)}`;
    const diagnostic = (index: number): Diagnostic => ({
      ruleId: "unknown-key",
      severity: "warning",
      stage: "advice",
      message: index === 130 ? `token ${token} is unknown` : `key number ${index} is unknown`,
      range: { start: 0, end: 1 },
      start: { line: 1, column: 1 },
      end: { line: 1, column: 2 },
      docsUrl: "https://example.com",
      fix: { title: index === 70 ? `Use postgres://app:${password}@db/app` : "Remove it", applicability: "safe", edits: [] },
    });
    const diagnostics = Array.from({ length: 150 }, (_, index) => diagnostic(index));
    const redacted = redactWithSecrets({ filePath: "fly.toml", text: "", diagnostics }, noSecrets);
    diagnostics.forEach((original, index) => {
      const out = redacted.diagnostics[index];
      if (index === 70 || index === 130) {
        expect(`${out?.message} ${out?.fix?.title}`).not.toContain(index === 70 ? password : token);
        expect(`${out?.message} ${out?.fix?.title}`).toContain("••••");
      } else expect(out).toBe(original);
    });
  });

  it("masks a fix's edits that hold a secret, copies only those, and gives edits without one back as they are", async () => {
    const { maskEdits } = await import("../src/secrets/redact.js");
    const secrets = { ranges: [], values: ["hunter22"] };
    const clean = [{ start: 0, end: 1, text: '"' }, { start: 5, end: 5, text: "port = 8080" }];
    expect(maskEdits(clean, secrets)).toEqual({ edits: clean, redacted: false });
    expect(maskEdits(clean, secrets).edits).toBe(clean);
    const leaky = [...clean, { start: 9, end: 9, text: 'DB = "hunter22"' }];
    const masked = maskEdits(leaky, secrets);
    expect(masked).toEqual({ edits: [...clean, { start: 9, end: 9, text: 'DB = "••••"' }], redacted: true });
    expect(masked.edits[0]).toBe(clean[0]);
    expect(leaky[2]).toEqual({ start: 9, end: 9, text: 'DB = "hunter22"' });
  });

  it("finds the credential settings that every name before an = judged by sensitiveName finds", async () => {
    const fc = await import("fast-check");
    const { findCredentials, sensitiveName } = await import("../src/secrets/credentials.js");
    // The search as it was: every name followed by `=`, each asked of sensitiveName, its value read after it.
    const everyName = /(?<![\w.-])(?<name>[A-Za-z_][A-Za-z0-9_.-]*)(?=\s*=)/dg;
    const value = /\s*=\s*["']?(?<secret>[^\s&;,"'\\\u2026]+)/dy;
    const settingsByEveryName = (text: string) => {
      const found: { start: number; end: number }[] = [];
      let covered = 0;
      for (const match of text.matchAll(everyName)) {
        const at = match.index ?? 0;
        if (at < covered || sensitiveName(match.groups?.["name"] ?? "") === undefined) continue;
        value.lastIndex = at + match[0].length;
        const read = value.exec(text)?.indices?.groups?.["secret"];
        if (!read) continue;
        const [start, end] = read;
        if (end > start) found.push({ start, end });
        covered = end;
      }
      return found;
    };
    const settings = (text: string) => findCredentials(text).filter((c) => c.kind === "a credential setting").map(({ start, end }) => ({ start, end }));
    // Name parts in every case, the characters around names, and letters that fold to ASCII ones (ſ, K).
    const piece = fc.constantFrom("KEY", "key", "Key", "pass", "PASSWORD", "Passwd", "secret", "TOKEN", "credential", "database_url", "private", "AWS_ACCESS_KEY_ID", "secret_name", "DB", "x", "1", "_", ".", "-", " ", "=", "\"", "'", "\n", "&", "ſecret", "\u212Aey", "é");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (pieces) => {
        const text = pieces.join("");
        expect(settings(text)).toEqual(settingsByEveryName(text));
      }),
      { numRuns: 5000 },
    );
    expect(settings('DB_PASSWORD = "x1"; API_TOKEN=abc pass=no')).toEqual([{ start: 15, end: 17 }, { start: 30, end: 33 }]);
  });

  it("masks every known secret value wherever it stands in free text, and leaves text without one as it was", async () => {
    const fc = await import("fast-check");
    const { maskText } = await import("../src/secrets/redact.js");
    const word = fc.string({ unit: fc.constantFrom("a", "b", "c", " "), maxLength: 40 });
    const value = fc.string({ unit: fc.constantFrom("a", "b", "c"), minLength: 4, maxLength: 8 });
    fc.assert(
      fc.property(word, fc.uniqueArray(value, { maxLength: 3 }), (text, values) => {
        const masked = maskText(text, { ranges: [], values: [...values].sort((a, b) => b.length - a.length) });
        for (const secret of values) expect(masked).not.toContain(secret);
        if (!values.some((secret) => text.includes(secret))) expect(masked).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it("every accepted credential match holds what its pattern needs, so texts without any skip the searches", async () => {
    const fc = await import("fast-check");
    const { credentialPatterns, findCredentials } = await import("../src/secrets/credentials.js");
    const fragments = ["sk_live_", "rk_test_", "ghp_", "github_pat_", "glpat-", "xoxb-", "AKIA", "ASIA", "AIza", "sk-", "fm1_", "fm2a_", "FlyV1 ", "eyJ", ".", "://", "postgres", ":", "@"];
    const more = ["--password=", "--api-key ", "--api_key ", "--client-secret=", "-p", "mysql ", "redis-cli ", " -a ", "Bearer ", "Basic ", "DB_PASSWORD", "api_token", "=", " ", "\n", '"', "'", "/", "+", "_", "-"];
    const keys = ["-----BEGIN RSA PRIVATE KEY-----", "-----END RSA PRIVATE KEY-----", "…", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0."];
    const piece = fc.oneof(fc.constantFrom(...fragments, ...more, ...keys), fc.stringMatching(/^[A-Za-z0-9]{1,45}$/));
    const text = fc.array(piece, { maxLength: 24 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(text, (sample) => {
        for (const { needs, pattern, accept } of credentialPatterns) {
          // From where the match starts: a pattern may look ahead past its match (a name, then its `=`). Each
          // `needs` is a search, so what holds of this part holds of the whole text.
          for (const match of sample.matchAll(pattern)) {
            const from = sample.slice(match.index);
            if (!accept || accept(match.groups ?? {})) expect(needs(from, from.toLowerCase())).toBe(true);
          }
        }
      }),
      { numRuns: 3000 },
    );
    // And a text that needs nothing is still searched when it holds a credential.
    expect(findCredentials(`run --password=Zq8rT5wL and ghp_${secrets.github}`).map((found) => found.kind)).toEqual(["a GitHub token", "a password option"]);
  });

  it("looks for AWS secret keys exactly where a text has 40 characters of base64 in a row", async () => {
    const fc = await import("fast-check");
    const { credentialPatterns } = await import("../src/secrets/credentials.js");
    const aws = credentialPatterns.find((pattern) => pattern.kind === "an AWS secret access key");
    const base64 = /[A-Za-z0-9/+]/;
    const longestRun = (text: string) => {
      let run = 0;
      let longest = 0;
      for (const char of text) longest = Math.max(longest, (run = base64.test(char) ? run + 1 : 0));
      return longest;
    };
    const runs = fc.array(fc.tuple(fc.integer({ min: 0, max: 45 }), fc.constantFrom(" ", "=", "-", "\n", "_", ".")), { maxLength: 6 });
    const text = runs.map((parts) => parts.map(([length, separator]) => "aB3+/".repeat(10).slice(0, length) + separator).join(""));
    fc.assert(
      fc.property(text, (sample) => {
        expect(aws?.needs(sample, sample.toLowerCase())).toBe(longestRun(sample) >= 40);
      }),
      { numRuns: 3000 },
    );
  });

  it("no value matches a credential shape its quick check turned away", async () => {
    const fc = await import("fast-check");
    const { credentialShapePatterns, credentialKind } = await import("../src/secrets/credentials.js");
    const starts = ["sk_live_", "rk_test_", "pk_live_", "ghp_", "ghs_", "github_pat_", "glpat-", "xoxb-", "AKIA", "ASIA", "AIza", "sk-", "fm1_", "fm2r_", "FlyV1 fm2_", "eyJ", "-----BEGIN RSA PRIVATE KEY-----", "postgres://", "REDIS://"];
    const tail = fc.stringMatching(/^[A-Za-z0-9_.:@/+=-]{0,48}$/);
    const value = fc.oneof(fc.tuple(fc.constantFrom("", " ", "x", ...starts), tail, fc.constantFrom("", ".eyJ", "user:pw@host", "AAAAAAAAAAAAAAAA")).map((parts) => parts.join("")), fc.string());
    fc.assert(
      fc.property(value, (sample) => {
        for (const { could, pattern } of credentialShapePatterns) if (pattern.test(sample)) expect(could(sample)).toBe(true);
        // The one search that stands for all the checks lets through whatever some shape matches.
        const first = credentialShapePatterns.find(({ pattern }) => pattern.test(sample));
        if (first) expect(credentialKind(sample)).toBe(first.kind);
        else expect([undefined, "a random secret"]).toContain(credentialKind(sample));
      }),
      { numRuns: 5000 },
    );
    // The checks let the real shapes through.
    expect(credentialKind(`ghp_${secrets.github}`)).toBe("a GitHub token");
    expect(credentialKind("postgres://app:Zq8rT5wL@db.internal:5432/app")).toBe("a URL with a password");
  });

  it("names a key a credential's as comparing its upper case with every part would, in any script", async () => {
    const fc = await import("fast-check");
    const { sensitiveName } = await import("../src/secrets/credentials.js");
    // What the quick search stands in front of: flyctl's parts as written, flylint's in the upper case.
    const reference = (name: string) => {
      const upper = name.toUpperCase();
      if (["AWS_ACCESS_KEY_ID", "TIGRIS_ACCESS_KEY_ID"].includes(upper) || ["secret_name", "secrets"].includes(name)) return undefined;
      if (/KEY|PRIVATE|DATABASE_URL|PASSWORD|SECRET/.test(name)) return "flyctl";
      return /KEY|PRIVATE|DATABASE_URL|PASSWORD|SECRET|TOKEN|PASSWD|CREDENTIAL/.test(upper) ? "flylint" : undefined;
    };
    // ß upper-cases to SS and ſ to S, ﬅ to ST: letters outside ASCII that spell a part once upper-cased.
    const piece = fc.constantFrom("key", "KEY", "Key", "pa", "ßwd", "ss", "wd", "ſecret", "ﬅ", "TOKEN", "oken", "t", "credential", "DATABASE", "_", "url", "aws_access_key_id", "secret", "s", "name", "é", "K", "e", "y");
    const name = fc.oneof(fc.array(piece, { maxLength: 6 }).map((parts) => parts.join("")), fc.string(), fc.constantFrom("secret_name", "secrets", "AWS_ACCESS_KEY_ID", "Tigris_Access_Key_Id"));
    fc.assert(
      fc.property(name, (sample) => {
        expect(sensitiveName(sample)).toBe(reference(sample));
      }),
      { numRuns: 5000 },
    );
    expect(sensitiveName("paßwd")).toBe("flylint");
    expect(sensitiveName("ſecret")).toBe("flylint");
    expect(sensitiveName("region")).toBeUndefined();
  });

  it("minimal edits turn one text into the other, touching only what changed", async () => {
    const fc = await import("fast-check");
    const { minimalEdits } = await import("../src/fixers/minimal-edits.js");
    const { applyEdits } = await import("../src/fixers/edits.js");
    const text = fc.string({ unit: fc.constantFrom("a", "b", " ", "\n", '"', "=", "1") });
    fc.assert(fc.property(text, text, (before, after) => applyEdits(before, minimalEdits(before, after)) === after));
    // Past the line diff's budget (1 here), a piece at a time: still exact, on texts of several pieces.
    const lines = fc.array(fc.constantFrom("[[services]]", "  port = 80", "  port = 443", "", 'A = "x"'), { minLength: 300, maxLength: 900 });
    fc.assert(
      fc.property(lines, fc.array(fc.tuple(fc.nat(), fc.constantFrom("drop", "change", "add")), { minLength: 1, maxLength: 200 }), (before, edits) => {
        const after: string[] = [...before];
        for (const [at, kind] of edits) {
          const index = at % (after.length + 1);
          if (kind === "add") after.splice(index, 0, "  added = 1");
          else if (index < after.length) after.splice(index, 1, ...(kind === "change" ? [`${after[index]} # changed`] : []));
        }
        const [from, to] = [`${before.join("\n")}\n`, `${after.join("\n")}\n`];
        return applyEdits(from, minimalEdits(from, to, 1)) === to;
      }),
      { numRuns: 30 },
    );
    expect(minimalEdits(`A = 4242\nB = 1\n`, `A = "4242"\nB = 1\n`)).toEqual([
      { start: 4, end: 4, text: '"' },
      { start: 8, end: 8, text: '"' },
    ]);
  });
});
