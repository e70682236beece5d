import { describe, expect, it } from "vitest";
import { parseDocument } from "../src/document/parse.js";
import { analyzeDocument, escapePointer, type SchemaAnalysis, type SchemaLocation } from "../src/schema/analyze.js";
import { largeConfig } from "../scripts/bench/large-configs.mjs";

function analysisOf(text: string): SchemaAnalysis {
  const parsed = parseDocument(text);
  if (!parsed.ok) throw new Error(parsed.problem.message);
  return analyzeDocument(parsed.document.root);
}

/** Every location's pointer, parents first, found by walking the document's nodes (the bench shape has no case variants: keys are their own names). */
function pointersByWalking(location: SchemaLocation): string[] {
  const node = location.node;
  const children = node.kind === "array" ? node.items.map((_, index) => location.child(index)) : node.kind === "table" ? [...node.entries.keys()].map((key) => location.child(key)) : [];
  return [location.pointer, ...children.flatMap((child) => pointersByWalking(child as SchemaLocation))];
}

const tricky = [
  'app = "x"',
  '"a/b" = 1',
  '"t~x" = { "~1" = 2 }',
  '"" = 3',
  "[env]",
  '  PORT = "8080"',
  '  "with space" = "y"',
  "[[services]]",
  "  internal_port = 8080",
  "  [[services.ports]]",
  "    port = 80",
  "  [[services.ports]]",
  "    port = 443",
  "[[services]]",
  "  Internal_Port = 9090",
  "  INTERNAL_PORT = 9091",
  "",
].join("\n");

describe("schema locations", () => {
  it("find every value by its JSON pointer, escaped keys, empty keys and case variants included", () => {
    const analysis = analysisOf(tricky);
    const all = [...analysis.locations.values()];
    // Each location is the one its own pointer finds, and child() finds what the pointer one key further finds.
    for (const location of all) {
      expect(analysis.locations.get(location.pointer)).toBe(location);
      if (location.node.kind === "table") {
        for (const key of location.node.entries.keys()) {
          const child = location.child(key);
          if (child) expect(analysis.locations.get(`${location.pointer}/${escapePointer(key)}`)).toBe(child);
        }
      }
    }
    expect(all.map((location) => location.pointer)).toEqual([
      "",
      "/app",
      "/a~1b",
      "/t~0x",
      "/t~0x/~01",
      "/",
      "/env",
      "/env/PORT",
      "/env/with space",
      "/services",
      "/services/0",
      "/services/0/internal_port",
      "/services/0/ports",
      "/services/0/ports/0",
      "/services/0/ports/0/port",
      "/services/0/ports/1",
      "/services/0/ports/1/port",
      "/services/1",
      // flyctl matches Internal_Port to internal_port; the other variant keeps its own spelling.
      "/services/1/internal_port",
      "/services/1/INTERNAL_PORT",
    ]);
    expect(analysis.locations.get("/services/1/internal_port")?.path).toBe("services[1].Internal_Port");
    expect(analysis.locations.get("/t~0x/~01")?.path).toBe('"t~x"."~1"');
    expect(analysis.locations.get("/services/1/internal_port")?.node).toMatchObject({ value: 9090 });
  });

  it("find nothing for pointers no value has", () => {
    const analysis = analysisOf(tricky);
    for (const pointer of ["/services/01", "/services/-1", "/services/2", "/services/0/ports/0/port/x", "/env/port", "app", "/a/b", "/app/"]) {
      expect(analysis.locations.get(pointer)).toBeUndefined();
    }
    expect(analysis.locations.get("/services")?.child("0")).toBe(analysis.locations.get("/services/0"));
    expect(analysis.locations.get("/env")?.child(0)).toBeUndefined();
  });

  it("list a large config's locations in document order, parents first", () => {
    const analysis = analysisOf(largeConfig("services", 20_000));
    const root = analysis.locations.get("") as SchemaLocation;
    expect([...analysis.locations.values()].map((location) => location.pointer)).toEqual(pointersByWalking(root));
  });
});
