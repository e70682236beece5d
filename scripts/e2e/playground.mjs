// The playground tested in a real browser (`npm run test:e2e:playground`, run by .ci/run): Debian's
// Chromium driven by playwright-core opens the built page from a local node:http server, types a broken
// config, checks the diagnostics at their lines, applies fixes, reads hover docs, completes a key, loads the
// migrated file, and opens a share link in a fresh page. Chromium is installed when missing; without it the
// test is skipped with a message. No step is timed: the limits below only stop a hang.
//   node scripts/e2e/playground.mjs [--update-screenshot]   (the README's screenshot: playground/screenshot.png)
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { inflateRawSync } from "node:zlib";
import { assert, assertEqual } from "./assertions.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const artifacts = join(root, "scratch/e2e");
const screenshot = join(artifacts, "playground.png");
/** Only a hang hits this: every wait is for a condition, never for a time. */
const hangLimit = 180_000;

function ensureChromium() {
  if (existsSync(chromiumPath)) return true;
  console.log("playground e2e: installing Debian's chromium…");
  const install = spawnSync("sh", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null"], { stdio: "inherit" });
  return install.status === 0 && existsSync(chromiumPath);
}

/** Serves the built folder on 127.0.0.1 and records every path asked for. */
async function serve(folder) {
  const requested = [];
  const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8" };
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
    requested.push(path);
    const file = normalize(join(folder, path === "/" ? "index.html" : path));
    if (!file.startsWith(folder + sep) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, requested, origin: `http://127.0.0.1:${server.address().port}` };
}

/** The text a `#code/` fragment holds, decoded here independently of the page's own code. */
function decodeHash(hash) {
  if (!hash.startsWith("#code/")) return undefined;
  try {
    return inflateRawSync(Buffer.from(hash.slice("#code/".length), "base64url")).toString("utf8");
  } catch {
    return undefined;
  }
}

const results = [];
async function step(name, body) {
  try {
    await body();
    results.push({ name, ok: true });
    console.log(`ok - ${name}`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`not ok - ${name}\n  ${String(error?.stack ?? error).split("\n").join("\n  ")}`);
  }
}

async function main() {
  if (!ensureChromium()) {
    console.log(`playground e2e SKIPPED: chromium could not be installed (${chromiumPath} is missing); the browser test did not run.`);
    return 0;
  }
  const { chromium } = await import("playwright-core");
  const { buildPlayground } = await import("../build-playground.mjs");
  const flylint = await import("../../dist/index.js");
  const folder = await buildPlayground(join(root, "playground/dist"));
  const { server, requested, origin } = await serve(folder);
  const userDataDir = mkdtempSync(join(tmpdir(), "flylint-playground-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    // Without the background-networking flags Chromium keeps calling home, which a closed network answers slowly.
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: { width: 1360, height: 900 },
    timeout: hangLimit,
  });
  context.setDefaultTimeout(hangLimit);
  const outside = [];
  // Nothing may leave the page: any request off this origin is recorded (and refused) and fails the test.
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`)) return route.continue();
    outside.push(url);
    return route.abort();
  });
  const pageErrors = [];
  const openPage = async (url) => {
    const page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(String(error)));
    page.on("console", (message) => {
      if (message.type() === "error") pageErrors.push(message.text());
    });
    await page.goto(url);
    await page.waitForSelector("body[data-ready=true]");
    return page;
  };
  const editorText = (page) => page.evaluate(() => window.flylintPlayground.view.state.doc.toString());
  /** The problems the page lists, once they are those flylint finds in the editor's text. */
  const problemsShown = async (page) => {
    const text = await editorText(page);
    const expected = flylint.lintText(text).diagnostics.map((d) => `${d.start.line} ${d.ruleId}`);
    await page.waitForFunction((want) => [...document.querySelectorAll("#problem-list li")].map((li) => `${li.dataset.line} ${li.dataset.rule}`).join("|") === want, expected.join("|"));
    const inEditor = await page.evaluate(() => window.flylintPlayground.diagnostics().map((d) => `${d.line} ${d.ruleId}`));
    assertEqual(inEditor, expected, "the editor's diagnostics (line and rule)");
    return expected;
  };

  let page;
  const broken = ['app = "pg-e2e"', 'kill_timeout = "10m"', "", "[env]", "PORT = 8080", "", "[http_service]", 'internal_port = "8080"', "auto_stop_machines = true", "min_machine_running = 0"];
  /** Moves the mouse over a character of the editor's text (the first `text`, `into` characters in). */
  const hoverText = async (text, into = 2) => {
    const point = await page.evaluate(
      ([needle, offset]) => {
        const view = window.flylintPlayground.view;
        const at = view.state.doc.toString().indexOf(needle);
        const box = at === -1 ? null : view.coordsAtPos(at + offset);
        return box && { x: box.left + 1, y: (box.top + box.bottom) / 2 };
      },
      [text, into],
    );
    assert(point, `${text} is in the editor and on screen`);
    await page.mouse.move(0, 0);
    await page.mouse.move(point.x, point.y);
  };

  await step("the page loads with an example and lints it", async () => {
    page = await openPage(`${origin}/`);
    const problems = await problemsShown(page);
    assert(problems.includes("18 unknown-key"), `the example's typo on line 18 is reported (got ${problems.join(", ")})`);
  });

  await step("typing a broken config shows its diagnostics at the right lines", async () => {
    await page.click(".cm-content");
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Delete");
    for (const [index, line] of broken.entries()) {
      await page.keyboard.type(line);
      // Close any completion list so Enter starts a new line instead of accepting a suggestion.
      await page.keyboard.press("Escape");
      if (index < broken.length - 1) await page.keyboard.press("Enter");
    }
    assertEqual(await editorText(page), broken.join("\n"), "the editor's text after typing");
    const problems = await problemsShown(page);
    for (const want of ["2 kill-timeout", "5 env-value-type", "8 invalid-value", "9 auto-stop-machines-boolean", "10 unknown-key"]) assert(problems.includes(want), `${want} is shown (got ${problems.join(", ")})`);
    assert((await page.locator(".cm-lint-marker-error").count()) > 0, "the gutter marks the errors");
  });

  await step("hovering a problem shows its message and the rule's page", async () => {
    await hoverText("true");
    const tooltip = page.locator(".cm-tooltip-lint");
    await tooltip.waitFor();
    const text = await tooltip.innerText();
    assert(text.includes("auto-stop-machines-boolean"), `the tooltip names the rule: ${text}`);
    assert(text.includes("Why it matters on Fly.io"), `the tooltip holds the rule's page: ${text}`);
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: screenshot });
  });

  await step("the quick fix in the tooltip applies the fix", async () => {
    await page.locator(".cm-tooltip-lint .cm-diagnosticAction", { hasText: "Replace true with" }).click();
    const lines = (await editorText(page)).split("\n");
    assertEqual(lines[8], 'auto_stop_machines = "stop"', "line 9 after the fix");
    const problems = await problemsShown(page);
    assert(!problems.some((p) => p.endsWith("auto-stop-machines-boolean")), "the fixed problem is gone");
  });

  await step("hovering a key shows the schema's documentation", async () => {
    await hoverText("internal_port", 4);
    const tooltip = page.locator(".schema-tooltip");
    await tooltip.waitFor();
    const text = await tooltip.innerText();
    assert(text.includes("http_service.internal_port") && text.includes("Port the app listens on"), `the key's description is shown: ${text}`);
  });

  await step("completion offers the schema's keys of the table", async () => {
    await page.mouse.move(0, 0);
    await page.click(".cm-content");
    await page.keyboard.press("Control+End");
    await page.keyboard.press("Enter");
    await page.keyboard.type("force_ht");
    const option = page.locator(".cm-tooltip-autocomplete li", { hasText: "force_https" });
    // A click, not Enter: the list ignores keys for its first 75 ms, and this test waits on no clock.
    await option.click();
    await page.keyboard.type("true");
    assertEqual((await editorText(page)).split("\n").at(-1), "force_https = true", "the completed line");
  });

  await step("the problems list's Fix button fixes that problem", async () => {
    await page.click('#problem-list li[data-rule="kill-timeout"] button.fix');
    await page.waitForFunction(() => window.flylintPlayground.view.state.doc.line(2).text === 'kill_timeout = "5m"');
    const problems = await problemsShown(page);
    assert(!problems.includes("2 kill-timeout"), "the fixed problem is gone");
  });

  await step("Fix all applies what flylint --fix --unsafe-fixes would", async () => {
    const before = await editorText(page);
    await page.check("#unsafe");
    await page.click("#fix-all");
    const want = flylint.fixText(before, { unsafe: true }).output;
    await page.waitForFunction((text) => window.flylintPlayground.view.state.doc.toString() === text, want);
    assert((await page.locator("#status").innerText()).startsWith("Fixed "), "the status says what was fixed");
    await problemsShown(page);
  });

  await step("the text is kept in the address, and the link opens the same config in a new page", async () => {
    const text = await editorText(page);
    // The page writes the address a moment after typing stops: wait for it to hold this text.
    for (let hash = await page.evaluate(() => location.hash); decodeHash(hash) !== text; ) {
      await page.waitForFunction((old) => location.hash !== old, hash);
      hash = await page.evaluate(() => location.hash);
    }
    await page.click("#copy-link");
    const link = await page.inputValue("#share-link");
    assertEqual(decodeHash(new URL(link).hash), text, "the copied link's config");
    const other = await openPage(link);
    assertEqual(await editorText(other), text, "the config the link opens");
    await problemsShown(other);
    await other.close();
  });

  await step("a damaged link says so and shows the example", async () => {
    const damaged = await openPage(`${origin}/#code/AAAA-not-deflate`);
    const status = await damaged.locator("#status").innerText();
    assert(status.includes("could not be read"), `the status explains: ${status}`);
    assert((await editorText(damaged)).includes("flylint-example"), "the example is shown instead");
    await damaged.close();
  });

  await step("the migrated file is shown beside the editor", async () => {
    await page.selectOption("#example", "legacy");
    const legacy = readFileSync(join(root, "examples/legacy/fly.toml"), "utf8");
    const migrated = flylint.migrateText(legacy).output;
    await page.waitForFunction(() => document.querySelector("#migration-summary")?.dataset.status === "migrated");
    await page.waitForFunction((want) => window.flylintPlayground.migrated.state.doc.toString() === want, migrated);
    const visible = await page.locator("#migrated .cm-content").innerText();
    assert(visible.includes("[http_service]"), `the migrated pane shows the new [http_service]: ${visible.slice(0, 200)}`);
    await problemsShown(page);
  });

  await step("the Plan tab shows what flylint plan says of the file", async () => {
    const legacyPath = join(root, "examples/legacy/fly.toml");
    const cli = spawnSync(process.execPath, [join(root, "bin/flylint.cjs"), "plan", "--format", "json", legacyPath], { encoding: "utf8" });
    assert(cli.status === 0, `flylint plan ran: ${cli.stderr}`);
    const [file] = JSON.parse(cli.stdout).files;
    const usd = (value) => `$${value.toFixed(2)}`;
    const machines = (group) => (group.firstDeploy.standby > 0 ? `${group.firstDeploy.started} + ${group.firstDeploy.standby} standby` : String(group.firstDeploy.started));
    const want = file.groups.map((group) => [group.name, machines(group), group.monthlyCost.min === group.monthlyCost.max ? usd(group.monthlyCost.max) : `${usd(group.monthlyCost.min)}–${usd(group.monthlyCost.max)}`]);
    await page.click("#tab-plan");
    await page.locator("#panel-plan").waitFor();
    const rows = await page.evaluate(() => [...document.querySelectorAll("#plan-rows tr")].map((row) => [...row.cells].map((cell) => cell.textContent)));
    assertEqual(rows.map((row) => [row[0], row[1], row[5]]), want, "the plan's groups, Machines and cost");
    await page.uncheck("#ha");
    await page.waitForFunction(() => document.querySelector("#plan-rows tr td:nth-child(2)")?.textContent === "1");
    await page.check("#ha");
    await page.screenshot({ path: join(artifacts, "playground-plan.png") });
    await page.click("#tab-migrated");
  });

  await step("secrets stay masked in what the page prints", async () => {
    const token = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";
    const text = `app = "pg-e2e"\n[http_service]\n  internal_port = "${token}"\n`;
    await page.evaluate((insert) => {
      const view = window.flylintPlayground.view;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert } });
    }, text);
    await problemsShown(page);
    const listed = await page.locator("#problem-list").innerText();
    assert(listed.includes("••••") && !listed.includes("abcdefghijklmnop"), `the problem list masks the token: ${listed}`);
  });

  await step("nothing left the page: only its own files were requested", async () => {
    assertEqual(outside, [], "requests off the page's origin");
    const unexpected = requested.filter((path) => !["/", "/playground.js", "/playground.css", "/favicon.ico"].includes(path));
    assertEqual(unexpected, [], "paths requested from the server");
    assertEqual(pageErrors, [], "errors in the page");
  });

  await context.close();
  server.close();
  rmSync(userDataDir, { recursive: true, force: true });
  if (process.argv.includes("--update-screenshot") && existsSync(screenshot)) {
    copyFileSync(screenshot, join(root, "playground/screenshot.png"));
  }
  const failed = results.filter((r) => !r.ok).length;
  console.log(`\nplayground e2e: screenshot in ${screenshot}`);
  console.log(`${results.length - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main();
