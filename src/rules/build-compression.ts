import type { Rule } from "./types.js";
import { scalarValue } from "../document/located.js";

/** [build] compression is "gzip" or "zstd", compression_level 0-9 (V-CMP-1/2, validation.go:373-385). */
export const buildCompression: Rule = {
  meta: {
    id: "build-compression",
    description: '[build] compression must be "gzip" or "zstd", and compression_level 0 to 9.',
    severity: "error",
    stage: "validate",
  },
  check(context) {
    const model = context.model;
    const compression = model.location("/build/compression");
    const value = scalarValue(compression?.node);
    if (compression && typeof value === "string" && value !== "" && value !== "gzip" && value !== "zstd") {
      context.report({ range: compression.node.range, message: `build.compression "${value}" is not supported; use "gzip" or "zstd", or leave it unset` });
    }
    const level = model.location("/build/compression_level");
    const levelValue = scalarValue(level?.node);
    if (level && typeof levelValue === "number" && (levelValue < 0 || levelValue > 9)) {
      context.report({ range: level.node.range, message: `build.compression_level is ${levelValue}; it must be a whole number from 0 to 9` });
    }
  },
};
