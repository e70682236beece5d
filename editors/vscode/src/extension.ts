import * as path from "node:path";
import { workspace, type ExtensionContext } from "vscode";
import { DidChangeConfigurationNotification, LanguageClient, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";

/**
 * flylint for VS Code: starts the flylint bundled in this extension as `flylint lsp --stdio` and hands it
 * fly.toml and fly.*.toml, the names flyctl reads (`fly.toml`, or `-c fly.<env>.toml`). Everything else —
 * diagnostics, quick fixes, `source.fixAll.flylint` for fix-on-save — is the server's.
 */

/** Only fly configs, whatever language another extension gives .toml files: the server lints nothing else. */
const documentSelector = [
  { scheme: "file", pattern: "**/fly.toml" },
  { scheme: "file", pattern: "**/fly.*.toml" },
];

let client: LanguageClient | undefined;

interface FlylintSettings {
  enable: boolean;
  rules: unknown;
}

function settings(): FlylintSettings {
  const configuration = workspace.getConfiguration("flylint");
  return { enable: configuration.get<boolean>("enable", true), rules: configuration.get<unknown>("rules", {}) };
}

/**
 * The bundled CLI, run by the extension host's own Node: VS Code's is Electron, which runs as plain Node
 * with ELECTRON_RUN_AS_NODE, so the user needs no Node of their own.
 */
function serverOptions(context: ExtensionContext): ServerOptions {
  const flylint = context.asAbsolutePath(path.join("server", "bin", "flylint.cjs"));
  return { command: process.execPath, args: [flylint, "lsp", "--stdio"], options: { env: { ...process.env, ELECTRON_RUN_AS_NODE: "1" } } };
}

async function start(context: ExtensionContext): Promise<void> {
  if (client) return;
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    // The server reads these as flylint.json's "rules"; they win over flylint.json, as --rule does.
    initializationOptions: { rules: settings().rules },
  };
  client = new LanguageClient("flylint", "flylint", serverOptions(context), clientOptions);
  await client.start();
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  await running?.stop();
}

export async function activate(context: ExtensionContext): Promise<void> {
  context.subscriptions.push(
    workspace.onDidChangeConfiguration(async (event) => {
      if (!event.affectsConfiguration("flylint")) return;
      const { enable, rules } = settings();
      if (!enable) await stop();
      else if (!client) await start(context);
      else if (event.affectsConfiguration("flylint.rules")) await client.sendNotification(DidChangeConfigurationNotification.type, { settings: { flylint: { rules } } });
    }),
    { dispose: () => void stop() },
  );
  if (settings().enable) await start(context);
}

export function deactivate(): Promise<void> {
  return stop();
}
