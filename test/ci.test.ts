import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml, parseDocument } from "yaml";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ciKindOf } from "../src/ci/paths.js";
import { ciRuleMetas } from "../src/ci/rule-meta.js";
import { ciRules, fixCiText, lintCiText, type CiLintOptions } from "../src/ci/index.js";
import { bin, root, runFlylint, useProjects } from "./helpers/cli.js";
import { unmark } from "./helpers/marked.js";

const workflow = ".github/workflows/deploy.yml";

/** Lints marked CI text and compares rule ids, messages and exact ranges, in order. */
function expectReports(marked: string, expected: [ruleId: string, message: string][], options: CiLintOptions = {}) {
  const { text, ranges } = unmark(marked);
  const diagnostics = lintCiText(text, { filePath: workflow, ...options }).diagnostics;
  expect(diagnostics.map((d) => ({ ruleId: d.ruleId, message: d.message, line: d.start.line, column: d.start.column, endLine: d.end.line, endColumn: d.end.column }))).toEqual(
    expected.map(([ruleId, message], i) => ({ ruleId, message, ...ranges[i] })),
  );
}

const chooseTail = ' (<version>: the flyctl version you test with, as fly version prints it; "flyctlVersion" in flylint.json makes this a fix)';

// The workflow fly launch and Fly's docs suggest (fly.io/docs/launch/continuous-deployment-with-github-actions).
const flyDocsWorkflow = `name: Fly Deploy
on:
  push:
    branches:
      - main
jobs:
  deploy:
    name: Deploy app
    runs-on: ubuntu-latest
    concurrency: deploy-group    # optional: ensure only one action runs at a time
    steps:
      - uses: actions/checkout@v4
      - uses: ⟦superfly/flyctl-actions/setup-flyctl@master⟧
      - run: flyctl deploy --remote-only
        env:
          FLY_API_TOKEN: \${{ secrets.FLY_API_TOKEN }}
`;

describe("CI files: which paths", () => {
  it("are GitHub Actions workflows and GitLab CI files", () => {
    expect(ciKindOf(".github/workflows/fly.yml")).toBe("github-workflow");
    expect(ciKindOf("/repo/.github/workflows/deploy.yaml")).toBe("github-workflow");
    expect(ciKindOf(".gitlab-ci.yml")).toBe("gitlab-ci");
    expect(ciKindOf("ci/deploy.gitlab-ci.yml")).toBe("gitlab-ci");
    for (const path of ["fly.toml", ".github/dependabot.yml", "workflows/x.yml", ".github/workflows/README.md", "gitlab-ci.yml"]) expect(ciKindOf(path), path).toBeUndefined();
  });

  it("every CI rule's metadata is known without the YAML parser, in the rules' order", () => {
    expect(ciRules.map((rule) => rule.meta)).toEqual(ciRuleMetas);
  });
});

