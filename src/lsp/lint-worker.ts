import { parentPort } from "node:worker_threads";
import { lintText } from "../engine/lint.js";
import { answer, type LintRequest } from "./lint-job.js";

// The lint worker (dist/lsp-worker.cjs): the language server posts it the texts too large to lint on the
// thread that reads the editor's keystrokes, one at a time, and it answers each. Its stdout and stderr
// are piped to the server, which forwards them to the editor's log: stdout there is the protocol.
parentPort?.on("message", (request: LintRequest) => parentPort?.postMessage(answer(request, lintText)));
