import { pricesAsOf, priceSources } from "../data/prices.js";
import { formatUsd, type MonthlyCost } from "../plan/cost.js";
import type { MachineConfig, MachineService } from "../plan/machine-types.js";
import type { ConfigPlan, GroupPlan, TextPlan } from "../plan/index.js";
import { maskText, type Secrets } from "../secrets/redact.js";
import { reportPath } from "./paths.js";

/**
 * `flylint plan` reports: a table for people (default), Markdown for a pull-request comment, and JSON,
 * a versioned contract. `schemaVersion` changes only when a field is removed or changes meaning; new
 * fields may appear in any version. `config` is the machine config with the Machines API's field names
 * and values as flyctl's encoding/json writes them. Secrets in the output are masked.
 */
export const PLAN_SCHEMA_VERSION = 1;

export interface PlannedFile {
  filePath: string;
  result: TextPlan;
  secrets: Secrets;
}

export interface PlanReportContext {
  cwd: string;
  toolVersion: string;
  /** fly deploy --ha, as the plan was made. */
  ha: boolean;
}

const disclaimer = `Costs are estimates from Fly.io list prices (iad, USD per 30 days) as of ${pricesAsOf}; plans, allowances, egress and IPs are not counted.`;

function groupJson(group: GroupPlan) {
  return {
    name: group.name,
    config: group.config,
    error: group.error,
    firstDeploy: group.firstDeploy,
    autostop: group.autostop,
    autostopRequested: group.autostopRequested,
    monthlyCost: group.monthlyCost,
    notes: group.notes,
  };
}

export function formatPlanJson(files: readonly PlannedFile[], context: PlanReportContext): string {
  const report = {
    schemaVersion: PLAN_SCHEMA_VERSION,
    tool: { name: "flylint", version: context.toolVersion },
    ha: context.ha,
    prices: { asOf: pricesAsOf, currency: "USD", estimate: true, sources: priceSources },
    files: files.map(({ filePath, result }) => {
      const path = reportPath(filePath, context.cwd);
      if (!result.ok) return { path, app: null, primaryRegion: null, error: result.error, groups: [], monthlyCost: null };
      const plan = result.plan;
      return {
        path,
        app: plan.app,
        primaryRegion: plan.primaryRegion,
        image: plan.image,
        error: null,
        firstDeployAbortGroup: plan.firstDeployAbortGroup,
        groups: plan.groups.map(groupJson),
        releaseCommand: plan.releaseCommand,
        monthlyCost: plan.monthlyCost,
      };
    }),
  };
  // Masked value by value before JSON escapes them: a secret with a quote or backslash in it is still found.
  const masked = JSON.stringify(report, (_, value: unknown) => (typeof value === "string" ? files.reduce((out, file) => maskText(out, file.secrets), value) : value), 2);
  return `${masked}\n`;
}

/** fly-go's MachineGuest.ToSize and String: "shared-cpu-2x, 1024 MB". */
function sizeLabel(config: MachineConfig | null): string {
  const guest = config?.guest;
  if (!guest) return "shared-cpu-1x 256 MB (default)";
  const gpu: Record<string, string> = { "a100-pcie-40gb": "a100-40gb", "a100-sxm4-80gb": "a100-80gb", l40s: "l40s", a10: "a10" };
  const name = guest.gpu_kind && gpu[guest.gpu_kind] ? gpu[guest.gpu_kind] : `${guest.cpu_kind === "performance" ? "performance" : "shared-cpu"}-${guest.cpus ?? 1}x`;
  return `${name} ${guest.memory_mb ?? 256} MB`;
}

function machinesLabel(group: GroupPlan): string {
  const deploy = group.firstDeploy;
  if (!deploy) return "none (error)";
  return deploy.standby > 0 ? `${deploy.started} + ${deploy.standby} standby` : String(deploy.started);
}

function autostopLabel(group: GroupPlan): string {
  if (!group.config?.services) return "-";
  return group.autostop === group.autostopRequested ? group.autostop : `${group.autostopRequested} → ${group.autostop}`;
}

/** "80,443 → 8080/tcp" for each service. */
function servesLabel(services: MachineService[] | undefined): string {
  if (!services || services.length === 0) return "-";
  return services
    .map((service) => {
      const ports = (service.ports ?? []).map((p) => (p.port !== undefined ? String(p.port) : `${p.start_port ?? "?"}-${p.end_port ?? "?"}`));
      return `${ports.length > 0 ? `${ports.join(",")} → ` : ""}${service.internal_port ?? 0}/${service.protocol ?? "tcp"}`;
    })
    .join("; ");
}

function volumesLabel(group: GroupPlan): string {
  const mounts = group.config?.mounts ?? [];
  return mounts.length > 0 ? mounts.map((m) => `${m.name ?? "?"} at ${m.path ?? "?"}`).join("; ") : "-";
}

function costLabel(cost: { min: number; max: number } | null): string {
  if (!cost) return "-";
  return cost.min === cost.max ? formatUsd(cost.max) : `${formatUsd(cost.min)}–${formatUsd(cost.max)}`;
}

const columns = ["group", "machines", "size", "auto-stop", "serves", "volumes", "per month"];

