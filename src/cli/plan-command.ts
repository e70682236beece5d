import packageJson from "../../package.json" with { type: "json" };
import { siblingReader } from "../files/read.js";
import { formatPlanJson, formatPlanMarkdown, formatPlanTable, type PlannedFile } from "../formatters/plan.js";
import { planText } from "../plan/index.js";
import { secretValuesOf } from "../secrets/redact.js";
import { EXIT_OK, findConfigFiles, readConfigFile } from "./io.js";
import { parseCommandLine, renderHelp, UsageError, type OptionSpec } from "./options.js";
import { writeOut } from "./terminal.js";

const planOptions: OptionSpec[] = [
  { name: "format", short: "f", type: "string", choices: ["table", "json", "markdown"], placeholder: "name", description: "Report format, default table" },
  { name: "ha", type: "string", choices: ["true", "false"], placeholder: "bool", description: "As fly deploy --ha: a second Machine or a standby per new group (default true)" },
  { name: "image", type: "string", placeholder: "ref", description: "As fly deploy --image: the image to run instead of [build]" },
  { name: "help", short: "h", type: "boolean", description: "Show this help" },
];

const planUsage = [
  "Usage: flylint plan [--format table|json|markdown] [--ha=false] [--image ref] [paths..]",
  "",
  "Shows what fly deploy would create from each fly.toml, offline: per process group, the machine config",
  "flyctl sends (as its ToMachineConfig builds it), how many Machines the first deploy creates, how they",
  "stop when idle, and an estimated monthly cost from Fly.io's list prices. Files are found as the linter",
  "finds them. Exit codes: 0 planned (a group flyctl would fail is reported, not an exit code), 2 usage or",
  "I/O failure.",
];

export async function runPlan(argv: readonly string[]): Promise<number> {
  const { positionals, values } = parseCommandLine(argv, planOptions);
  if (values["help"]) {
    writeOut(renderHelp(planUsage, planOptions));
    return EXIT_OK;
  }
  const ha = values["ha"] !== "false";
  const image = typeof values["image"] === "string" && values["image"] !== "" ? values["image"] : undefined;
  const files: PlannedFile[] = findConfigFiles(positionals).map((filePath) => {
    const text = readConfigFile(filePath);
    // flyctl reads a compose file or machine_config .json relative to where it runs; flylint reads it next to the config.
    return { filePath, result: planText(text, { ha, readFile: siblingReader(filePath), ...(image ? { image } : {}) }), secrets: secretValuesOf(text) };
  });
  if (files.length === 0) throw new UsageError("no fly.toml found to plan");
  const context = { cwd: process.cwd(), toolVersion: packageJson.version, ha };
  const format = values["format"] ?? "table";
  const report = format === "json" ? formatPlanJson(files, context) : format === "markdown" ? formatPlanMarkdown(files, context) : formatPlanTable(files, context);
  writeOut(report);
  return EXIT_OK;
}
