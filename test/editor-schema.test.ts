import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { unmark } from "./helpers/marked.js";
import { allSections } from "./schema-cases.js";

// taplo (the engine of Even Better TOML) validating with schema/fly.schema.json on its own: the schema
// must work for editors without flylint, and agree with flylint on what flyctl loads.
// taplo's wasm start-up alone takes 5-10 s on a busy machine: each test runs it once for all its cases,
// with a limit that only catches a hang.
const taploTimeout = 300_000;
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const taplo = join(dirname(createRequire(import.meta.url).resolve("@taplo/cli/package.json")), "dist", "cli.js");
const schemaUrl = pathToFileURL(join(root, "schema", "fly.schema.json")).href;
const folder = mkdtempSync(join(tmpdir(), "flylint-taplo-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function taploCheck(files: string[]) {
  const result = spawnSync(process.execPath, [taplo, "check", "--schema", schemaUrl, ...files], { encoding: "utf8", cwd: folder, timeout: taploTimeout });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const cases = Object.values(allSections);

describe("schema/fly.schema.json in taplo", () => {
  it("accepts every config flyctl loads", { timeout: taploTimeout }, () => {
    const files = cases.flatMap((c, i) =>
      c.valid
        // JSON has no nan or inf, so taplo hands them to the schema as null.
        .filter((text) => !/= [-+]?(nan|inf)\b/.test(text))
        .map((text, j) => {
          const file = join(folder, `valid-${i}-${j}.toml`);
          writeFileSync(file, text);
          return file;
        }),
    );
    const { status, output } = taploCheck(files);
    expect(output).not.toMatch(/^error:/m);
    expect(status).toBe(0);
  });

  it("rejects configs flyctl refuses because of a value's type or shape", { timeout: taploTimeout }, () => {
    const files = cases.flatMap((c, i) =>
      c.invalid
        // A missing key and nan/inf are flylint's own checks; the rest is plain JSON Schema.
        .filter(([, message]) => !message.includes("needs a"))
        .map(([marked], j) => {
          const file = join(folder, `invalid-${i}-${j}.toml`);
          writeFileSync(file, unmark(marked).text);
          return file;
        }),
    );
    const { output } = taploCheck(files);
    const refused = new Set([...output.matchAll(/path="([^"]+)"/g)].map((m) => m[1]));
    expect(files.filter((file) => !refused.has(file))).toEqual([]);
  });
});
