import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bin, root, useProjects } from "./helpers/cli.js";

// The README's snippet for Neovim 0.7 to 0.10, run in the Neovim this machine has (Debian's is 0.7.2, the
// oldest the snippet promises, where vim.lsp.start does not exist yet). Without nvim there is nothing to run.
const nvim = spawnSync("nvim", ["--version"], { encoding: "utf8" });
const nvimVersion = nvim.status === 0 ? (nvim.stdout.split("\n")[0] ?? "") : undefined;
if (nvimVersion === undefined) console.warn("editor-neovim.test.ts: nvim is not installed (apt-get install neovim); the README's Neovim snippet is not tried");

const project = useProjects("flylint-nvim-");

function readmeSnippet(): string {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const from = readme.indexOf("Neovim 0.7 to 0.10");
  const block = /```lua\n([\s\S]*?)```/.exec(readme.slice(from))?.[1];
  if (from < 0 || block === undefined) throw new Error("README has no Lua snippet for Neovim 0.7 to 0.10");
  return block;
}

describe.skipIf(nvimVersion === undefined)(`the README's Neovim snippet in ${nvimVersion ?? "nvim"}`, () => {
  it("starts flylint's language server for a fly.toml and shows its diagnostics", () => {
    const snippet = readmeSnippet();
    expect(snippet).toContain(`cmd = { "flylint", "lsp", "--stdio" }`);
    // flylint is not on PATH here: the built binary stands in for it.
    const cwd = project({ "fly.toml": `app = "web"\nkill_timeout = "5"\n`, "init.lua": snippet.replace(`{ "flylint", "lsp", "--stdio" }`, `{ ${JSON.stringify(process.execPath)}, ${JSON.stringify(bin)}, "lsp", "--stdio" }`) });
    const collect = [
      // vim.wait only bounds a hang; what is checked is the diagnostics themselves.
      "lua vim.wait(60000, function() return #vim.diagnostic.get(0) > 0 end, 50)",
      `lua local out = {} for _, d in ipairs(vim.diagnostic.get(0)) do table.insert(out, (d.lnum + 1) .. ":" .. (d.col + 1) .. " " .. tostring(d.code) .. " " .. d.message) end vim.fn.writefile(out, "diagnostics.txt")`,
      "qa!",
    ].flatMap((command) => ["-c", command]);
    const result = spawnSync("nvim", ["--headless", "-u", "init.lua", ...collect, "fly.toml"], { cwd, encoding: "utf8", timeout: 120_000 });
    expect(result.status, result.stderr).toBe(0);
    expect(readFileSync(join(cwd, "diagnostics.txt"), "utf8")).toBe(`2:16 invalid-value kill_timeout must be a duration with a unit, such as "10s" (got "5")\n`);
  });
});
