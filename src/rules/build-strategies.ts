import type { Rule } from "./types.js";

/**
 * [build] should name one way to build: an image, a buildpack builder, a Dockerfile, or a builtin.
 * fly config validate warns about more than one (V-BLD, validation.go:87-97, config.go:349-374).
 */
export const buildStrategies: Rule = {
  meta: {
    id: "build-strategies",
    description: "[build] should use one of image, builder/buildpacks, dockerfile/build-target or builtin.",
    severity: "warning",
    stage: "validate",
  },
  check(context) {
    const model = context.model;
    const build = model.section("build");
    if (!build) return;
    const has = (key: string) => build.table[key] !== undefined && build.table[key] !== "";
    const strategies: string[] = [];
    if (has("image")) strategies.push(`the "${String(build.table["image"])}" docker image`);
    if (has("builder") || (Array.isArray(build.table["buildpacks"]) && build.table["buildpacks"].length > 0)) strategies.push("a buildpack");
    if (has("dockerfile")) strategies.push(`the "${String(build.table["dockerfile"])}" dockerfile`);
    else if (has("build-target") || has("build_target")) strategies.push("a dockerfile");
    if (has("builtin")) strategies.push(`the "${String(build.table["builtin"])}" builtin image`);
    if (strategies.length < 2) return;
    context.report({ range: build.location.node.anchor, message: `[build] names more than one way to build (${strategies.join(", ")}); keep one` });
  },
};
