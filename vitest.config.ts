import { defineConfig } from "vitest/config";
import type { Reporter, TestModule } from "vitest/node";
// @ts-expect-error: a plain .mjs build script, shared with scripts/build.mjs so tests run the patched code.
import { dependencyPatches } from "./scripts/dependency-patches.mjs";

/** Ends the run with the plain `N passed, N failed` line that CI systems read in any language. */
const plainSummary: Reporter = {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") counts.passed++;
        else if (state === "failed") counts.failed++;
        else counts.skipped++;
      }
    }
    process.stdout.write(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
  },
};

/** The same dependency patches as the esbuild bundle, for the sources the tests import. */
const patchDependencies = {
  name: "flylint-dependency-patches",
  transform(code: string, id: string) {
    const found = dependencyPatches.find(({ filter }: { filter: RegExp }) => filter.test(id.split("?")[0] as string));
    return found ? { code: found.patch(code), map: null } : undefined;
  },
};

export default defineConfig({
  plugins: [patchDependencies],
  test: {
    // Inlined so vitest transforms it (with the patch above) instead of loading it as an external module.
    server: { deps: { inline: ["toml-eslint-parser"] } },
    include: ["test/**/*.test.ts"],
    // Many tests spawn the built binary or a real tool; on a shared 2-core machine at load 7-10 one spawn
    // can take seconds. No test measures time, so the limit only catches a hang.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ["default", plainSummary],
  },
});