describe("flyctl-unpinned", () => {
  it("reports setup-flyctl@master without a version (Fly's documented workflow) twice: flyctl itself, and the branch", () => {
    const { text, ranges } = unmark(flyDocsWorkflow);
    const found = lintCiText(text, { filePath: workflow }).diagnostics;
    expect(found.map((d) => [d.ruleId, d.start.line, d.start.column, d.end.line, d.end.column])).toEqual([
      ["flyctl-unpinned", ranges[0]?.line, ranges[0]?.column, ranges[0]?.endLine, ranges[0]?.endColumn],
      // The ref alone: "master" is the last six characters of the same value.
      ["flyctl-unpinned", ranges[0]?.line, (ranges[0]?.endColumn ?? 0) - 6, ranges[0]?.endLine, ranges[0]?.endColumn],
    ]);
    expect(found.map((d) => d.message)).toEqual([
      `superfly/flyctl-actions/setup-flyctl without a version input installs the newest flyctl on every run (the input defaults to "latest"); pin it: with: version: <version>${chooseTail}`,
      "superfly/flyctl-actions/setup-flyctl@master runs the action's master branch as it is on each run; pin a tag such as @1.6 or a commit SHA",
    ]);
  });

  it("reports version: latest and accepts a pinned or computed version", () => {
    expectReports(`jobs:\n  d:\n    steps:\n      - uses: superfly/flyctl-actions/setup-flyctl@1.5\n        with:\n          version: ⟦latest⟧\n`, [
      ["flyctl-unpinned", `superfly/flyctl-actions/setup-flyctl with version: latest installs the newest flyctl on every run (the input defaults to "latest"); pin it: with: version: <version>${chooseTail}`],
    ]);
    expectReports(`jobs:\n  d:\n    steps:\n      - uses: superfly/flyctl-actions/setup-flyctl@1.5\n        with:\n          version: 0.4.87\n`, []);
    expectReports(`jobs:\n  d:\n    steps:\n      - uses: superfly/flyctl-actions/setup-flyctl@v1\n        with:\n          version: \${{ vars.FLYCTL_VERSION }}\n`, []);
  });

  it("reports the Docker action, which cannot be pinned", () => {
    expectReports(`jobs:\n  d:\n    steps:\n      - uses: ⟦superfly/flyctl-actions@1.5⟧\n        with:\n          args: "deploy"\n`, [
      ["flyctl-unpinned", "superfly/flyctl-actions (the Docker action) installs the latest flyctl whenever its image is built, with no way to pin it; use superfly/flyctl-actions/setup-flyctl with version: <version>, then run flyctl in a run: step (fly version prints the version you test with)"],
    ]);
  });

  it("reports install.sh without a version, at the pipe, and accepts sh -s VERSION", () => {
    expectReports(`jobs:\n  d:\n    steps:\n      - run: |\n          curl -L ⟦https://fly.io/install.sh | sh⟧\n          curl -L https://fly.io/install.sh | sh -s 0.4.87\n          curl -fsSL "⟦https://fly.io/install.sh" | FLYCTL_INSTALL=/usr/local sh -s --⟧\n          echo "$HOME/.fly/bin" >> $GITHUB_PATH\n`, [
      ["flyctl-unpinned", `install.sh without a version installs the newest flyctl on every run; pass the version to pin: | sh -s <version>${chooseTail}`],
      ["flyctl-unpinned", `install.sh without a version installs the newest flyctl on every run; pass the version to pin: | sh -s <version>${chooseTail}`],
    ]);
  });

  it("reports GitLab images without a tag or at latest, and accepts v-tags and digests", () => {
    const gitlab = `image: ⟦flyio/flyctl⟧\ndeploy:\n  stage: deploy\n  image:\n    name: ghcr.io/superfly/flyctl:⟦latest⟧\n    entrypoint: [""]\n  script:\n    - flyctl deploy --remote-only\nother:\n  image: flyio/flyctl:v0.4.87\n  services:\n    - flyio/flyctl@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n`;
    const { text, ranges } = unmark(gitlab);
    const found = lintCiText(text, { filePath: ".gitlab-ci.yml" }).diagnostics;
    expect(found.map((d) => [d.ruleId, d.start.line, d.start.column, d.end.line, d.end.column])).toEqual(ranges.map((r) => ["flyctl-unpinned", r.line, r.column, r.endLine, r.endColumn]));
    expect(found[0]?.message).toBe(`an untagged flyctl image is the newest flyctl on every run; use a release tag: :v<version>${chooseTail}`);
    expect(found[1]?.message).toBe(`the image tag latest is the newest flyctl on every run; use a release tag: :v<version>${chooseTail}`);
  });

  it("says nothing about CI files without flyctl", () => {
    expectReports(`name: CI\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    container: node:20\n    steps:\n      - uses: actions/checkout@master\n      - run: curl -L https://example.com/install.sh | sh\n`, []);
    expect(lintCiText(`image: node:latest\ntest:\n  script:\n    - npm test\n`, { filePath: ".gitlab-ci.yml" }).diagnostics).toEqual([]);
    expect(lintCiText(`: [ not yaml`, { filePath: workflow }).diagnostics).toEqual([]);
  });
});

describe("flyctl-action-ref", () => {
  it("reports a missing ref, a ref that is no tag, and a tag older than setup-flyctl", () => {
    expectReports(
      `jobs:\n  d:\n    steps:\n      - uses: ⟦superfly/flyctl-actions/setup-flyctl⟧\n        with: { version: 0.4.87 }\n      - uses: superfly/flyctl-actions/setup-flyctl@⟦v1.6⟧\n        with:\n          version: 0.4.87\n      - uses: superfly/flyctl-actions/setup-flyctl@⟦1.2⟧\n        with:\n          version: 0.4.87\n      - uses: superfly/flyctl-actions/setup-flyctl@0123456789abcdef0123456789abcdef01234567\n        with:\n          version: 0.4.87\n`,
      [
        ["flyctl-action-ref", "superfly/flyctl-actions/setup-flyctl needs a ref after @, or GitHub refuses the workflow; use a tag such as @1.6 or a commit SHA"],
        ["flyctl-action-ref", "@v1.6 is not a tag of superfly/flyctl-actions (it has 1, 1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, v1, v1.4), so the job fails to start; use a tag such as @1.6 or a commit SHA"],
        ["flyctl-action-ref", "superfly/flyctl-actions/setup-flyctl does not exist at @1.2: setup-flyctl came with tag 1.4, so the job fails to start; use a tag such as @1.6 or a commit SHA"],
      ],
    );
  });
});

