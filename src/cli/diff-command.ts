import { execFile } from "node:child_process";
import { accessSync, constants, readFileSync, statSync } from "node:fs";
import { basename, delimiter, join, resolve } from "node:path";
import { diffLoadedSides, loadSide, SideError, type ConfigDiff, type DiffOptions, type LoadedSide } from "../diff/index.js";
import { redactDiff } from "../diff/redact.js";
import { formatDiffJson, formatDiffMarkdown, formatDiffText, type DiffReport } from "../formatters/diff-report.js";
import { maskText, noSecrets } from "../secrets/redact.js";
import { displayPath, EXIT_ERRORS, EXIT_OK, errorCode, fail, FatalError, readConfigFile } from "./io.js";
import { parseCommandLine, renderHelp, UsageError, type OptionSpec } from "./options.js";
import { writeOut } from "./terminal.js";

const diffOptions: OptionSpec[] = [
  { name: "deployed", type: "boolean", description: "Compare fly.toml with the app's deployed config (runs fly config show -a APP)" },
  { name: "app", short: "a", type: "string", placeholder: "name", description: "The app whose deployed config --deployed reads (default: app in fly.toml)" },
  { name: "format", short: "f", type: "string", choices: ["text", "json", "markdown"], placeholder: "name", description: "Report format, default text" },
  { name: "help", short: "h", type: "boolean", description: "Show this help" },
];

const diffUsage = [
  "Usage: flylint diff [options] <before> <after>",
  "       flylint diff --deployed [-a APP] [fly.toml]",
  "",
  "Shows what changes for flyctl between two configs, key by key: each side is loaded as flyctl loads it,",
  "so formatting, key order, comments and legacy spellings of the same thing are no difference. A side is",
  "a fly.toml, what `fly config show` prints (JSON) or what `fly config save` writes; - reads standard",
  "input. [build] is not compared with a config from the Fly service, which does not keep it.",
  "Exit codes: 0 no difference, 1 they differ (for CI drift checks), 2 usage, I/O or load failure.",
];

interface Side {
  label: string;
  text: string;
}

function readSide(path: string): Side {
  if (path === "-") return { label: "<stdin>", text: readFileSync(0, "utf8") };
  return { label: displayPath(resolve(path)), text: readConfigFile(resolve(path)) };
}

function load(side: Side): LoadedSide {
  try {
    return loadSide(side.text);
  } catch (error) {
    if (error instanceof SideError) fail(`${side.label}${/^\d+:\d+: /.test(error.message) ? ":" : ": "}${maskText(error.message, noSecrets)}`);
    throw error;
  }
}

/** flyctl's binary on PATH: `flyctl`, else `fly` (the installer puts both in ~/.fly/bin). */
function findFlyctl(): string | undefined {
  const extensions = process.platform === "win32" ? (process.env["PATHEXT"] ?? ".EXE").split(";") : [""];
  for (const name of ["flyctl", "fly"]) {
    for (const folder of (process.env["PATH"] ?? "").split(delimiter).filter(Boolean)) {
      for (const extension of extensions) {
        const candidate = join(folder, name + extension);
        try {
          if (!statSync(candidate).isFile()) continue;
          accessSync(candidate, constants.X_OK);
          return candidate;
        } catch {
          // Not here; keep looking.
        }
      }
    }
  }
  return undefined;
}

/** How to do by hand what --deployed could not: save the deployed config where flyctl works, then diff the file. */
function saveAdvice(app: string, local: string): string {
  return `save the deployed config with \`fly config show -a ${app} > deployed.json\` and run \`flylint diff deployed.json ${local}\``;
}

/** flyctl's stdin is closed so it never waits at a prompt; a hung network call ends after this long. */
const flyctlTimeoutMs = 120_000;

function runConfigShow(flyctl: string, app: string, local: string): Promise<string> {
  return new Promise((done, reject) => {
    const child = execFile(flyctl, ["config", "show", "-a", app], { timeout: flyctlTimeoutMs, maxBuffer: 64 * 1024 * 1024, encoding: "utf8" }, (error, stdout, stderr) => {
      if (!error) return done(stdout);
      const said = stderr.split(/\r?\n/).map((line) => line.trim()).filter(Boolean).pop();
      const how = error.killed ? `was stopped after ${flyctlTimeoutMs / 1000} s` : typeof error.code === "number" ? `exited with ${error.code}` : `could not run (${errorCode(error)})`;
      // flyctl's own words name the cause (not logged in, no such app); they are scrubbed like any output.
      const cause = said ? `: ${maskText(said, noSecrets)}` : "";
      const login = /log ?in|access token|auth/i.test(said ?? "") ? "log in with `fly auth login`, or " : "";
      reject(new FatalError(`\`${basename(flyctl).replace(/\.exe$/i, "")} config show -a ${app}\` ${how}${cause}; ${login}${saveAdvice(app, local)}`));
    });
    child.stdin?.end();
  });
}

async function deployedSide(app: string | undefined, localSide: Side, local: LoadedSide): Promise<Side> {
  const appName = app ?? (typeof local.normalized["app"] === "string" && local.normalized["app"] !== "" ? local.normalized["app"] : undefined);
  if (appName === undefined) throw new UsageError(`${localSide.label} names no app: give the app with -a APP`);
  const flyctl = findFlyctl();
  if (!flyctl) fail(`flyctl is not installed here (no flyctl or fly on PATH); ${saveAdvice(appName, localSide.label)}`);
  const text = await runConfigShow(flyctl, appName, localSide.label);
  return { label: `deployed ${appName}`, text };
}

function render(report: DiffReport, format: unknown): string {
  if (format === "json") return formatDiffJson(report);
  if (format === "markdown") return formatDiffMarkdown(report);
  return formatDiffText(report);
}

export async function runDiff(argv: readonly string[]): Promise<number> {
  const { positionals, values } = parseCommandLine(argv, diffOptions);
  if (values["help"]) {
    writeOut(renderHelp(diffUsage, diffOptions));
    return EXIT_OK;
  }
  let before: Side;
  let after: Side;
  let options: DiffOptions = {};
  let sides: [LoadedSide, LoadedSide];
  if (values["deployed"]) {
    if (positionals.length > 1) throw new UsageError("--deployed compares one fly.toml with the deployed config: give at most one path");
    after = readSide(positionals[0] ?? "fly.toml");
    const local = load(after);
    before = await deployedSide(values["app"] as string | undefined, after, local);
    const deployed = load(before);
    if (deployed.kind !== "fly config show") fail(`${before.label}: fly config show printed no JSON config`);
    // The deployed side comes from the Fly service, which keeps no [build].
    options = { compareBuild: false };
    sides = [deployed, local];
  } else {
    if (values["app"] !== undefined) throw new UsageError("-a goes with --deployed");
    if (positionals.length !== 2) throw new UsageError(`flylint diff compares two configs: give two paths (got ${positionals.length}), or --deployed`);
    if (positionals[0] === "-" && positionals[1] === "-") throw new UsageError("only one side can be standard input");
    before = readSide(positionals[0] as string);
    after = readSide(positionals[1] as string);
    sides = [load(before), load(after)];
  }
  const diff: ConfigDiff = redactDiff(diffLoadedSides(sides[0], sides[1], options), before.text, after.text);
  const report: DiffReport = { before: { label: before.label, kind: sides[0].kind }, after: { label: after.label, kind: sides[1].kind }, diff };
  writeOut(render(report, values["format"]));
  return diff.changes.length > 0 ? EXIT_ERRORS : EXIT_OK;
}
