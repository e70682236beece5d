// The promises flylint makes about a fix, checked on one input. Plain JavaScript with the library passed
// in, so the fuzz script (against the built dist/) and the property tests (against src/) check the same.
import { parse as parseWithSmolToml } from "smol-toml";

const BOM = "\uFEFF";

function parses(text) {
  try {
    parseWithSmolToml(text.startsWith(BOM) ? text.slice(1) : text);
    return true;
  } catch {
    return false;
  }
}

function loadProblems(result) {
  const counts = new Map();
  for (const d of result.diagnostics) {
    if (d.stage !== "load") continue;
    // By rule: a fix renames paths in messages (mounts.x → mounts[0].x) without adding a problem.
    const key = d.ruleId;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function gainedLoadProblems(before, after) {
  const had = loadProblems(before);
  return [...loadProblems(after)].filter(([key, count]) => count > (had.get(key) ?? 0)).map(([key]) => key);
}

/** Every line break of a text that used only CRLF stays CRLF. */
function lineBreaksKept(before, after) {
  const onlyCrlf = before.includes("\r\n") && !/(^|[^\r])\n/.test(before);
  return !onlyCrlf || !/(^|[^\r])\n/.test(after);
}

/**
 * Checks one fix outcome: the output re-parses (smol-toml), gains no load-stage problem, keeps the BOM
 * and CRLF line breaks, keeps normalize() when `keepsConfig`, and a second run changes nothing.
 */
function checkOutcome(lib, name, input, output, keepsConfig, again) {
  const violations = [];
  if (output === input) return violations;
  if (!parses(output)) violations.push(`${name}: the output does not parse`);
  const gained = gainedLoadProblems(lib.lintText(input), lib.lintText(output));
  if (gained.length > 0) violations.push(`${name}: the output gains load errors: ${gained.join("; ")}`);
  if (input.startsWith(BOM) !== output.startsWith(BOM)) violations.push(`${name}: the byte order mark was not kept`);
  if (!lineBreaksKept(input, output)) violations.push(`${name}: a CRLF file gained LF line breaks`);
  if (keepsConfig) {
    const before = configOf(lib, input);
    const after = configOf(lib, output);
    if (before !== undefined && !lib.sameConfig(before, after ?? null)) violations.push(`${name}: normalize() differs after the fix`);
  }
  const second = again(output);
  if (second !== output) violations.push(`${name}: not idempotent (a second run changes the output again)`);
  return violations;
}

function configOf(lib, text) {
  const parsed = lib.parseDocument(text);
  return parsed.ok ? lib.normalize(lib.analyzeDocument(parsed.document.root).canonical) : undefined;
}

/**
 * All guarantees for one input; `lib` is { lintText, fixText, migrateText, parseDocument, analyzeDocument,
 * normalize, sameConfig }. Returns the violations found (an exception is one too).
 */
export function checkGuarantees(lib, input) {
  const violations = [];
  const step = (name, run) => {
    try {
      return run();
    } catch (error) {
      violations.push(`${name}: threw ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  };
  step("lint", () => lib.lintText(input));
  const safe = step("fix", () => lib.fixText(input).output);
  if (safe !== undefined) violations.push(...(step("fix check", () => checkOutcome(lib, "fix", input, safe, true, (text) => lib.fixText(text).output)) ?? []));
  const unsafe = step("unsafe fix", () => lib.fixText(input, { unsafe: true }).output);
  if (unsafe !== undefined) violations.push(...(step("unsafe fix check", () => checkOutcome(lib, "unsafe fix", input, unsafe, false, (text) => lib.fixText(text, { unsafe: true }).output)) ?? []));
  const migrated = step("migrate", () => lib.migrateText(input));
  if (migrated?.output !== undefined) {
    violations.push(...(step("migrate check", () => checkOutcome(lib, "migrate", input, migrated.output, true, (text) => lib.migrateText(text).output ?? text)) ?? []));
  }
  return violations;
}