describe("flyctl-version-input", () => {
  it("reports an action tag given as the flyctl version, and image tags without v", () => {
    expectReports(`jobs:\n  d:\n    container: flyio/flyctl:⟦0.4.87⟧\n    steps:\n      - uses: superfly/flyctl-actions/setup-flyctl@1.5\n        with:\n          version: ⟦1.5⟧\n      - run: curl -L https://fly.io/install.sh | sh -s ⟦v1⟧\n`, [
      ["flyctl-version-input", "the image tag 0.4.87 is not a flyctl release tag; the image's tags are v followed by the version, e.g. :v0.4.87"],
      ["flyctl-version-input", "setup-flyctl version: 1.5 is not a flyctl release (1.5 is a tag of the action itself, which goes after @); flyctl versions look like 0.x.y as fly version prints it"],
      ["flyctl-version-input", "install.sh v1 is not a flyctl release; flyctl versions look like 0.x.y as fly version prints it"],
    ]);
  });
});

describe("fixes, only with a flyctl version given", () => {
  const unpinned = `jobs:\r\n  deploy:\r\n    steps:\r\n      - uses: superfly/flyctl-actions/setup-flyctl@1.6 # installs flyctl\r\n      - name: again\r\n        uses: superfly/flyctl-actions/setup-flyctl@1.6\r\n        with:\r\n          token: x\r\n      - uses: superfly/flyctl-actions/setup-flyctl@1.6\r\n        with:\r\n          version: '1.5'\r\n      - run: curl -L https://fly.io/install.sh | sh && flyctl deploy\r\n    container:\r\n      image: flyio/flyctl\r\n`;

  it("offers none without a version: flylint never picks one", () => {
    expect(lintCiText(unpinned, { filePath: workflow }).diagnostics.filter((d) => d.fix)).toEqual([]);
    expect(fixCiText(unpinned, { filePath: workflow }).output).toBe(unpinned);
  });

  it("pins every install to the version given, keeping comments, line breaks and every other byte", () => {
    const outcome = fixCiText(unpinned, { filePath: workflow, flyctlVersion: "v0.4.87" });
    expect(outcome.output).toBe(
      `jobs:\r\n  deploy:\r\n    steps:\r\n      - uses: superfly/flyctl-actions/setup-flyctl@1.6 # installs flyctl\r\n        with:\r\n          version: 0.4.87\r\n      - name: again\r\n        uses: superfly/flyctl-actions/setup-flyctl@1.6\r\n        with:\r\n          version: 0.4.87\r\n          token: x\r\n      - uses: superfly/flyctl-actions/setup-flyctl@1.6\r\n        with:\r\n          version: 0.4.87\r\n      - run: curl -L https://fly.io/install.sh | sh -s 0.4.87 && flyctl deploy\r\n    container:\r\n      image: flyio/flyctl:v0.4.87\r\n`,
    );
    expect(outcome.applied.map((d) => d.ruleId)).toEqual(["flyctl-unpinned", "flyctl-unpinned", "flyctl-version-input", "flyctl-unpinned", "flyctl-unpinned"]);
    expect(outcome.result.diagnostics).toEqual([]);
    expect(() => parseYaml(outcome.output)).not.toThrow();
    expect(parseYaml(outcome.output).jobs.deploy.steps[0].with.version).toBe("0.4.87");
    expect(fixCiText(outcome.output, { filePath: workflow, flyctlVersion: "v0.4.87" }).output).toBe(outcome.output);
  });
});

