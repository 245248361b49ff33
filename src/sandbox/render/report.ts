/**
 * The human report of a simulation, read like a terminal session: what `kubectl apply` would
 * print, `kubectl get pods -o wide`, the events as a timeline, then the findings layer by layer.
 */
import { tableToText } from "../../core/reply.js";
import { formatDuration, humanDuration } from "../model/duration.js";
import type { Finding, SimulationResult } from "../result.js";

/** Events shown in the human report before it points to `--json` for the rest. */
export const REPORT_EVENT_LINES = 60;

const SEVERITY_MARK = { error: "✖", warning: "!", info: "i" } as const;

/** `deployment.apps/web`, `service/web`: kubectl's resource/name form. */
export function kubectlName(kind: string, apiVersion: string, name: string): string {
  const group = apiVersion.includes("/") ? apiVersion.split("/")[0] : "";
  return `${kind.toLowerCase()}${group ? `.${group}` : ""}/${name}`;
}

export function applySection(result: SimulationResult): string {
  const lines = result.objects
    .filter((o) => !o.generated)
    .map((o) => `${kubectlName(o.kind, o.apiVersion, o.name)} created`);
  for (const r of result.rejected) {
    lines.push(`error: document ${r.document}, line ${r.line}: ${r.message}`);
    if (r.hint) lines.push(`  hint: ${r.hint}`);
  }
  return lines.join("\n");
}

export function podsTable(result: SimulationResult): string {
  const live = result.pods.filter((p) => !p.deleted);
  if (live.length === 0) return "No resources found in default namespace.";
  const rows = live.map((p) => [
    p.namespace === "default" ? p.name : `${p.namespace}/${p.name}`,
    p.readyContainers,
    p.status,
    String(p.restarts),
    p.ip ?? "<none>",
    p.node ?? "<none>",
  ]);
  return tableToText(["NAME", "READY", "STATUS", "RESTARTS", "IP", "NODE"], rows);
}

export function eventsTable(result: SimulationResult, max = REPORT_EVENT_LINES): string {
  if (result.events.length === 0) return "No events.";
  const shown = result.events.slice(0, max);
  const rows = shown.map((e) => [
    formatDuration(e.time),
    e.type,
    e.reason,
    e.object.replace(/^([A-Za-z]+)\//, (_m, k: string) => `${k.toLowerCase()}/`),
    e.count > 1 ? `${e.message} (x${e.count} over ${humanDuration(e.lastTime - e.time)})` : e.message,
  ]);
  const table = tableToText(["TIME", "TYPE", "REASON", "OBJECT", "MESSAGE"], rows);
  const rest = result.events.length - shown.length;
  return rest > 0 ? `${table}\n… ${rest} more events (see the JSON result with --json)` : table;
}

export function findingLines(findings: Finding[]): string {
  if (findings.length === 0) return "No problems found.";
  return findings
    .map((f) => {
      const head = `${SEVERITY_MARK[f.severity]} [${f.layer}] ${f.object ? `${f.object}: ` : ""}${f.message}`;
      return f.hint ? `${head}\n    hint: ${f.hint}` : head;
    })
    .join("\n");
}

/** The whole human report. */
export function renderReport(result: SimulationResult): string {
  const nodes = result.cluster.nodes.map((n) => n.name).join(", ");
  return [
    "$ kubectl apply -f -",
    applySection(result) || "(nothing to apply)",
    "",
    `Simulated ${formatDuration(result.horizonSeconds)} on ${result.cluster.nodes.length} node(s): ${nodes}.`,
    "",
    "$ kubectl get pods -o wide",
    podsTable(result),
    "",
    "$ kubectl get events (timeline)",
    eventsTable(result),
    "",
    "What it means:",
    findingLines(result.findings),
  ].join("\n");
}
