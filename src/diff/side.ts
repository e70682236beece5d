import type { PlainValue } from "../document/located.js";
import { parseDocument } from "../document/parse.js";
import { loadConfig, normalize } from "../model/normalize.js";
import { firstLoadError } from "../plan/index.js";
import { analyzeDocument } from "../schema/analyze.js";
import { JsonConfigError, parseJsonConfig } from "./json-config.js";

/**
 * One side of a diff: a fly.toml, what `fly config show` prints (JSON), or what `fly config save` writes
 * (TOML under a generated header, serde.go:24-29; `fly launch` writes the same one). The kind is told by
 * the content, not the file name: `fly config show -a app > deployed.txt` is still JSON.
 */
export type SideKind = "fly.toml" | "fly config show" | "fly config save";

export interface LoadedSide {
  kind: SideKind;
  /** The config as flyctl holds it after loading, in the canonical order for comparison (src/model normalize()). */
  normalized: { [key: string]: PlainValue };
  /** The same in file order (src/model loadConfig()), what src/plan turns into Machines. */
  loaded: { [key: string]: PlainValue };
  /**
   * Whether it may have come from the Fly service, which does not keep [build]: `fly config show` or
   * `fly config save` output without a [build]. (With one it is local: `fly config show --local`, or a
   * fly.toml that `fly launch` wrote under the same generated header.)
   */
  remote: boolean;
}

/** A side flyctl could not load: the message names the position, as flyctl or the TOML parser saw it. */
export class SideError extends Error {
  /** Which side of a diff: 0 the first, 1 the second (set by diffConfigTexts). */
  side: 0 | 1 | undefined;
  constructor(message: string, side?: 0 | 1) {
    super(message);
    this.side = side;
  }
}

const generatedHeader = /^\uFEFF?\s*# fly\.toml app configuration file generated for /;

export function sideKind(text: string): SideKind {
  if (/^\uFEFF?\s*\{/.test(text)) return "fly config show";
  return generatedHeader.test(text) ? "fly config save" : "fly.toml";
}

function asTable(value: PlainValue): { [key: string]: PlainValue } {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? value : {};
}

/** A TOML side; a syntax error or anything flyctl refuses to load (a load-stage error) is a SideError. */
function loadToml(text: string): PlainValue {
  const parsed = parseDocument(text);
  if (!parsed.ok) {
    const at = parsed.lines.positionAt(parsed.problem.range.start);
    throw new SideError(`${at.line}:${at.column}: ${parsed.problem.message}`);
  }
  // Only the load-stage rules run: the rest judge what flyctl would do with a config it has loaded.
  const loadError = firstLoadError(text);
  if (loadError !== undefined) {
    const [, position, message] = /^(\d+:\d+) ([\s\S]*)$/.exec(loadError) ?? [undefined, undefined, loadError];
    throw new SideError(position ? `${position}: flyctl cannot load it: ${message}` : `flyctl cannot load it: ${message}`);
  }
  return analyzeDocument(parsed.document.root).canonical;
}

export function loadSide(text: string): LoadedSide {
  const kind = sideKind(text);
  if (kind !== "fly config show") {
    const canonical = loadToml(text);
    const normalized = asTable(normalize(canonical));
    return { kind, normalized, loaded: loadConfig(canonical), remote: kind === "fly config save" && normalized["build"] === undefined };
  }
  try {
    const canonical = analyzeDocument(parseJsonConfig(text.replace(/^\uFEFF/, ""))).canonical;
    const normalized = asTable(normalize(canonical));
    return { kind, normalized, loaded: loadConfig(canonical), remote: normalized["build"] === undefined };
  } catch (error) {
    if (error instanceof JsonConfigError) throw new SideError(error.message);
    throw error;
  }
}
