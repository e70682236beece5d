// npm run check:corpus -- DIR
// Lints every .toml under DIR and, where DIR holds flyctl's own verdicts (expected.json), compares them with
// flylint's: a file flyctl loads must get no load error, a file it refuses must get one, a file its validator
// fails should get a validate error, and every unknown key `fly config validate --strict` lists must be reported.
// With --fix it also applies every fix (unsafe ones included) to each file in memory and checks that the
// result parses, has no load error the original did not have, and that fixing it again changes nothing.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { analyzeDocument, configShowJson, diffConfigTexts, fixText, lintText, migrationRuleIds, normalize, parseDocument, planText, sameConfig } from "../dist/index.js";

const args = process.argv.slice(2);
const withFixes = args.includes("--fix");
const dir = args.find((arg) => !arg.startsWith("--"));
if (!dir || !existsSync(dir)) {
  console.error("usage: npm run check:corpus -- DIR [--fix] (a folder of .toml files, optionally with expected.json)");
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
// Rules that report keys flyctl leaves unused: unknown ones, case variants, and legacy keys (whose migration rules say more).
const keyRules = new Set(["unknown-key", "key-case", "v1-leftovers", "experimental-kill-timeout", "experimental-metrics", "legacy-checks-array"]);

/** The last key of a strict-validation path such as `statics[0].Url_Prefix` or `checks.x.name`. */
function lastSegment(path) {
  return path.replace(/\[\d+\]/g, "").split(".").pop();
}

function keyText(result, diagnostic) {
  return result.text.slice(diagnostic.range.start, diagnostic.range.end).replace(/^["']|["']$/g, "");
}

const counts = { files: 0, crashes: 0, falseErrors: 0, loadMisses: 0, validateMisses: 0, unknownKeyMisses: 0, deployErrors: 0, countMismatches: 0, normalizeMismatches: 0, normalizeCompared: 0 };
const droppedByReason = {};
const fixCounts = { changed: 0, fixes: 0, newLoadErrors: 0, notIdempotent: 0, crashes: 0, migrated: 0, meaningChanged: 0, legacyLeft: 0 };
const fixesByRule = new Map();
const migrationsByRule = new Map();

function countByRule(counts, diagnostics) {
  for (const d of diagnostics) counts.set(d.ruleId, (counts.get(d.ruleId) ?? 0) + 1);
}

function describeByRule(counts) {
  return [...counts].sort((a, b) => b[1] - a[1]).map(([rule, n]) => `${rule} ${n}`).join(", ") || "none";
}
const findings = [];

// flylint diff: a loading file against its own normalized record printed as `fly config show` would (no
// difference expected), and a mutant against its source file (the key paths flyctl's two records differ in).
const diffCounts = { own: 0, ownDiffer: 0, ownGroupsDiffer: 0, mutants: 0, mutantsChanged: 0, mutantsDiffer: 0, groupsDiffer: 0, failed: 0 };
const changePaths = (diff) => diff.changes.map((c) => `${c.change} ${c.path}`).sort().join(", ");
// Group changes with their machine-config changes as a set: a section one side lacks is listed in the other's key order.
const groupChanges = (diff) => JSON.stringify(diff.groups.map((g) => ({ ...g, machineConfig: g.machineConfig.map((c) => JSON.stringify(c)).sort() })));

function checkDiff(name, text, verdict) {
  try {
    diffCounts.own++;
    const own = diffConfigTexts(text, configShowJson(verdict.normalized), { compareBuild: true });
    if (own.changes.length > 0) {
      diffCounts.ownDiffer++;
      findings.push(`${name}: flylint diff finds differences from flyctl's normalized config: ${changePaths(own)}`);
    }
    // Not a key difference: flyctl holds an entry its JSON prints as {} (a [[services]] of unknown keys only), which loading that JSON drops.
    const recordPlansTrue = own.groups.length === 0;
    if (!recordPlansTrue) {
      diffCounts.ownGroupsDiffer++;
      findings.push(`${name}: its plan differs from the plan of its normalized record reloaded, in group ${own.groups.map((g) => g.name).join(", ")}`);
    }
    const source = verdict.source ? expected[verdict.source] : undefined;
    if (!source?.loads || !source.normalized) return;
    diffCounts.mutants++;
    const fromRecords = diffConfigTexts(configShowJson(source.normalized), configShowJson(verdict.normalized), { compareBuild: true });
    const fromFiles = diffConfigTexts(readFileSync(join(dir, verdict.source), "utf8"), text, { compareBuild: true });
    const flyctls = changePaths(fromRecords);
    const ours = changePaths(fromFiles);
    if (flyctls !== "") diffCounts.mutantsChanged++;
    // Machine by Machine: the plans of the two files change the same groups in the same way as those of the two records
    // (where the mutant's record plans as the mutant does; see above).
    if (recordPlansTrue && groupChanges(fromFiles) !== groupChanges(fromRecords)) {
      diffCounts.groupsDiffer++;
      findings.push(`${name}: flylint diff's group changes against ${verdict.source} differ from those of flyctl's records`);
    }
    if (ours !== flyctls) {
      diffCounts.mutantsDiffer++;
      findings.push(`${name}: flylint diff against ${verdict.source} (${verdict.change}) reports [${ours}], flyctl's records differ in [${flyctls}]`);
    }
  } catch (error) {
    diffCounts.failed++;
    findings.push(`${name}: flylint diff failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Go duration text or nanoseconds, as nanoseconds. */
function nanoseconds(value) {
  if (value == null || typeof value === "number") return value ?? null;
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:([\d.]+)(ms|s|µs|us|ns))?$/.exec(value);
  if (!match) return value;
  const unit = { ms: 1e6, s: 1e9, "µs": 1e3, us: 1e3, ns: 1 }[match[4] ?? "s"];
  return Math.round(((Number(match[1]) || 0) * 3600 + (Number(match[2]) || 0) * 60) * 1e9 + (Number(match[3]) || 0) * unit);
}

const sorted = (object) => Object.fromEntries(Object.entries(object ?? {}).sort());

/**
 * The facts of a normalized config that flyctl's own normalized output (expected.json) and flylint's
 * normalize() should share: [http_service] is expanded as flyctl expands it, durations are nanoseconds.
 */
function normalizedFacts(config, fromFlyctl) {
  const services = [...(config.services ?? [])];
  const http = fromFlyctl ? config.http_service : undefined;
  if (http) services.push({ protocol: "tcp", internal_port: http.internal_port, auto_stop_machines: http.auto_stop_machines, processes: http.processes, concurrency: http.concurrency, ports: [{ port: 80, handlers: ["http"], force_https: http.force_https }, { port: 443, handlers: ["http", "tls"] }], http_checks: http.checks ?? [] });
  const autostop = (v) => (v === true ? "stop" : v === false ? "off" : v ?? null);
  const checks = (list) => (list ?? []).map((c) => [nanoseconds(c.interval), nanoseconds(c.timeout), nanoseconds(c.grace_period)]);
  return JSON.stringify({
    env: sorted(config.env),
    processes: sorted(config.processes),
    kill_timeout: nanoseconds(config.kill_timeout),
    vm: (config.vm ?? []).map((v) => v.memory ?? null),
    mounts: (config.mounts ?? []).map((m) => [m.source ?? null, m.initial_size ?? null]),
    checks: Object.keys(config.checks ?? {}).sort(),
    metrics: (config.metrics ?? []).map((m) => [m.port ?? null, m.path ?? null]),
    buildTarget: config.build?.["build-target"] ?? null,
    services: services
      .map((svc) => JSON.stringify([svc.protocol ?? "", svc.internal_port ?? 0, autostop(svc.auto_stop_machines), svc.processes ?? null, svc.concurrency ? sorted(svc.concurrency) : null, (svc.ports ?? []).map((p) => [p.port ?? null, [...(p.handlers ?? [])].sort(), p.force_https ? true : null]), checks(svc.http_checks), checks(svc.tcp_checks)]))
      .sort(),
  });
}

function normalized(text) {
  const parsed = parseDocument(text);
  return parsed.ok ? normalize(analyzeDocument(parsed.document.root).canonical) : undefined;
}

/** flylint migrate in memory: the meaning must not change, a second run must change nothing, no legacy form may remain. */
function checkMigration(name, text) {
  const outcome = fixText(text, { unsafe: true, onlyRules: migrationRuleIds });
  if (outcome.output === text) return;
  fixCounts.migrated++;
  countByRule(migrationsByRule, outcome.applied);
  const before = normalized(text);
  const after = normalized(outcome.output);
  if (!before || !after || !sameConfig(before, after)) {
    fixCounts.meaningChanged++;
    findings.push(`${name}: migrating changes what flyctl reads: ${JSON.stringify(before).slice(0, 300)} → ${JSON.stringify(after).slice(0, 300)}`);
  }
  if (fixText(outcome.output, { unsafe: true, onlyRules: migrationRuleIds }).output !== outcome.output) {
    fixCounts.notIdempotent++;
    findings.push(`${name}: a second migrate changes the file again`);
  }
  const left = outcome.result.diagnostics.filter((d) => migrationRuleIds.has(d.ruleId) && d.fix);
  if (left.length > 0) {
    fixCounts.legacyLeft++;
    findings.push(`${name}: legacy forms left after migrate: ${left.map((d) => d.ruleId).join(", ")}`);
  }
}

/** Applies every fix to a file in memory and reports what would break. */
function checkFixes(name, text, before) {
  let outcome;
  try {
    outcome = fixText(text, { unsafe: true });
  } catch (error) {
    fixCounts.crashes++;
    findings.push(`${name}: fix crash: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  for (const { diagnostic, reason } of outcome.dropped) {
    droppedByReason[reason] = (droppedByReason[reason] ?? 0) + 1;
    findings.push(`${name}: the engine refused the ${diagnostic.ruleId} fix: ${reason}`);
  }
  if (outcome.output === text) return;
  fixCounts.changed++;
  fixCounts.fixes += outcome.applied.length;
  countByRule(fixesByRule, outcome.applied);
  const loadErrors = (result) => result.diagnostics.filter((d) => d.severity === "error" && d.stage === "load").length;
  if (loadErrors(outcome.result) > loadErrors(before)) {
    fixCounts.newLoadErrors++;
    findings.push(`${name}: fixes add a load error: ${outcome.result.diagnostics.filter((d) => d.stage === "load").map((d) => d.message).join(" | ")}`);
  }
  if (fixText(outcome.output, { unsafe: true }).output !== outcome.output) {
    fixCounts.notIdempotent++;
    findings.push(`${name}: a second --fix changes the file again`);
  }
}
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
  if (withFixes) {
    checkFixes(name, readFileSync(file, "utf8"), result);
    if (!verdict || verdict.loads) checkMigration(name, readFileSync(file, "utf8"));
  }
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
    if (verdict.normalized) {
      checkDiff(name, readFileSync(file, "utf8"), verdict);
      counts.normalizeCompared++;
      const ours = normalized(readFileSync(file, "utf8"));
      if (!ours || normalizedFacts(ours, false) !== normalizedFacts(verdict.normalized, true)) {
        counts.normalizeMismatches++;
        findings.push(`${name}: normalize() differs from flyctl's normalized config`);
      }
    }
    // Finer than the verdict: as many validate errors and warnings as fly config validate prints.
    const validateWarnings = result.diagnostics.filter((d) => d.stage === "validate" && d.severity === "warning");
    if (validateErrors.length !== verdict.errors.length || validateWarnings.length !== verdict.warnings.length) {
      counts.countMismatches++;
      findings.push(`${name}: fly config validate prints ${verdict.errors.length} errors and ${verdict.warnings.length} warnings, flylint ${validateErrors.length} and ${validateWarnings.length}`);
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

// Plan check: every group of every file flyctl loads, against flyctl's ToMachineConfig (expected-machines.json).
const machinesPath = join(dir, "expected-machines.json");
const planCounts = { groups: 0, differ: 0, unloadedGroups: 0, unloadedMissed: 0 };
/** JSON with object keys sorted, so key order is no difference. */
const stable = (value) => JSON.stringify(value, (_, v) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));
function differingKeys(ours, theirs) {
  const keys = new Set([...Object.keys(ours ?? {}), ...Object.keys(theirs ?? {})]);
  return [...keys].filter((key) => stable(ours?.[key]) !== stable(theirs?.[key]));
}
if (existsSync(machinesPath)) {
  const machines = JSON.parse(readFileSync(machinesPath, "utf8"));
  for (const [name, record] of Object.entries(machines)) {
    if (name === "about" || !record.loads) continue;
    const file = join(dir, name);
    const readFile = (path) => {
      const full = join(dirname(file), path);
      return existsSync(full) ? readFileSync(full, "utf8") : undefined;
    };
    const result = planText(readFileSync(file, "utf8"), { readFile });
    const ours = new Map(result.ok ? result.plan.groups.map((g) => [g.name, g]) : []);
    const loads = expected[name]?.loads !== false;
    for (const [group, theirs] of Object.entries(record.groups)) {
      const mine = ours.get(group);
      if (!loads) {
        planCounts.unloadedGroups++;
        if (!mine || mine.error === null) {
          planCounts.unloadedMissed++;
          findings.push(`${name}: plan group ${group}: flyctl fails (${theirs.error}), flylint does not`);
        }
        continue;
      }
      planCounts.groups++;
      const count = record.firstDeployCount?.[group] ?? null;
      const problems = [];
      if (!mine) problems.push("missing");
      else {
        if (mine.error !== theirs.error) problems.push(`error ${JSON.stringify(mine.error)} instead of ${JSON.stringify(theirs.error)}`);
        const keys = differingKeys(mine.config, theirs.config);
        if (keys.length > 0) problems.push(`config differs at ${keys.join(", ")}: ${keys.map((k) => `${stable(mine.config?.[k])} vs ${stable(theirs.config?.[k])}`).join(" | ").slice(0, 400)}`);
        const firstDeploy = count && { total: count.total, started: count.started, standby: count.standby };
        if (stable(mine.firstDeploy) !== stable(firstDeploy)) problems.push(`first deploy ${stable(mine.firstDeploy)} instead of ${stable(firstDeploy)}`);
      }
      if (problems.length > 0) {
        planCounts.differ++;
        findings.push(`${name}: plan group ${group}: ${problems.join("; ")}`);
      }
    }
    for (const group of ours.keys()) {
      if (loads && !(group in record.groups)) {
        planCounts.groups++;
        planCounts.differ++;
        findings.push(`${name}: plan group ${group}: flyctl has no such group`);
      }
    }
  }
}

for (const line of findings) console.log(line);
if (withFixes) {
  console.log(`fix: ${fixCounts.changed} files changed by ${fixCounts.fixes} fixes (${describeByRule(fixesByRule)}), ${fixCounts.newLoadErrors} with new load errors, ${fixCounts.notIdempotent} not idempotent, ${fixCounts.crashes} crashes`);
  // Each is a rule proposing an edit that would break the file; the engine caught it, the rule should not make it.
  const refused = Object.entries(droppedByReason);
  console.log(`fix guard: ${refused.reduce((sum, [, n]) => sum + n, 0)} fixes refused by the engine${refused.length ? ` (${refused.map(([r, n]) => `${r} ${n}`).join(", ")})` : ""}`);
  console.log(`migrate: ${fixCounts.migrated} loading files migrated (${describeByRule(migrationsByRule)}), ${fixCounts.meaningChanged} whose meaning to flyctl changed, ${fixCounts.legacyLeft} with legacy forms left`);
}
if (counts.normalizeCompared > 0) {
  console.log(`normalize detail: ${counts.normalizeMismatches} of ${counts.normalizeCompared} loading files where flylint's model of flyctl's loading differs from flyctl's normalized config`);
}
if (planCounts.groups > 0) {
  console.log(`plan: ${planCounts.differ} of ${planCounts.groups} groups (files flyctl loads) differ from flyctl's ToMachineConfig and first-deploy count; ${planCounts.unloadedMissed} of ${planCounts.unloadedGroups} groups of files it cannot load get no error`);
}
if (diffCounts.own > 0) {
  console.log(
    `diff: ${diffCounts.own - diffCounts.ownDiffer} of ${diffCounts.own} loading files show no difference from their normalized record (${diffCounts.ownGroupsDiffer} plan other Machines than the record reloaded); ` +
      `${diffCounts.mutants - diffCounts.mutantsDiffer} of ${diffCounts.mutants} loading mutants differ from their source in exactly the key paths flyctl's records do (${diffCounts.mutantsChanged} change what flyctl holds, the others only its spelling), ${diffCounts.groupsDiffer} with other group changes; ${diffCounts.failed} failures`,
  );
}
console.log(`validate detail: ${counts.countMismatches} files where flylint's validate errors or warnings differ in number from fly config validate's`);
if (counts.deployErrors > 0) {
  console.log(`deploy-time errors (not disagreements with flyctl's validator): ${counts.deployErrors} files`);
}
console.log(
  `corpus: ${counts.files} files, ${counts.crashes} crashes, ${counts.falseErrors} false errors, ${counts.loadMisses} load misses, ` +
    `${counts.validateMisses} validate misses, ${counts.unknownKeyMisses} unknown-key misses`,
);
const fixProblems = fixCounts.newLoadErrors + fixCounts.notIdempotent + fixCounts.crashes + fixCounts.meaningChanged + fixCounts.legacyLeft;
const diffProblems = diffCounts.ownDiffer + diffCounts.mutantsDiffer + diffCounts.groupsDiffer + diffCounts.failed;
process.exitCode = counts.crashes + counts.falseErrors + counts.loadMisses + counts.unknownKeyMisses + fixProblems + planCounts.differ + planCounts.unloadedMissed + diffProblems > 0 ? 1 : 0;
