import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { docsUrlFor, DOCS_BASE_URL } from "../src/engine/diagnostic.js";
import { lintText } from "../src/engine/lint.js";
import { ciRules, lintCiText } from "../src/ci/index.js";
import { rules } from "../src/rules/index.js";

const docs = join(dirname(fileURLToPath(import.meta.url)), "..", "docs", "rules");
const page = (id: string) => readFileSync(join(docs, `${id}.md`), "utf8");

/** The ```toml blocks of a page that start with `# bad` or `# good`. */
function examples(markdown: string): { kind: "bad" | "good"; code: string }[] {
  return [...markdown.matchAll(/```toml\n(# (bad|good)[^\n]*\n[\s\S]*?)```/g)].map((m) => ({ kind: m[2] as "bad" | "good", code: m[1] as string }));
}

describe.each(rules.map((rule) => [rule.meta.id, rule] as const))("docs/rules/%s.md", (id, rule) => {
  it("exists, and states the severity, stage and fix the rule declares", () => {
    const text = page(id);
    expect(text.startsWith(`# ${id}\n`)).toBe(true);
    expect(text).toContain(`**Severity:** ${rule.meta.severity}`);
    expect(text).toContain(`**Stage:** ${rule.meta.stage}`);
    expect(text).toContain(`**Fix:** ${rule.meta.fix ?? "none"}`);
    expect(docsUrlFor(id)).toBe(`${DOCS_BASE_URL}${id}.md`);
  });

  it("has a bad example that the rule reports and a good one it does not", () => {
    const found = examples(page(id));
    expect(found.map((e) => e.kind)).toEqual(expect.arrayContaining(["bad", "good"]));
    for (const example of found) {
      const ids = lintText(example.code).diagnostics.map((d) => d.ruleId);
      if (example.kind === "bad") expect(ids, example.code).toContain(id);
      else expect(ids, example.code).not.toContain(id);
    }
  });
});

describe("README", () => {
  const readme = readFileSync(join(docs, "..", "..", "README.md"), "utf8");
  it.each(rules.map((rule) => [rule.meta.id]))("lists %s with a link to its page", (id) => {
    expect(readme).toContain(`[\`${id}\`](docs/rules/${id}.md)`);
  });
});

/** The ```yaml blocks of a CI rule's page: `# bad` / `# good`, linted as a workflow or, when the line says so, as .gitlab-ci.yml. */
function yamlExamples(markdown: string): { kind: "bad" | "good"; code: string; path: string }[] {
  return [...markdown.matchAll(/```yaml\n(# (bad|good)([^\n]*)\n[\s\S]*?)```/g)].map((m) => ({
    kind: m[2] as "bad" | "good",
    code: m[1] as string,
    path: (m[3] ?? "").includes(".gitlab-ci.yml") ? ".gitlab-ci.yml" : ".github/workflows/deploy.yml",
  }));
}

describe.each(ciRules.map((rule) => [rule.meta.id, rule] as const))("docs/rules/%s.md (CI)", (id, rule) => {
  it("exists, states the severity, stage and fix, and its bad examples are reported and good ones not", () => {
    const text = page(id);
    expect(text.startsWith(`# ${id}\n`)).toBe(true);
    expect(text).toContain(`**Severity:** ${rule.meta.severity}`);
    expect(text).toContain(`**Stage:** ${rule.meta.stage}`);
    expect(text).toContain(`**Fix:** ${rule.meta.fix ?? "none"}`);
    const found = yamlExamples(text);
    expect(found.map((e) => e.kind)).toEqual(expect.arrayContaining(["bad", "good"]));
    for (const example of found) {
      const ids = lintCiText(example.code, { filePath: example.path }).diagnostics.map((d) => d.ruleId);
      if (example.kind === "bad") expect(ids, example.code).toContain(id);
      else expect(ids, example.code).not.toContain(id);
    }
  });

  it("is listed in the README", () => {
    expect(readFileSync(join(docs, "..", "..", "README.md"), "utf8")).toContain(`[\`${id}\`](docs/rules/${id}.md)`);
  });
});
