import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { runExplain, runRules, runSchema } from "./cli/info-commands.js";
import { EXIT_FAILURE, EXIT_OK, FatalError } from "./cli/io.js";
import { runLint, usage } from "./cli/lint-command.js";
import { LINT_WORKER_ARGUMENT, serveLintWorker } from "./cli/lint-workers.js";
import { runMigrate } from "./cli/migrate-command.js";
import { parseCommandLine, UsageError } from "./cli/options.js";
import { ConfigError } from "./config/project-config.js";
import { RuleContractError } from "./engine/lint.js";
import { closestMatches } from "./text/did-you-mean.js";
import { writeErr } from "./cli/terminal.js";

/** The subcommands, as the usage text lists them (`flylint migrate ...`): a first argument that is no file but close to one is a typo. */
function commandNames(): string[] {
  return usage.flatMap((line) => /^\s*(?:Usage: )?flylint ([a-z]+)/.exec(line)?.[1] ?? []);
}

function rejectMisspelledCommand(first: string | undefined): void {
  if (first === undefined || first.startsWith("-") || existsSync(first)) return;
  const [command] = closestMatches(first, commandNames(), 1);
  if (command) throw new UsageError(`"${first}" is neither a command nor a file. Did you mean flylint ${command}?`);
}

/**
 * flylint's entry point: picks the command, and turns every failure into one line and exit code 2.
 * The commands live in src/cli/; none of them lints by itself.
 */
export async function main(argv: readonly string[]): Promise<number> {
  if (argv[0] === "migrate") return runMigrate(argv.slice(1));
  // Loaded on demand: linting never pays for the diff's code.
  if (argv[0] === "diff") return (await import("./cli/diff-command.js")).runDiff(argv.slice(1));
  if (argv[0] === "plan") return (await import("./cli/plan-command.js")).runPlan(argv.slice(1));
  if (argv[0] === "rules") return runRules(argv.slice(1));
  if (argv[0] === "explain") return runExplain(argv.slice(1));
  if (argv[0] === "lsp") {
    const { values } = parseCommandLine(argv.slice(1), [{ name: "stdio", type: "boolean", description: "Talk LSP over standard input and output" }]);
    if (!values["stdio"]) throw new UsageError("flylint lsp talks over standard input and output: run flylint lsp --stdio");
    // Loaded only here, from its own bundle, so the linter's start-up never compiles the server.
    const server = require(resolve(__dirname, "lsp.cjs")) as { startLanguageServer(): Promise<void> };
    await server.startLanguageServer();
    return EXIT_OK;
  }
  if (argv[0] === "schema") return runSchema(argv.slice(1));
  rejectMisspelledCommand(argv[0]);
  return runLint(argv);
}

function failureMessage(error: unknown): string {
  if (error instanceof UsageError) return `${error.message} (see flylint --help)`;
  if (error instanceof FatalError || error instanceof ConfigError) return error.message;
  if (error instanceof RuleContractError) return `internal error: ${error.message}`;
  return `internal error: ${error instanceof Error ? error.message : String(error)}`;
}

/** Whether this is a lint worker thread of a run over many files (src/cli/lint-workers.ts), not a command. */
function isLintWorker(): boolean {
  return process.argv[2] === LINT_WORKER_ARGUMENT && !(require("node:worker_threads") as typeof import("node:worker_threads")).isMainThread;
}

if (isLintWorker()) serveLintWorker();
else main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    writeErr(`flylint: ${failureMessage(error)}\n`);
    process.exitCode = EXIT_FAILURE;
  },
);
