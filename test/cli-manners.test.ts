import { spawnSync } from "node:child_process";
import { readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { largeConfig } from "../scripts/bench/large-configs.mjs";
import { bin, root, runFlylint, useProjects } from "./helpers/cli.js";

// The habits ESLint and Ruff users bring (issue 13, part 4), each tried on the built binary.
const project = useProjects("flylint-manners-");
const run = runFlylint;
const clean = `app = "web"\n`;

describe("did you mean", () => {
  it("suggests the subcommand a first argument that is no file was meant to be", () => {
    const cwd = project({ "fly.toml": clean });
    expect(run(["mirgate"], cwd)).toEqual({ code: 2, stdout: "", stderr: `flylint: "mirgate" is neither a command nor a file. Did you mean flylint migrate? (see flylint --help)\n` });
    expect(run(["rulse"], cwd).stderr).toContain("Did you mean flylint rules?");
    // Nothing close: the path is simply missing.
    expect(run(["deploy/fly.toml"], cwd)).toEqual({ code: 2, stdout: "", stderr: "flylint: no such file or directory: deploy/fly.toml\n" });
  });

  it("lints a file or folder named like a command", () => {
    const cwd = project({ "mirgate/fly.toml": `kill_timeout = "5"\n` });
    expect(run(["mirgate"], cwd).code).toBe(1);
  });

  it("suggests the option a misspelled one was meant to be, for the subcommands too", () => {
    const cwd = project({ "fly.toml": clean });
    expect(run(["--versoin"], cwd)).toEqual({ code: 2, stdout: "", stderr: "flylint: Unknown option '--versoin'. Did you mean --version? (see flylint --help)\n" });
    expect(run(["--no-colour"], cwd).stderr).toBe("flylint: Unknown option '--no-colour'. Did you mean --no-color? (see flylint --help)\n");
    expect(run(["migrate", "--dryrun"], cwd).stderr).toBe("flylint: Unknown option '--dryrun'. Did you mean --dry-run? (see flylint --help)\n");
    expect(run(["--frobnicate"], cwd).stderr).toBe("flylint: Unknown option '--frobnicate' (see flylint --help)\n");
  });

  it("suggests the rule id in --rule, explain, flylint.json and suppression comments", () => {
    const cwd = project({ "fly.toml": clean });
    expect(run(["--rule", "ha-two-machine=off"], cwd).stderr).toBe(`flylint: --rule ha-two-machine=off: unknown rule "ha-two-machine". Did you mean "ha-two-machines"? (see flylint --help)\n`);
    expect(run(["explain", "unkown-key"], cwd).stderr).toBe(`flylint: unknown rule "unkown-key". Did you mean "unknown-key"? (see flylint --help)\n`);
    const configured = project({ "fly.toml": clean, "flylint.json": JSON.stringify({ rules: { "localhost-bindings": "off" } }) });
    const config = run([], configured);
    expect(config.code).toBe(2);
    expect(config.stderr).toMatch(/^flylint: .*flylint\.json: unknown rule "localhost-bindings" in "rules"\. Did you mean "localhost-binding"\?\n$/);
    const suppressed = project({ "fly.toml": `# flylint-disable-next-line unknwon-key\napp = "web"\n` });
    expect(run(["-f", "compact"], suppressed).stdout).toBe(
      `fly.toml:1:29: warning "unknwon-key" is not a flylint rule, so this suppression does nothing. Did you mean "unknown-key"? [unused-suppression]\n`,
    );
  });
});

describe("flylint rules", () => {
  it("aligns every column under its heading", () => {
    const lines = run(["rules"], project({})).stdout.trimEnd().split("\n");
    const header = lines[0] as string;
    const starts = ["severity", "stage", "fix", "description"].map((name) => header.indexOf(name));
    for (const line of lines.slice(1)) {
      // Every cell starts at its heading's column: the previous cell, padded, ends two spaces before it.
      for (const start of starts) expect(line.slice(start - 2, start), line).toBe("  ");
    }
    const fixColumn = starts[2] as number;
    expect(lines.find((line) => line.startsWith("localhost-binding "))?.slice(fixColumn, fixColumn + 6)).toBe("unsafe");
    expect(lines.find((line) => line.startsWith("build-strategies "))?.slice(starts[0] as number, (starts[0] as number) + 8)).toBe("warning ");
  });
});

describe("nothing to lint", () => {
  const broken = `kill_timeout = "5"\n`;

  it("fails with one line when a folder given holds no fly config, for lint and migrate", () => {
    const cwd = project({ "apps/web/fly.toml": broken, "docs/README.md": "" });
    const message = "flylint: no fly.toml or fly.*.toml found in docs (.gitignore'd folders, node_modules and .git are not searched)\n";
    expect(run(["apps", "docs"], cwd)).toEqual({ code: 2, stdout: "", stderr: message });
    expect(run(["migrate", "--check", "docs"], cwd)).toEqual({ code: 2, stdout: "", stderr: message });
    // The search honours .gitignore: a folder whose only config it skips has nothing to lint.
    expect(run(["migrate", "--check"], project({ ".gitignore": "generated/\n", "generated/fly.toml": broken })).stderr).toBe(
      "flylint: no fly.toml or fly.*.toml found in . (.gitignore'd folders, node_modules and .git are not searched)\n",
    );
    expect(run(["apps"], cwd).code).toBe(1);
  });

  it("says so when a file named on the command line is ignored by flylint.json, and lints the others", () => {
    const cwd = project({ "flylint.json": JSON.stringify({ ignore: ["legacy/"] }), "legacy/fly.toml": broken, "fly.toml": clean });
    expect(run(["legacy/fly.toml", "fly.toml"], cwd)).toEqual({ code: 0, stdout: "", stderr: `flylint: legacy/fly.toml is ignored by "ignore" in flylint.json, so it was not linted\n` });
    expect(run(["migrate", "legacy/fly.toml"], cwd).stderr).toBe(`flylint: legacy/fly.toml is ignored by "ignore" in flylint.json, so it was not linted\n`);
    // Met while searching a folder, an ignored file is skipped without a word.
    expect(run([], cwd)).toEqual({ code: 0, stdout: "", stderr: "" });
  });
});

describe("flylint migrate for tools and CI", () => {
  const legacy = `app = "old"\nkill_timeout = 5\n`;

  it("--format json --dry-run prints the JSON report and nothing else, writing nothing", () => {
    const cwd = project({ "fly.toml": legacy });
    const { code, stdout, stderr } = run(["migrate", "--format", "json", "--dry-run"], cwd);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ schemaVersion: 1, written: false, totals: { files: 1, migrated: 1, changes: 1 } });
    expect(report.files).toEqual([{ path: "fly.toml", status: "migrated", changes: { "kill-timeout-number": 1 }, remaining: [] }]);
    expect(readFileSync(join(cwd, "fly.toml"), "utf8")).toBe(legacy);
    expect(JSON.parse(run(["migrate", "--format", "json"], cwd).stdout).written).toBe(true);
  });

  it("--check fails on a file that does not parse", () => {
    const cwd = project({ "fly.toml": `app = "x\n` });
    const { code, stdout } = run(["migrate", "--check"], cwd);
    expect(code).toBe(1);
    expect(stdout).toContain("fly.toml: skipped, it does not parse (1:9 TOML syntax error:");
    // Without --check the file is reported and left alone, as before.
    expect(run(["migrate"], cwd).code).toBe(0);
  });
});

