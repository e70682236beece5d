/**
 * The playground page: a CodeMirror 6 editor linted by flylint as you type, quick fixes and fix-all,
 * rule docs and schema help on hover, completion from the schema, the migrated file and the deploy plan
 * beside it, and the text kept in the address so a link shares it. Everything runs in the page; nothing is sent anywhere.
 */
import { autocompletion, type CompletionContext, type CompletionResult } from "@codemirror/autocomplete";
import { StreamLanguage } from "@codemirror/language";
import { toml } from "@codemirror/legacy-modes/mode/toml";
import { forEachDiagnostic, lintGutter, linter, type Diagnostic as EditorDiagnostic } from "@codemirror/lint";
import { EditorState } from "@codemirror/state";
import { EditorView, hoverTooltip, type Tooltip } from "@codemirror/view";
import { basicSetup } from "codemirror";
import ruleDocs from "flylint:rule-docs";
import exampleApp from "../../examples/fly.toml";
import exampleLegacy from "../../examples/legacy/fly.toml";
import { analyze, fixAll, fixEditsFor, migrate, plan, type Analysis, type PlaygroundProblem } from "./engine.js";
import { cursorPlace, describeKey, keyAt, keysUnder, valuesFor } from "./schema-help.js";
import { decodeShared, encodeShared } from "./share.js";

const examples: Record<string, string> = { app: exampleApp, legacy: exampleLegacy, blank: "" };

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`playground: #${id} is missing from index.html`);
  return found as T;
}

function make<K extends keyof HTMLElementTagNameMap>(tag: K, props: { className?: string; text?: string } = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = props.text;
  node.append(...children);
  return node;
}

/** Links in rendered docs open beside the playground, never in place of it (the text would be kept, but why risk it). */
function externalLinks(root: HTMLElement): HTMLElement {
  for (const link of root.querySelectorAll("a")) {
    link.target = "_blank";
    link.rel = "noopener noreferrer";
  }
  return root;
}

/** The lint tooltip: flylint's message, then the rule's own page (docs/rules/<id>.md) under it. */
function renderProblem(problem: PlaygroundProblem): HTMLElement {
  const docs = make("div", { className: "rule-docs" });
  docs.innerHTML = ruleDocs[problem.ruleId] ?? "";
  const page = make("a", { text: problem.ruleId });
  page.href = problem.docsUrl;
  const heading = make("div", { className: "rule-heading" }, make("code", {}, page), ` · ${problem.severity}`);
  return make("div", { className: "problem-tooltip" }, make("p", { className: "message", text: problem.message }), heading, externalLinks(docs));
}

function applyProblemFix(view: EditorView, problem: PlaygroundProblem, from: number, to: number): void {
  const edits = fixEditsFor(view.state.doc.toString(), { ruleId: problem.ruleId, from, to });
  if (!edits) return;
  view.dispatch({ changes: edits.map((edit) => ({ from: edit.start, to: edit.end, insert: edit.text })), userEvent: "input.fix" });
}

/** The problem each editor diagnostic shows (the tooltip names the rule itself, so `source` stays unset). */
const problemOf = new WeakMap<EditorDiagnostic, PlaygroundProblem>();

function toEditorDiagnostic(problem: PlaygroundProblem): EditorDiagnostic {
  const diagnostic: EditorDiagnostic = {
    from: problem.from,
    to: problem.to,
    severity: problem.severity,
    message: problem.message,
    renderMessage: () => renderProblem(problem),
    actions: problem.fix ? [{ name: problem.fix.applicability === "safe" ? `Fix: ${problem.fix.title}` : `Fix (unsafe): ${problem.fix.title}`, apply: (view, from, to) => applyProblemFix(view, problem, from, to) }] : [],
  };
  problemOf.set(diagnostic, problem);
  return diagnostic;
}

function schemaCompletions(context: CompletionContext): CompletionResult | null {
  const place = cursorPlace(context.state.doc.toString(), context.pos);
  if (place.kind === "none") return null;
  // Open by itself only once a word is started (or after `=`); Ctrl-Space opens it anywhere.
  if (!context.explicit && place.kind !== "value" && place.from === context.pos) return null;
  if (place.kind === "value") {
    const options = valuesFor(place.path).map((label) => ({ label, type: "constant" }));
    return options.length === 0 ? null : { from: place.from, options, validFor: /^"?[\w-]*"?$/ };
  }
  const keys = keysUnder(place.parent).filter((key) => place.kind === "key" || key.table);
  const options = keys.map((key) => ({
    label: key.name,
    type: key.table ? "namespace" : "property",
    ...(key.description ? { info: key.description } : {}),
    ...(place.kind === "key" && !key.table ? { apply: `${key.name} = ` } : {}),
  }));
  return { from: place.from, options, validFor: /^[\w-]*$/ };
}

