import type { Pair, YAMLMap } from "yaml";
import type { Range } from "../document/located.js";
import { flyctlActions, flyctlImageNames } from "../data/flyctl-ci.js";
import { keyName, locatedString, pairOf, stringsOf, walkPairs, type CiDocument, type LocatedString } from "./document.js";

/** `uses: superfly/flyctl-actions[/setup-flyctl]@ref` in a GitHub Actions step. */
export interface ActionStep {
  kind: "action";
  uses: LocatedString;
  /** setup-flyctl installs flyctl; the root action is a Docker action that runs it. */
  setup: boolean;
  /** The text after `@`, with its range; undefined when there is none. */
  ref: { value: string; range: Range } | undefined;
  /** The step's map and its `with:` pair. */
  step: YAMLMap;
  withPair: Pair | undefined;
  /** `with: version:` when given. */
  version: LocatedString | undefined;
}

/** `curl … https://fly.io/install.sh | sh [-s [--] VERSION]` in a run or script line. */
export interface InstallScript {
  kind: "install-script";
  /** From the URL to the end of the shell word or its arguments. */
  range: Range;
  /** The version argument, when one is given. */
  version: { value: string; range: Range } | undefined;
  /** Where ` -s VERSION` (or ` VERSION` after a bare `-s`) goes. */
  insertAt: number;
  hasDashS: boolean;
}

/** A flyio/flyctl (or ghcr.io/superfly/flyctl) image as a job container, service, GitLab image or docker:// step. */
export interface ImageRef {
  kind: "image";
  value: LocatedString;
  /** The tag with its source range; undefined when untagged. */
  tag: { value: string; range: Range } | undefined;
  /** The offset just after the image name, where `:tag` goes when there is none. */
  nameEnd: number;
  pinnedByDigest: boolean;
}

export type FlyctlStep = ActionStep | InstallScript | ImageRef;