describe("after --fix, --diff and --statistics", () => {
  // Two safe fixes (boolean autostop, a number in [env]), one unsafe (loopback HOST), one unfixable (unknown key).
  const config = `app = "web"\nbogus = 1\n[http_service]\n  internal_port = 8080\n  auto_stop_machines = true\n[env]\n  HOST = "127.0.0.1"\n  WORKERS = 4\n`;

  it("--fix ends with Ruff's summary and what --unsafe-fixes would add", () => {
    const cwd = project({ "fly.toml": config });
    const lines = run(["--fix"], cwd).stdout.trimEnd().split("\n");
    expect(lines.slice(-2)).toEqual(["✖ Found 4 problems (2 fixed, 2 remaining: 1 error, 1 warning)", "  1 more fixable with --unsafe-fixes"]);
    const unsafe = run(["--fix", "--unsafe-fixes"], project({ "fly.toml": config })).stdout.trimEnd().split("\n");
    expect(unsafe.slice(-1)).toEqual(["⚠ Found 4 problems (3 fixed, 1 remaining: 0 errors, 1 warning)"]);
    const dryRun = run(["--fix-dry-run"], project({ "fly.toml": config })).stdout.trimEnd().split("\n");
    expect(dryRun.slice(-2)).toEqual(["✖ Found 4 problems (2 fixable, 2 remaining: 1 error, 1 warning)", "  1 more fixable with --unsafe-fixes"]);
  });

  it("--diff exits 1 when it would change something, even with warnings only, and 0 when it would not", () => {
    const warningOnly = `app = "web"\n[http_service]\n  internal_port = 8080\n  auto_stop_machines = true\n`;
    const cwd = project({ "fly.toml": warningOnly });
    expect(run([], cwd).code).toBe(0);
    const diff = run(["--diff"], cwd);
    expect(diff.code).toBe(1);
    expect(diff.stdout).toContain(`+  auto_stop_machines = "stop"`);
    expect(run(["--diff", "--exit-zero"], cwd).code).toBe(0);
    expect(run(["--diff", "--stdin"], cwd, warningOnly).code).toBe(1);
    expect(run(["--diff"], project({ "fly.toml": `app = "web"\nbogus = 1\n` }))).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("--statistics counts problems per rule, most frequent first, as text and as JSON", () => {
    const cwd = project({ "a/fly.toml": config, "b/fly.toml": `app = "b"\nbogus = 1\nother = 2\n` });
    const text = run(["--statistics"], cwd);
    expect(text.code).toBe(1);
    expect(text.stdout).toBe(
      [
        "3  unknown-key                 warning",
        "1  auto-stop-machines-boolean  warning  1 fixable with --fix",
        "1  env-value-type              warning  1 fixable with --fix",
        "1  localhost-binding           error    1 fixable with --unsafe-fixes",
        "",
      ].join("\n"),
    );
    const json = JSON.parse(run(["--statistics", "-f", "json", "--rule", "unknown-key=error"], cwd).stdout);
    expect(json[0]).toEqual({ ruleId: "unknown-key", count: 3, severity: "error", fixable: { safe: 0, unsafe: 0 } });
    expect(json.map((s: { ruleId: string }) => s.ruleId)).toEqual(["unknown-key", "auto-stop-machines-boolean", "env-value-type", "localhost-binding"]);
  });
});

describe("config discovery", () => {
  const unknownKey = `app = "web"\nbogus = 1\n`;
  const errorsOf = (cwd: string, args: string[] = []) => (JSON.parse(run(["-f", "json", ...args], cwd).stdout) as { files: { path: string; errorCount: number }[] }).files.map((f) => [f.path, f.errorCount]);

  it("cascades from the nearest config upward: nearer rules win, every ignore applies", () => {
    const cwd = project({
      "flylint.json": JSON.stringify({ rules: { "unknown-key": "error" }, ignore: ["apps/web/old/"] }),
      "apps/web/flylint.json": JSON.stringify({ rules: { "ha-two-machines": "off" } }),
      "apps/web/fly.toml": unknownKey,
      "apps/web/old/fly.toml": unknownKey,
    });
    expect(errorsOf(cwd)).toEqual([["apps/web/fly.toml", 1]]);
  });

  it("stops at the repository root (a folder with .git) and at a config with \"root\": true", () => {
    const cwd = project({
      "flylint.json": JSON.stringify({ rules: { "unknown-key": "error" } }),
      "repo/.git/HEAD": "ref: refs/heads/main\n",
      "repo/fly.toml": unknownKey,
      "other/flylint.json": JSON.stringify({ root: true, rules: { "ha-two-machines": "off" } }),
      "other/fly.toml": unknownKey,
      "plain/fly.toml": unknownKey,
    });
    expect(errorsOf(cwd)).toEqual([
      ["other/fly.toml", 0],
      ["plain/fly.toml", 1],
      ["repo/fly.toml", 0],
    ]);
    expect(run([], project({ "flylint.json": JSON.stringify({ root: "yes" }), "fly.toml": unknownKey })).stderr).toMatch(/flylint\.json: "root" must be true or false \(got "yes"\)\n$/);
  });

  it("takes a dangling symlink named flylint.json, or a .git that is a file, as git and ESLint users expect", () => {
    // The search lists each folder; the lookup still asks the file system about every name it saw there.
    const cwd = project({
      "flylint.json": JSON.stringify({ rules: { "unknown-key": "error" } }),
      "linked/fly.toml": unknownKey,
      "worktree/.git": "gitdir: /elsewhere/.git/worktrees/x\n",
      "worktree/fly.toml": unknownKey,
    });
    symlinkSync(join(cwd, "gone.json"), join(cwd, "linked", "flylint.json"));
    // The dangling link is no config (the root's applies); a .git file (a worktree) stops the cascade as a folder does.
    expect(errorsOf(cwd)).toEqual([
      ["linked/fly.toml", 1],
      ["worktree/fly.toml", 0],
    ]);
  });

  it("says which file it reads when a folder has both flylint.json and .flylintrc.json", () => {
    const cwd = project({
      "apps/flylint.json": JSON.stringify({ rules: { "unknown-key": "error" } }),
      "apps/.flylintrc.json": JSON.stringify({ rules: { "unknown-key": "off" } }),
      "apps/a/fly.toml": unknownKey,
      "apps/b/fly.toml": unknownKey,
    });
    const { code, stderr } = run([], cwd);
    expect(code).toBe(1);
    // Once for the folder, however many files it holds.
    expect(stderr).toBe("flylint: apps has flylint.json and .flylintrc.json; using flylint.json\n");
  });

  it("--print-config shows the files and every rule's severity a file is linted with", () => {
    const cwd = project({
      "flylint.json": JSON.stringify({ rules: { "unknown-key": "error" }, ignore: ["legacy/"] }),
      "apps/web/.flylintrc.json": JSON.stringify({ rules: { "ha-two-machines": "off" } }),
      "apps/web/fly.toml": unknownKey,
    });
    const printed = run(["--print-config", "apps/web/fly.toml", "--rule", "vm-size=off"], cwd);
    expect(printed.code).toBe(0);
    const config = JSON.parse(printed.stdout);
    expect(config).toMatchObject({ file: "apps/web/fly.toml", configFiles: ["apps/web/.flylintrc.json", "flylint.json"], ignoredBy: null });
    expect(config.rules).toMatchObject({ "unknown-key": "error", "ha-two-machines": "off", "vm-size": "off", "toml-syntax": "error", "auto-stop-machines-boolean": "warning" });
    const rulesList = JSON.parse(run(["rules", "-f", "json"], cwd).stdout) as { id: string }[];
    expect(Object.keys(config.rules)).toEqual(rulesList.map((r) => r.id));
    expect(JSON.parse(run(["--print-config", "legacy/fly.toml"], cwd).stdout)).toMatchObject({ configFiles: ["flylint.json"], ignoredBy: "flylint.json" });
  });
});

describe("--report and the README's options table", () => {
  it("--report writes more formats from the same lint; a bad one is a usage error", () => {
    const cwd = project({ "fly.toml": `kill_timeout = "5"\n` });
    const { code, stdout } = run(["--format", "compact", "--report", "sarif=out/../flylint.sarif", "--report", "json=report.json"], cwd);
    expect(code).toBe(1);
    expect(stdout).toBe(`fly.toml:1:16: error kill_timeout must be a duration with a unit, such as "10s" (got "5") [invalid-value]\n`);
    expect(JSON.parse(readFileSync(join(cwd, "flylint.sarif"), "utf8")).runs[0].results[0].ruleId).toBe("invalid-value");
    expect(JSON.parse(readFileSync(join(cwd, "report.json"), "utf8")).errorCount).toBe(1);
    expect(run(["--report", "sarf=x.sarif"], cwd).stderr).toBe(`flylint: --report sarf=x.sarif: unknown format "sarf". Did you mean "sarif"? (formats: stylish, json, compact, github, gitlab, sarif) (see flylint --help)\n`);
    expect(run(["--report", "sarif"], cwd).stderr).toBe("flylint: --report sarif: give a file after the format, e.g. --report sarif=flylint.sarif (see flylint --help)\n");
  });

  it("lists every option --help shows", () => {
    const help = run(["--help"], project({})).stdout;
    const options = [...help.matchAll(/^ {2}(?:-\w, )? *--(?:\[no-\])?([\w-]+)/gm)].map((m) => m[1] as string);
    expect(options.length).toBeGreaterThan(10);
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const table = readme.slice(readme.indexOf("| option | what it does |"), readme.indexOf("### Fixing"));
    for (const option of options) expect(table, `--${option}`).toMatch(new RegExp(`^\\| \`(-\\w, )?--${option}[ \`]`, "m"));
  });
});

describe("long messages", () => {
  it("stylish shows a long message's first sentence as the headline and the rest wrapped below it; tools get it whole", () => {
    const cwd = project({ "fly.toml": `app = "web"\n[http_service]\n  internal_port = 8080\n  auto_stop_machines = "off"\n` });
    const [message] = JSON.parse(run(["-f", "json"], cwd).stdout).files[0].diagnostics.map((d: { message: string }) => d.message) as string[];
    expect(message?.length).toBeGreaterThan(200);
    const lines = run([], cwd).stdout.split("\n");
    const headline = lines[1] as string;
    const firstSentence = (message as string).slice(0, (message as string).indexOf(". ") + 1);
    expect(headline).toBe(`  2:2  info  ${firstSentence}  ha-two-machines`);
    const details = lines.slice(2, lines.findIndex((line) => line.startsWith("    1 |")));
    expect(details.length).toBeGreaterThan(1);
    for (const line of details) {
      expect(line.startsWith("    ")).toBe(true);
      expect(line.length).toBeLessThanOrEqual(100);
    }
    expect(`${firstSentence} ${details.map((line) => line.trim()).join(" ")}`).toBe(message);
  });

  it("keeps a short message on one line", () => {
    const cwd = project({ "fly.toml": `app = "web"\nbogus = 1\n` });
    expect(run([], cwd).stdout.split("\n")[1]).toBe(`  2:1  warning  Unknown key "bogus" in the top-level table: flyctl ignores it.  unknown-key`);
  });
});

describe("the same report on every machine", () => {
  it("lists a folder's files in one order whatever the locale (Unicode's root collation, as in English)", () => {
    const folders = ["b", "Z", "aa", "äa", "app-10", "app-2", "Ib", "ıb", "A", "a"];
    const cwd = project(Object.fromEntries(folders.map((folder) => [`${folder}/fly.toml`, `app = "x"\nkill_timeout = "5"\n`])));
    const order = (locale: string) => {
      const env = { ...process.env, LANG: locale, LC_ALL: locale, NO_COLOR: "1" };
      const result = spawnSync(process.execPath, [bin, "--format", "json", "--statistics"], { cwd, encoding: "utf8", env });
      const listed = spawnSync(process.execPath, [bin, "--format", "json"], { cwd, encoding: "utf8", env });
      return { statistics: result.stdout, files: (JSON.parse(listed.stdout) as { files: { path: string }[] }).files.map((file) => file.path.split("/")[0]) };
    };
    const english = order("C.UTF-8");
    expect(english.files).toEqual(["a", "A", "aa", "äa", "app-10", "app-2", "b", "Ib", "ıb", "Z"]);
    // localeCompare put "aa" after "z" in Danish, "ı" before "I" in Turkish.
    expect(order("da_DK.UTF-8")).toEqual(english);
    expect(order("tr_TR.UTF-8")).toEqual(english);
  });
});

describe("output to a pipe", () => {
  it("writes a report of several chunks whole to a non-blocking pipe that is full (EAGAIN: the rest goes through the stream)", () => {
    // A 100 KB legacy config: a JSON report of about 2.6 million characters, in packed writes of up to
    // 256 KB, so the writes after the one told EAGAIN go through the stream too.
    const cwd = project({ "fly.toml": largeConfig("legacy", 100_000) });
    const env = { ...process.env, NO_COLOR: "1", FORCE_COLOR: "" };
    const expected = spawnSync(process.execPath, [bin, "--format", "json"], { cwd, encoding: "utf8", maxBuffer: 1 << 28, env });
    expect(Buffer.byteLength(expected.stdout)).toBeGreaterThan(2_200_000);
    // flylint's standard output is set non-blocking, and its reader reads nothing until the pipe is full
    // (FIONREAD says how much is waiting): flylint has then been told EAGAIN with most of the report unwritten.
    const writer = `import fcntl, os, sys; fcntl.fcntl(1, fcntl.F_SETFL, fcntl.fcntl(1, fcntl.F_GETFL) | os.O_NONBLOCK); os.execv(sys.argv[1], sys.argv[1:])`;
    const reader = [
      "import array, fcntl, sys, termios, time",
      "def waiting():",
      "    n = array.array('i', [0]); fcntl.ioctl(0, termios.FIONREAD, n); return n[0]",
      "while waiting() < 60000: time.sleep(0.01)",
      "sys.stdout.buffer.write(sys.stdin.buffer.read())",
    ].join("\n");
    const shell = `python3 -c "$WRITER" ${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} --format json | python3 -c "$READER"`;
    const piped = spawnSync("sh", ["-c", shell], { cwd, encoding: "utf8", maxBuffer: 1 << 28, timeout: 120_000, env: { ...env, WRITER: writer, READER: reader } });
    expect(piped.stderr).toBe("");
    expect(piped.stdout).toBe(expected.stdout);
  });
});