const schemaHover = hoverTooltip((view, pos): Tooltip | null => {
  const key = keyAt(view.state.doc.toString(), pos);
  const doc = key && describeKey(key.path);
  if (!key || !doc || (!doc.description && !doc.expected)) return null;
  return {
    pos: key.from,
    end: key.to,
    above: true,
    create: () => {
      const dom = make("div", { className: "schema-tooltip" }, make("code", { className: "key-path", text: doc.path }));
      if (doc.deprecated) dom.append(make("p", { className: "deprecated", text: doc.deprecated }));
      if (doc.description) dom.append(make("p", { text: doc.description }));
      if (doc.expected) dom.append(make("p", { className: "expected", text: `Expected: ${doc.expected}` }));
      if (doc.link) {
        const link = make("a", { text: "Fly.io docs" });
        link.href = doc.link;
        dom.append(make("p", {}, link));
      }
      return { dom: externalLinks(dom) };
    },
  };
});

const tomlLanguage = StreamLanguage.define(toml);

/** Problems list under the editor, like an editor's Problems panel: click to go there, or fix. */
function showProblems(view: EditorView, analysis: Analysis): void {
  const list = element<HTMLUListElement>("problem-list");
  const counts = { error: 0, warning: 0, info: 0 };
  for (const problem of analysis.problems) counts[problem.severity]++;
  element("problem-count").textContent = analysis.problems.length === 0 ? "none" : `${analysis.problems.length} (${counts.error} errors, ${counts.warning} warnings, ${counts.info} info)`;
  element<HTMLButtonElement>("fix-all").disabled = analysis.fixable.unsafe === 0;
  list.replaceChildren(
    ...analysis.problems.map((problem) => {
      const place = make("button", { className: "place", text: `${problem.line}:${problem.column}` });
      place.title = "Go to the problem";
      place.addEventListener("click", () => {
        view.dispatch({ selection: { anchor: problem.from, head: problem.to }, scrollIntoView: true });
        view.focus();
      });
      const item = make("li", { className: `problem ${problem.severity}` }, place, make("span", { className: "severity", text: problem.severity }), make("span", { className: "message", text: problem.message }), make("code", { className: "rule", text: problem.ruleId }));
      item.dataset["rule"] = problem.ruleId;
      item.dataset["line"] = String(problem.line);
      if (problem.fix) {
        const fix = make("button", { className: `fix ${problem.fix.applicability}`, text: problem.fix.applicability === "safe" ? "Fix" : "Fix (unsafe)" });
        fix.title = problem.fix.title;
        fix.addEventListener("click", () => applyProblemFix(view, problem, problem.from, problem.to));
        item.append(fix);
      }
      return item;
    }),
  );
}

/** The read-only editor beside the main one with what `flylint migrate` makes of the text. */
function showMigration(migrated: EditorView, text: string): void {
  const view = migrate(text);
  const summary = element("migration-summary");
  const rewrites = Object.entries(view.changes).map(([rule, count]) => `${rule} ×${count}`);
  summary.textContent =
    view.status === "skipped" ? "Not migrated: the file does not parse." : view.status === "unchanged" ? "Already in today's format: migrate changes nothing." : `Migrated: ${rewrites.join(", ")}.`;
  summary.dataset["status"] = view.status;
  element("migration-notes").replaceChildren(...view.notes.map((note) => make("li", {}, make("span", { text: `${note.line}: ${note.message} ` }), make("code", { text: note.ruleId }))));
  if (migrated.state.doc.toString() !== view.text) migrated.dispatch({ changes: { from: 0, to: migrated.state.doc.length, insert: view.text } });
}

/** The plan tab: what `fly deploy` would create, per process group, as `flylint plan` works it out. */
function showPlan(text: string): void {
  const view = plan(text, { ha: element<HTMLInputElement>("ha").checked });
  const summary = element("plan-summary");
  const body = element<HTMLTableSectionElement>("plan-rows");
  summary.dataset["ok"] = String(view.ok);
  if (!view.ok) {
    summary.textContent = `No plan: ${view.error}`;
    body.replaceChildren();
    element("plan-notes").replaceChildren();
    element("plan-configs").replaceChildren();
    return;
  }
  const facts = [view.app ? `app ${view.app}` : "no app name", view.primaryRegion ? `primary region ${view.primaryRegion}` : "no primary_region"];
  summary.textContent = `${facts.join(", ")}. First deploy: ${view.total} a month.`;
  body.replaceChildren(
    ...view.groups.map((group) => {
      const row = make("tr", {}, ...[group.name, group.machines, group.size, group.autostop, group.serves, group.monthly].map((cell) => make("td", { text: cell })));
      row.dataset["group"] = group.name;
      if (group.error) row.className = "failing";
      return row;
    }),
  );
  const notes = view.groups.flatMap((group) => [...(group.error ? [`${group.name}: flyctl fails: ${group.error}`] : []), ...group.notes.map((note) => `${group.name}: ${note}`)]);
  if (view.abortGroup) notes.push(`The first deploy stops at group ${view.abortGroup}: groups are created in sorted order.`);
  element("plan-notes").replaceChildren(...notes.map((note) => make("li", { text: note })));
  element("plan-configs").replaceChildren(
    ...view.groups.map((group) => make("details", {}, make("summary", { text: `Machine config of ${group.name}` }), make("pre", { text: group.machineConfig }))),
  );
  element("plan-prices").textContent = `Costs are estimates from Fly.io list prices (USD per 30 days) as of ${view.pricesAsOf}; plans, allowances, egress and IPs are not counted.`;
}

