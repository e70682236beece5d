// Builds the extension for packaging: type-checks and bundles src/extension.ts (with vscode-languageclient)
// into dist/extension.js, and copies flylint's own bundled CLI (bin/flylint.cjs, dist/cli.cjs, dist/lsp.cjs
// and the server's lint worker dist/lsp-worker.cjs, built by the root's `npm run build`) into server/,
// which the extension runs as `flylint lsp --stdio`.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const extension = join(dirname(fileURLToPath(import.meta.url)), "..");
const root = join(extension, "..", "..");
const serverFiles = ["bin/flylint.cjs", "dist/cli.cjs", "dist/lsp.cjs", "dist/lsp-worker.cjs"];

const missing = serverFiles.filter((file) => !existsSync(join(root, file)));
if (missing.length > 0) {
  console.error(`editors/vscode: flylint is not built (${missing.join(", ")} missing); run npm run build in the repository first`);
  process.exit(2);
}

// The root's TypeScript, so the extension needs no compiler of its own.
const tsc = join(dirname(createRequire(join(root, "package.json")).resolve("typescript/package.json")), "bin", "tsc");
const typecheck = spawnSync(process.execPath, [tsc, "-p", extension], { stdio: "inherit" });
if (typecheck.status !== 0) process.exit(typecheck.status ?? 1);

rmSync(join(extension, "dist"), { recursive: true, force: true });
rmSync(join(extension, "server"), { recursive: true, force: true });
await build({
  entryPoints: [join(extension, "src/extension.ts")],
  outfile: join(extension, "dist/extension.js"),
  bundle: true,
  platform: "node",
  format: "cjs",
  // VS Code 1.91's Electron runs Node 20.
  target: "node20",
  external: ["vscode"],
  minify: true,
  legalComments: "none",
  logLevel: "warning",
});
for (const file of serverFiles) {
  mkdirSync(dirname(join(extension, "server", file)), { recursive: true });
  copyFileSync(join(root, file), join(extension, "server", file));
}
