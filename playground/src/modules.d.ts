// Modules the playground's esbuild build provides (scripts/build-playground.mjs).

/** docs/rules/<id>.md rendered to HTML, by rule id. */
declare module "flylint:rule-docs" {
  const pages: Record<string, string>;
  export default pages;
}

/** The examples, bundled as text. */
declare module "*.toml" {
  const text: string;
  export default text;
}
