import { describe, expect, it } from "vitest";
import { formatGoDuration, goDurationFromMilliseconds, parseGoDuration } from "../src/model/go-duration.js";
import { shellSplitError } from "../src/model/shell-words.js";
import { goValueString, parseMemoryMbResult, parseVolumeSizeGb } from "../src/model/sizes.js";

describe("sizes, as flyctl parses them (fly-toml-model.md §1.15)", () => {
  it.each([
    ["512", 512, 500],
    ["512mb", 512, 0],
    ["512MB", 512, 0],
    ["1gb", 1024, 1],
    ["1GiB", 1024, 1],
    ["1.5gb", 1536, 1],
    ["2 GB", 2048, 2],
    ["1000mb", 1000, 1],
    ["999mb", 999, 0],
    ["1tb", 1048576, 1000],
    ["1e3mb", 1000, 1],
    ["1024k", 1, 0],
    ["1.5", 0, 0],
    ["0", 0, 0],
    ["-512", -512, -512],
  ])("%s → memory %i MB", (text, memoryMb) => {
    const memory = parseMemoryMbResult(text);
    expect(memory).toEqual({ ok: true, value: memoryMb });
  });

  it.each([
    ["500", 500],
    ["15Mb", 0],
    ["1gb", 1],
    ["1.9gb", 1],
    ["1000mb", 1],
    ["10.5", 0],
  ])("%s → volume %i GB", (text, gb) => {
    expect(parseVolumeSizeGb(text)).toEqual({ ok: true, value: gb });
  });

  it.each([
    ["abc", "invalid size: invalid size: 'abc'"],
    ["unparseable", "invalid size: invalid size: 'unparseable'"],
    ["1xb", "invalid size: invalid suffix: 'xb'"],
    ["-1gb", "invalid size: invalid size: '-1gb'"],
    ["2  GB", 'invalid size: strconv.ParseFloat: parsing "2 ": invalid syntax'],
  ])("%s is an error: %s", (text, error) => {
    expect(parseVolumeSizeGb(text)).toEqual({ ok: false, error });
  });

  it("renders numbers as Go's %v does", () => {
    expect([goValueString(512), goValueString(10.5), goValueString(1e21), goValueString("x")]).toEqual(["512", "10.5", "1e+21", "x"]);
  });
});

describe("Go durations", () => {
  it.each([
    ["10s", 10e9],
    ["1m30s", 90e9],
    ["1.5h", 5400e9],
    ["-5s", -5e9],
    ["0", 0],
    ["500ms", 5e8],
    ["10µs", 1e4],
    // Go takes both the micro sign (U+00B5) and the Greek small mu (U+03BC).
    ["10\u03bcs", 1e4],
    ["1h2m3.5s", 3723.5e9],
  ])("parses %s", (text, ns) => {
    expect(parseGoDuration(text)).toBe(ns);
  });

  it.each(["5", "", "1 m", "s", "1d", "abc"])("rejects %j", (text) => {
    expect(parseGoDuration(text)).toBeUndefined();
  });

  it.each([
    [81e9, "1m21s"],
    [1.999e9, "1.999s"],
    [61e9, "1m1s"],
    [5e8, "500ms"],
    [1e4, "10µs"],
    [300, "300ns"],
    [3600e9, "1h0m0s"],
    [0, "0s"],
  ])("formats %d ns as %s", (ns, text) => {
    expect(formatGoDuration(ns)).toBe(text);
  });

  it("writes millisecond numbers as flyctl does", () => {
    expect([10000, 1500.9, 500, 90000].map(goDurationFromMilliseconds)).toEqual(["10s", "1.5s", "500ms", "1m30s"]);
  });
});

describe("shell words (google/shlex)", () => {
  it.each([
    ["bin/server --port 8080", undefined],
    [`sh -c "echo 'hi'"`, undefined],
    ["echo # it's a comment", undefined],
    ["echo it's", "EOF found when expecting closing quote"],
    [`run "unclosed`, "EOF found when expecting closing quote"],
    ["trailing \\", "EOF found after escape character"],
    [`"escaped \\`, "EOF found after escape character"],
  ])("%j → %s", (command, error) => {
    expect(shellSplitError(command)).toBe(error);
  });
});