/** The right-hand pane shows one tab at a time: the migrated file or the plan. */
function selectTab(chosen: "migrated" | "plan"): void {
  for (const name of ["migrated", "plan"] as const) {
    element(`tab-${name}`).setAttribute("aria-selected", String(name === chosen));
    element(`panel-${name}`).hidden = name !== chosen;
  }
}

function notify(message: string, kind: "info" | "error" = "info"): void {
  const status = element("status");
  status.textContent = message;
  status.dataset["kind"] = kind;
}

async function start(): Promise<void> {
  const shared = await decodeShared(location.hash);
  if (shared && "error" in shared) notify(`This link's config could not be read: ${shared.error}. Showing the example instead.`, "error");
  const initial = shared && "text" in shared ? shared.text : exampleApp;

  const migrated = new EditorView({
    parent: element("migrated"),
    state: EditorState.create({ doc: "", extensions: [basicSetup, tomlLanguage, EditorState.readOnly.of(true), EditorView.editable.of(false)] }),
  });

  let hashTimer: ReturnType<typeof setTimeout> | undefined;
  /** Writes the text into the address a moment after typing stops; replaceState keeps Back usable. */
  const keepInAddress = (text: string) => {
    clearTimeout(hashTimer);
    hashTimer = setTimeout(() => {
      void encodeShared(text).then((hash) => {
        if (view.state.doc.toString() === text) history.replaceState(null, "", hash);
      });
    }, 300);
  };

  const flylint = linter(
    (editor) => {
      const text = editor.state.doc.toString();
      const analysis = analyze(text);
      showProblems(editor, analysis);
      showMigration(migrated, text);
      showPlan(text);
      return analysis.problems.map(toEditorDiagnostic);
    },
    { delay: 250 },
  );

  const view: EditorView = new EditorView({
    parent: element("editor"),
    state: EditorState.create({
      doc: initial,
      extensions: [
        basicSetup,
        tomlLanguage,
        flylint,
        lintGutter(),
        autocompletion({ override: [schemaCompletions] }),
        schemaHover,
        EditorView.updateListener.of((update) => {
          if (update.docChanged) keepInAddress(update.state.doc.toString());
        }),
      ],
    }),
  });
  if (!shared) keepInAddress(initial);

  element<HTMLButtonElement>("fix-all").addEventListener("click", () => {
    const text = view.state.doc.toString();
    const outcome = fixAll(text, { unsafe: element<HTMLInputElement>("unsafe").checked });
    if (outcome.edits.length > 0) view.dispatch({ changes: outcome.edits.map((edit) => ({ from: edit.start, to: edit.end, insert: edit.text })), userEvent: "input.fix" });
    const refused = outcome.refused.map((r) => `${r.ruleId} (${r.message})`);
    notify(`Fixed ${outcome.fixed} problem${outcome.fixed === 1 ? "" : "s"}.${refused.length > 0 ? ` Refused, because the result would not be a config flyctl reads the same: ${refused.join("; ")}.` : ""}`);
  });

  element("tab-migrated").addEventListener("click", () => selectTab("migrated"));
  element("tab-plan").addEventListener("click", () => selectTab("plan"));
  element<HTMLInputElement>("ha").addEventListener("change", () => showPlan(view.state.doc.toString()));

  element<HTMLSelectElement>("example").addEventListener("change", (event) => {
    const choice = (event.target as HTMLSelectElement).value;
    const text = examples[choice];
    if (text !== undefined) view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
  });

  element<HTMLButtonElement>("copy-link").addEventListener("click", async () => {
    const hash = await encodeShared(view.state.doc.toString());
    history.replaceState(null, "", hash);
    const field = element<HTMLInputElement>("share-link");
    field.value = location.href;
    field.hidden = false;
    field.select();
    try {
      await navigator.clipboard.writeText(location.href);
      notify("Link copied. It holds the whole config; nothing was uploaded.");
    } catch {
      notify("Copy the link from the field above. It holds the whole config; nothing was uploaded.");
    }
  });

  // A link pasted into this tab's address bar replaces the text.
  window.addEventListener("hashchange", () => {
    void decodeShared(location.hash).then((decoded) => {
      if (decoded && "text" in decoded && decoded.text !== view.state.doc.toString()) view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: decoded.text } });
      else if (decoded && "error" in decoded) notify(`This link's config could not be read: ${decoded.error}.`, "error");
    });
  });

  // For the browser test and for curious users in the console: the diagnostics as the editor holds them.
  Object.assign(window, {
    flylintPlayground: {
      view,
      migrated,
      diagnostics: () => {
        const out: { from: number; to: number; line: number; ruleId: string; severity: string }[] = [];
        forEachDiagnostic(view.state, (d, from, to) => out.push({ from, to, line: view.state.doc.lineAt(from).number, ruleId: problemOf.get(d)?.ruleId ?? "", severity: d.severity }));
        return out;
      },
    },
  });
  document.body.dataset["ready"] = "true";
}

void start();
