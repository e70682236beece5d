// Source patches for bundled dependencies, applied by the esbuild build (scripts/build.mjs) and by vitest
// (vitest.config.ts), so the tests run the code users get. Each names the upstream bug; a patch that no
// longer matches fails the build, so an upgrade cannot silently drop it.

/**
 * toml-eslint-parser 1.0.3 builds every string and number token with `String.fromCodePoint(...codes)`: one
 * argument per character, so a quoted string of ~120,000 characters overflows the call stack. Chunked
 * conversion gives the same string without the spread.
 */
const codePointsHelper = `function __flylintCodePointsToString(codes) {
  let out = "";
  for (let i = 0; i < codes.length; i += 8192) out += String.fromCodePoint.apply(null, codes.slice(i, i + 8192));
  return out;
}
`;

export function patchTomlEslintParser(source) {
  let count = 0;
  const patched = source.replace(/String\.fromCodePoint\(([^()]*\.\.\.[^()]*)\)/g, (_, args) => {
    count++;
    return `__flylintCodePointsToString([${args}])`;
  });
  if (count === 0) throw new Error("toml-eslint-parser changed: the String.fromCodePoint(...codes) patch no longer applies");
  return `${patched}\n${codePointsHelper}`;
}

/** Which file a patch applies to, by path, for both bundlers. */
export const dependencyPatches = [{ filter: /[\\/]toml-eslint-parser[\\/]lib[\\/]index\.mjs$/, patch: patchTomlEslintParser }];