/** Expressions and variables CI fills in at run time: the value is not known here, so it is not judged. */
const hasExpression = (text: string) => /\$\{\{|\$\{?[A-Za-z_]/.test(text);

/** The offset in the document of a substring of a scalar's source, when the scalar is written plainly enough to find it. */
function sourceOffset(document: CiDocument, located: LocatedString, needle: string, from = 0): number | undefined {
  const index = document.text.slice(located.range.start, located.range.end).indexOf(needle, from);
  return index < 0 ? undefined : located.range.start + index;
}

function actionStep(document: CiDocument, uses: LocatedString, step: YAMLMap): ActionStep | undefined {
  const [target = "", ...refParts] = uses.value.trim().split("@");
  const [owner = "", repo = "", ...path] = target.split("/");
  if (`${owner}/${repo}`.toLowerCase() !== flyctlActions.repository) return undefined;
  const subPath = path.join("/");
  if (subPath !== "" && subPath !== flyctlActions.setupPath) return undefined;
  const refText = refParts.join("@");
  const at = refParts.length > 0 ? sourceOffset(document, uses, `@${refText}`) : undefined;
  const ref = refParts.length > 0 ? { value: refText, range: at === undefined ? uses.range : { start: at + 1, end: at + 1 + refText.length } } : undefined;
  const withPair = pairOf(step, "with");
  return { kind: "action", uses, setup: subPath !== "", ref, step, withPair, version: locatedString(document, pairOf(withPair?.value, "version")?.value) };
}

function imageRef(document: CiDocument, value: LocatedString): ImageRef | undefined {
  const text = value.value.trim().replace(/^docker:\/\//, "");
  if (hasExpression(text)) return undefined;
  const digest = text.indexOf("@");
  const withoutDigest = digest >= 0 ? text.slice(0, digest) : text;
  const colon = withoutDigest.lastIndexOf(":");
  const hasTag = colon > withoutDigest.lastIndexOf("/");
  const name = hasTag ? withoutDigest.slice(0, colon) : withoutDigest;
  if (!(flyctlImageNames as readonly string[]).includes(name.toLowerCase())) return undefined;
  const nameAt = sourceOffset(document, value, name);
  if (nameAt === undefined) return undefined;
  const tagText = hasTag ? withoutDigest.slice(colon + 1) : undefined;
  const tag = tagText === undefined ? undefined : { value: tagText, range: { start: nameAt + name.length + 1, end: nameAt + name.length + 1 + tagText.length } };
  return { kind: "image", value, tag, nameEnd: nameAt + name.length, pinnedByDigest: digest >= 0 };
}

/** `https://fly.io/install.sh | [VAR=x …] sh|bash [-s [--] [VERSION]]`: the pipe into a shell that runs the installer. */
const installPattern = /https?:\/\/fly\.io\/install\.sh['"]?[ \t]*\|[ \t]*(?:sudo[ \t]+(?:-E[ \t]+)?)?(?:[A-Za-z_][A-Za-z0-9_]*=\S*[ \t]+)*(?:sh|bash)\b((?:[ \t]+(?:-s|--))*)(?:[ \t]+([^\s;&|)'"]+))?/g;

function installScripts(document: CiDocument, line: LocatedString): InstallScript[] {
  const source = document.text.slice(line.range.start, line.range.end);
  const found: InstallScript[] = [];
  for (const match of source.matchAll(installPattern)) {
    const start = line.range.start + (match.index ?? 0);
    const end = start + match[0].length;
    const flags = match[1] ?? "";
    const argument = match[2];
    const hasDashS = /-s/.test(flags);
    // `sh -s VERSION` passes VERSION to the script; without -s the word would be a script file for sh to run.
    const version = argument !== undefined && hasDashS && !argument.startsWith("-") ? { value: argument, range: { start: end - argument.length, end } } : undefined;
    if (version && hasExpression(version.value)) continue;
    const insertAt = version ? version.range.start : argument !== undefined ? end - argument.length - 1 : end;
    found.push({ kind: "install-script", range: { start, end }, version, insertAt, hasDashS });
  }
  return found;
}

const scriptKeys = new Set(["run", "script", "before_script", "after_script"]);

/** Every flyctl-related step of a CI file, in document order. Steps without flyctl give nothing. */
export function findFlyctlSteps(document: CiDocument): FlyctlStep[] {
  const steps: FlyctlStep[] = [];
  for (const { pair, map, above } of walkPairs(document.root)) {
    const key = keyName(pair);
    if (key === undefined) continue;
    if (document.kind === "github-workflow" && key === "uses") {
      const uses = locatedString(document, pair.value);
      if (!uses) continue;
      const action = uses.value.startsWith("docker://") ? imageRef(document, uses) : actionStep(document, uses, map);
      if (action) steps.push(action);
    } else if (key === "image" || (key === "container" && document.kind === "github-workflow") || (key === "name" && above[above.length - 1] === "image")) {
      const value = locatedString(document, pair.value);
      const image = value && imageRef(document, value);
      if (image) steps.push(image);
    } else if (key === "services" && document.kind === "gitlab-ci") {
      for (const value of stringsOf(document, pair.value)) {
        const image = imageRef(document, value);
        if (image) steps.push(image);
      }
    } else if (scriptKeys.has(key)) {
      for (const line of stringsOf(document, pair.value)) steps.push(...installScripts(document, line));
    }
  }
  // GitLab services as maps: `services: [{ name: flyio/flyctl }]`.
  if (document.kind === "gitlab-ci") {
    for (const { pair, above } of walkPairs(document.root)) {
      if (keyName(pair) !== "name" || above[above.length - 1] !== "services") continue;
      const value = locatedString(document, pair.value);
      const image = value && imageRef(document, value);
      if (image) steps.push(image);
    }
  }
  return steps.sort((a, b) => startOf(a) - startOf(b));
}

function startOf(step: FlyctlStep): number {
  return step.kind === "install-script" ? step.range.start : step.kind === "action" ? step.uses.range.start : step.value.range.start;
}
