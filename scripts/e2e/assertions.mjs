// The assertions both end-to-end scripts (playground.mjs, vscode.mjs) use: plain throws, so a failing
// step reports what it expected and what it got without a test runner in the browser process.
export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

export function assertEqual(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}:\n    expected ${e}\n    got      ${a}`);
}
