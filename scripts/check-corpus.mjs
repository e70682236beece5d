// npm run check:corpus -- DIR
// Lints every .toml under DIR and, where DIR holds flyctl's own verdicts (expected.json), compares them with
// flylint's: a file flyctl loads must get no load error, a file it refuses must get one, a file its validator
// fails should get a validate error, and every unknown key `fly config validate --strict` lists must be reported.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { lintText } from "../dist/index.js";

const dir = process.argv[2];
if (!dir || !existsSync(dir)) {
  console.error("usage: npm run check:corpus -- DIR (a folder of .toml files, optionally with expected.json)");
  process.exit(2);
}

function tomlFiles(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" || entry.name === ".git" ? [] : tomlFiles(path);
    return entry.name.endsWith(".toml") ? [path] : [];
  });
}

const expectedPath = join(dir, "expected.json");
const expected = existsSync(expectedPath) ? JSON.parse(readFileSync(expectedPath, "utf8")) : {};
const keyRules = new Set(["unknown-key", "key-case", "deprecated-key"]);

/** The last key of a strict-validation path such as `statics[0].Url_Prefix` or `checks.x.name`. */
function lastSegment(path) {
  return path.replace(/\[\d+\]/g, "").split(".").pop();
}

function keyText(result, diagnostic) {
  return result.text.slice(diagnostic.range.start, diagnostic.range.end).replace(/^["']|["']$/g, "");
}

const counts = { files: 0, crashes: 0, falseErrors: 0, loadMisses: 0, validateMisses: 0, unknownKeyMisses: 0, deployErrors: 0 };
const findings = [];
for (const file of tomlFiles(dir).sort()) {
  const name = relative(dir, file);
  counts.files++;
  let result;
  try {
    result = lintText(readFileSync(file, "utf8"), { filePath: file });
  } catch (error) {
    counts.crashes++;
    findings.push(`${name}: crash: ${error instanceof Error ? error.message : String(error)}`);
    continue;
  }
  const verdict = expected[name];
  if (!verdict) continue;
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  const loadErrors = errors.filter((d) => d.stage === "load");
  const validateErrors = errors.filter((d) => d.stage === "validate");
  const deployErrors = errors.filter((d) => d.stage === "deploy");
  const describe = (list) => list.map((d) => `${d.start.line}:${d.start.column} ${d.ruleId}: ${d.message}`).join(" | ");
  if (deployErrors.length > 0) counts.deployErrors++;
  if (verdict.loads) {
    const wrong = verdict.valid ? [...loadErrors, ...validateErrors] : loadErrors;
    if (wrong.length > 0) {
      counts.falseErrors++;
      findings.push(`${name}: false error (flyctl ${verdict.valid ? "accepts it" : "loads it"}): ${describe(wrong)}`);
    }
    if (!verdict.valid && validateErrors.length === 0) {
      counts.validateMisses++;
      findings.push(`${name}: validate miss: flyctl says ${JSON.stringify(verdict.errors)}`);
    }
    const reportedKeys = result.diagnostics.filter((d) => keyRules.has(d.ruleId)).map((d) => keyText(result, d));
    for (const path of verdict.unknownKeys ?? []) {
      if (!reportedKeys.includes(lastSegment(path))) {
        counts.unknownKeyMisses++;
        findings.push(`${name}: unknown-key miss: --strict reports ${path}`);
      }
    }
  } else if (loadErrors.length === 0) {
    counts.loadMisses++;
    findings.push(`${name}: load miss: flyctl says ${JSON.stringify(verdict.loadError)}`);
  }
}

for (const line of findings) console.log(line);
if (counts.deployErrors > 0) {
  console.log(`deploy-time errors (not disagreements with flyctl's validator): ${counts.deployErrors} files`);
}
console.log(
  `corpus: ${counts.files} files, ${counts.crashes} crashes, ${counts.falseErrors} false errors, ${counts.loadMisses} load misses, ` +
    `${counts.validateMisses} validate misses, ${counts.unknownKeyMisses} unknown-key misses`,
);
process.exitCode = counts.crashes + counts.falseErrors + counts.loadMisses + counts.unknownKeyMisses > 0 ? 1 : 0;