function rows(plan: ConfigPlan): string[][] {
  return plan.groups.map((g) => [g.name, machinesLabel(g), sizeLabel(g.config), autostopLabel(g), servesLabel(g.config?.services), volumesLabel(g), costLabel(g.monthlyCost)]);
}

function imageLabel(plan: ConfigPlan): string {
  const { from, ref } = plan.image;
  if (from === "--image" || from === "[build] image") return `image ${ref} (${from})`;
  if (from === "buildpacks") return `image built with buildpacks${ref ? ` (${ref})` : ""}`;
  if (from === "builtin") return `image built from builtin ${ref}`;
  return `image built from ${ref}`;
}

function heading(path: string, plan: ConfigPlan): string {
  const facts = [plan.app ? `app ${plan.app}` : "no app name", plan.primaryRegion ? `primary region ${plan.primaryRegion}` : "no primary_region", imageLabel(plan)];
  return `${path}: ${facts.join(", ")}`;
}

/** Notes of every group, and the file's: where the deploy stops, which region is priced as iad. */
function notes(plan: ConfigPlan): string[] {
  // A note several groups share is said once, for all of them.
  const byNote = new Map<string, string[]>();
  for (const group of plan.groups) {
    for (const note of [...(group.error ? [`flyctl fails: ${group.error}`] : []), ...group.notes]) byNote.set(note, [...(byNote.get(note) ?? []), group.name]);
  }
  const lines = [...byNote].map(([note, names]) => `${names.join(", ")}: ${note}`);
  const release = plan.releaseCommand;
  // Without [deploy.release_command_vm], fly deploy picks shared-cpu-2x for an app without Machines (machines_releasecommand.go:317-345).
  const releaseSize = release?.config?.guest ? sizeLabel(release.config) : "shared-cpu-2x 512 MB (later deploys: the default group's largest)";
  if (release?.config) lines.push(`release_command runs first, in a temporary ${releaseSize} Machine destroyed when it ends`);
  else if (release) lines.push(`release_command: flyctl fails: ${release.error}`);
  if (plan.firstDeployAbortGroup) lines.push(`the first deploy stops at group ${plan.firstDeployAbortGroup}: groups are created in sorted order`);
  const unpriced = plan.groups.find((g) => g.monthlyCost && !g.monthlyCost.regionKnown && g.monthlyCost.region);
  if (unpriced?.monthlyCost) lines.push(`${unpriced.monthlyCost.region} is priced as iad; other regions cost up to about 20% more`);
  return lines;
}

function costRange(cost: MonthlyCost | { min: number; max: number }): string {
  return cost.min === cost.max ? `${formatUsd(cost.max)}/month` : `${formatUsd(cost.min)}–${formatUsd(cost.max)}/month (auto-stop: mostly stopped – always on)`;
}

function table(cells: string[][]): string[] {
  const widths = columns.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? "").length)));
  return cells.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] as number))).join("  ").trimEnd());
}

export function formatPlanTable(files: readonly PlannedFile[], context: PlanReportContext): string {
  const out: string[] = [];
  for (const { filePath, result, secrets } of files) {
    const path = reportPath(filePath, context.cwd);
    if (!result.ok) {
      out.push(maskText(`${path}: no plan: ${result.error}`, secrets), "");
      continue;
    }
    const plan = result.plan;
    const lines = [heading(path, plan), ...table([columns.map((c) => c.toUpperCase()), ...rows(plan)]).map((line) => `  ${line}`)];
    lines.push(`  first deploy (${deployLabel(context)}): ${costRange(plan.monthlyCost)}`);
    for (const note of notes(plan)) lines.push(`  - ${note}`);
    out.push(maskText(lines.join("\n"), secrets), "");
  }
  out.push(disclaimer);
  return `${out.join("\n")}\n`;
}

const deployLabel = (context: PlanReportContext) => (context.ha ? "fly deploy" : "fly deploy --ha=false");

const cell = (text: string) => text.replace(/\|/g, "\\|");

export function formatPlanMarkdown(files: readonly PlannedFile[], context: PlanReportContext): string {
  const out: string[] = ["## flylint plan", ""];
  for (const { filePath, result, secrets } of files) {
    const path = reportPath(filePath, context.cwd);
    if (!result.ok) {
      out.push(maskText(`**\`${path}\`**: no plan: ${result.error}`, secrets), "");
      continue;
    }
    const plan = result.plan;
    const lines = [`**\`${path}\`** — ${heading(path, plan).slice(path.length + 2)}`, ""];
    lines.push(`| ${columns.join(" | ")} |`, `|${columns.map(() => " --- ").join("|")}|`);
    for (const row of rows(plan)) lines.push(`| ${row.map(cell).join(" | ")} |`);
    lines.push("", `First deploy (\`${deployLabel(context)}\`): **${costRange(plan.monthlyCost)}**`);
    const fileNotes = notes(plan);
    if (fileNotes.length > 0) lines.push("", ...fileNotes.map((note) => `- ${note}`));
    out.push(maskText(lines.join("\n"), secrets), "");
  }
  out.push(`<sub>${disclaimer}</sub>`);
  return `${out.join("\n")}\n`;
}
