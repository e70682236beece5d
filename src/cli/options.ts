import { parseArgs } from "node:util";
import { closestMatches } from "../text/did-you-mean.js";

/**
 * Command-line options, declared once: the parser and the help text are both made from this table.
 * Parsing uses Node's built-in util.parseArgs: flylint runs on every commit and save, and loading an
 * argument-parsing library measured 25-60 ms per run here, more than all of the linting.
 */
export interface OptionSpec {
  name: string;
  short?: string;
  type: "string" | "boolean";
  /** Allowed values of a string option. */
  choices?: readonly string[];
  /** Shown as `--name <placeholder>`. */
  placeholder?: string;
  description: string;
  /** Also accept `--no-<name>` for a boolean. */
  negatable?: boolean;
  /** A string option that may be given several times; its value is a list. */
  multiple?: boolean;
}

export class UsageError extends Error {}

export interface ParsedArguments {
  positionals: string[];
  values: Record<string, string | boolean | string[] | undefined>;
}

export function parseCommandLine(argv: readonly string[], specs: readonly OptionSpec[]): ParsedArguments {
  const options: Record<string, { type: "string" | "boolean"; short?: string; multiple?: boolean }> = {};
  for (const spec of specs) {
    options[spec.name] = { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) };
    if (spec.negatable) options[`no-${spec.name}`] = { type: "boolean" };
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    // Node's messages carry advice about `--`; the first sentence is the part that helps here.
    const message = error instanceof Error ? (error.message.split(". ")[0] ?? error.message) : String(error);
    throw new UsageError(`${message.replace(/\.$/, "")}${optionSuggestion(error, specs)}`);
  }
  const values: ParsedArguments["values"] = {};
  for (const spec of specs) {
    const value = parsed.values[spec.name];
    const raw = Array.isArray(value) ? (spec.multiple ? value.map(String) : value[value.length - 1]) : value;
    if (spec.negatable && parsed.values[`no-${spec.name}`] === true) values[spec.name] = false;
    else values[spec.name] = raw;
    if (spec.choices && typeof values[spec.name] === "string" && !spec.choices.includes(values[spec.name] as string)) {
      throw new UsageError(`--${spec.name} must be one of ${spec.choices.join(", ")} (got "${String(values[spec.name])}")`);
    }
  }
  return { positionals: parsed.positionals, values };
}

/** `. Did you mean "--version"?` for a misspelled long option (`--versoin`), or nothing. */
function optionSuggestion(error: unknown, specs: readonly OptionSpec[]): string {
  if ((error as { code?: unknown } | null)?.code !== "ERR_PARSE_ARGS_UNKNOWN_OPTION") return "";
  const given = /'--([^'=]+)/.exec(error instanceof Error ? error.message : "")?.[1];
  if (given === undefined) return "";
  const names = specs.flatMap((spec) => (spec.negatable ? [spec.name, `no-${spec.name}`] : [spec.name]));
  const matches = closestMatches(given, names);
  return matches.length > 0 ? `. Did you mean ${matches.map((name) => `--${name}`).join(" or ")}?` : "";
}

function optionLabel(spec: OptionSpec): string {
  const names = [spec.short ? `-${spec.short}, ` : "    ", `--${spec.negatable ? `[no-]${spec.name}` : spec.name}`].join("");
  return spec.type === "string" ? `${names} <${spec.placeholder ?? spec.name}>` : names;
}

/** The `--help` text: usage lines, then every option with its description and choices. */
export function renderHelp(usage: readonly string[], specs: readonly OptionSpec[]): string {
  const labels = specs.map(optionLabel);
  const width = Math.max(...labels.map((l) => l.length)) + 2;
  const lines = specs.map((spec, i) => {
    const choices = spec.choices ? ` (${spec.choices.join(", ")})` : "";
    return `  ${(labels[i] as string).padEnd(width)}${spec.description}${choices}`;
  });
  return `${usage.join("\n")}\n\nOptions:\n${lines.join("\n")}\n`;
}
