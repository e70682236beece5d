// Builds the browser playground (`npm run build:playground`) into playground/dist: one ES module with
// flylint's engine, CodeMirror and the rule docs, the page and its style sheet. A static folder: any web
// server (or playground/fly.toml on Fly.io) serves it.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { marked } from "marked";
import { dependencyPatches } from "./dependency-patches.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** docs/rules/<id>.md as HTML by rule id, without the page's `# id` title (the tooltip shows the id). */
export function renderRuleDocs(docsDir = join(root, "docs/rules")) {
  const pages = {};
  for (const name of readdirSync(docsDir).filter((file) => file.endsWith(".md")).sort()) {
    const markdown = readFileSync(join(docsDir, name), "utf8").replace(/^# .*\n/, "");
    pages[basename(name, ".md")] = marked.parse(markdown, { async: false });
  }
  return pages;
}

/** esbuild plugins the playground bundle needs: the rule docs as a module, and the same dependency patches as the CLI. */
export function playgroundPlugins() {
  return [
    {
      name: "flylint-rule-docs",
      setup(builder) {
        builder.onResolve({ filter: /^flylint:rule-docs$/ }, () => ({ path: "rule-docs", namespace: "flylint-rule-docs" }));
        builder.onLoad({ filter: /.*/, namespace: "flylint-rule-docs" }, () => ({ contents: JSON.stringify(renderRuleDocs()), loader: "json", watchFiles: [join(root, "docs/rules")] }));
      },
    },
    {
      name: "flylint-dependency-patches",
      setup(builder) {
        for (const { filter, patch } of dependencyPatches) {
          builder.onLoad({ filter }, (args) => ({ contents: patch(readFileSync(args.path, "utf8")), loader: "js" }));
        }
      },
    },
  ];
}

/** The options that make a browser bundle: no Node built-ins resolve on this platform, so a stray one fails the build. */
export const browserBuildOptions = { bundle: true, platform: "browser", format: "esm", target: "es2022", loader: { ".toml": "text" }, legalComments: "none", logLevel: "warning" };

export async function buildPlayground(outdir = join(root, "playground/dist")) {
  // The engine reads the schema model generated from schema/fly.schema.json; make sure it matches the schema.
  const schema = spawnSync(process.execPath, [join(root, "scripts/build.mjs"), "--schema-only"], { stdio: "inherit" });
  if (schema.status !== 0) throw new Error(`generating the schema model failed (exit ${schema.status})`);
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  await build({
    ...browserBuildOptions,
    entryPoints: [join(root, "playground/src/main.ts")],
    outfile: join(outdir, "playground.js"),
    plugins: playgroundPlugins(),
    minify: true,
  });
  for (const file of ["index.html", "playground.css"]) copyFileSync(join(root, "playground/static", file), join(outdir, file));
  return outdir;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const outdir = await buildPlayground(process.argv[2]);
  const bytes = readFileSync(join(outdir, "playground.js")).length;
  console.log(`playground: ${outdir} (playground.js ${(bytes / 1024).toFixed(0)} KiB)`);
}