describe("any input", () => {
  const example = readFileSync(join(root, "examples/ci/.github/workflows/review-apps.yaml"), "utf8");

  it("never throws, keeps ranges inside the text, and a fix of YAML that parses leaves YAML that parses, with nothing left to fix", () => {
    const inputs = fc.oneof(
      fc.string({ maxLength: 200 }),
      // Cuts and splices of a real workflow: half lines, lost indentation, stray quotes.
      fc.tuple(fc.nat(example.length), fc.nat(example.length), fc.string({ maxLength: 12 })).map(([a, b, s]) => example.slice(0, Math.min(a, b)) + s + example.slice(Math.max(a, b))),
    );
    fc.assert(
      fc.property(inputs, fc.constantFrom(workflow, ".gitlab-ci.yml"), (text, filePath) => {
        const result = lintCiText(text, { filePath, flyctlVersion: "0.4.87" });
        for (const d of result.diagnostics) expect(d.range.end).toBeLessThanOrEqual(result.text.length);
        const fixed = fixCiText(text, { filePath, flyctlVersion: "0.4.87" });
        if (parseDocument(text).errors.length === 0) expect(parseDocument(fixed.output).errors).toEqual([]);
        expect(fixCiText(fixed.output, { filePath, flyctlVersion: "0.4.87" }).applied.length).toBeLessThanOrEqual(fixed.applied.length);
      }),
      { numRuns: 300 },
    );
  });
});

describe("the CLI and the fixture repository examples/ci", () => {
  const project = useProjects("flylint-ci-");
  const example = join(root, "examples/ci");

  it("finds the workflows and .gitlab-ci.yml when searching a folder, with their fly.toml", () => {
    const result = runFlylint(["--format", "json", "."], example);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { files: { path: string; diagnostics: { ruleId: string; line: number }[] }[] };
    const byFile = Object.fromEntries(report.files.map((f) => [f.path.replace(/\\/g, "/"), f.diagnostics.map((d) => `${d.ruleId}:${d.line}`)]));
    expect(byFile).toEqual({
      ".github/workflows/deploy.yml": ["flyctl-unpinned:16", "flyctl-unpinned:16"],
      ".github/workflows/pinned.yml": [],
      ".github/workflows/review-apps.yaml": ["flyctl-version-input:17", "flyctl-unpinned:22"],
      ".github/workflows/test.yml": [],
      ".gitlab-ci.yml": ["flyctl-unpinned:1", "flyctl-unpinned:11"],
      "fly.toml": [],
    });
  });

  it("lints a CI file named on the command line, takes flyctlVersion from flylint.json and --flyctl-version, and fixes in place", () => {
    const text = readFileSync(join(example, ".github/workflows/deploy.yml"), "utf8");
    const folder = project({ ".github/workflows/deploy.yml": text, "flylint.json": `{ "flyctlVersion": "0.4.87" }\n` });
    expect(runFlylint([".github/workflows/deploy.yml"], folder).stdout).toContain("flyctl-unpinned");
    expect(runFlylint(["--fix", "."], folder).code).toBe(0);
    expect(readFileSync(join(folder, ".github/workflows/deploy.yml"), "utf8")).toContain("version: 0.4.87");
    const other = project({ ".gitlab-ci.yml": "deploy:\n  image: flyio/flyctl:latest\n  script: [flyctl deploy]\n" });
    expect(runFlylint(["--fix", "--flyctl-version", "0.4.90", "."], other).code).toBe(0);
    expect(readFileSync(join(other, ".gitlab-ci.yml"), "utf8")).toBe("deploy:\n  image: flyio/flyctl:v0.4.90\n  script: [flyctl deploy]\n");
  });

  it("refuses a flyctl version that is not one, and accepts the CI rules' ids in --rule", () => {
    const folder = project({ ".gitlab-ci.yml": "image: flyio/flyctl\n" });
    const bad = runFlylint(["--flyctl-version", "latest", "."], folder);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--flyctl-version takes a flyctl release such as 0.4.87");
    expect(runFlylint(["--rule", "flyctl-unpinned=off", "."], folder).code).toBe(0);
    const config = project({ ".gitlab-ci.yml": "image: flyio/flyctl\n", "flylint.json": `{ "flyctlVersion": 4 }` });
    expect(runFlylint(["."], config).stderr).toContain(`"flyctlVersion" must be a flyctl release such as "0.4.87"`);
  });

  it("loads the CI linter (dist/ci.cjs, with the YAML parser) only when a CI file is linted", () => {
    const loads = (target: string) => spawnSync(process.execPath, [bin, target], { cwd: root, encoding: "utf8", env: { ...process.env, NODE_DEBUG: "module" } }).stderr.includes("ci.cjs");
    expect(loads("examples/fly.toml")).toBe(false);
    expect(loads("examples/ci/.gitlab-ci.yml")).toBe(true);
  });

  it("migrate and plan still read fly.toml files alone", () => {
    const result = runFlylint(["migrate", "--check", "."], example);
    expect(result.stderr + result.stdout).not.toContain("deploy.yml");
  });
});
