import { describe, expect, it } from "vitest";
import { runFlylint, useProjects } from "./helpers/cli.js";

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
