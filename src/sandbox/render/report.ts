/**
 * The human report of a simulation, read like a terminal session: what `kubectl apply` would
 * print, `kubectl get pods -o wide`, `kubectl get hpa` with the replicas over time, the events,
 * the relevant part of `kubectl describe pod` for each kind of problem (with the scheduler's
 * per-node verdicts for a Pending pod), then the explanation layer by layer: spec, API,
 * scheduling, node, runtime, network, storage, security.
 */
import { tableToText } from "../../core/reply.js";
import { formatDuration, humanDuration } from "../model/duration.js";
import { type Finding, LAYERS, type Layer, type PodSummary, type SimulationResult } from "../result.js";

/** Events shown in the human report before it points to `--json` for the rest. */
export const REPORT_EVENT_LINES = 60;
/** Problem pods described in full (one per owner and problem). */
export const REPORT_DESCRIBED_PODS = 3;

const SEVERITY_MARK = { error: "✖", warning: "!", info: "i" } as const;

/** Headings of the explanation's layers, in the order a debugger eliminates them. */
const LAYER_TITLE: Record<Layer, string> = {
  spec: "Spec (what the manifests say)",
  api: "API (what the API server accepted)",
  scheduling: "Scheduling (where pods go)",
  node: "Node (the machines and their disruptions)",
  runtime: "Runtime (containers, images, probes)",
  network: "Network (Services, Ingress, NetworkPolicy)",
  storage: "Storage (volumes and claims)",
  security: "Security (RBAC, Pod Security, securityContext)",
};

/** One HPA's state for `kubectl get hpa` and its replica timeline. */
export interface AutoscalingSummary {
  hpa: string;
  namespace: string;
  target: string;
  targets: string;
  minReplicas: number;
  maxReplicas: number;
  points: { time: number; replicas: number; utilization: number | null }[];
}

/** What the report shows beyond the JSON result (built by `reportExtras` in explain/). */
export interface ReportExtras {
  /** HorizontalPodAutoscalers with their replicas over time. */
  autoscaling?: AutoscalingSummary[];
  /** `namespace/name` of a pod → the scheduler's explanation of its placement. */
  placements?: Record<string, string[]>;
  /** Warnings the API server returned while applying the paste, per `Kind/name`. */
  warnings?: readonly ApiWarning[];
}

/** A warning the API server returned for an applied object (PodSecurity warn mode, pod-spec warnings, ...). */
export interface ApiWarning {
  /** `Kind/name` */
  object: string;
  message: string;
}

/** `deployment.apps/web`, `service/web`: kubectl's resource/name form. */
export function kubectlName(kind: string, apiVersion: string, name: string): string {
  const group = apiVersion.includes("/") ? apiVersion.split("/")[0] : "";
  return `${kind.toLowerCase()}${group ? `.${group}` : ""}/${name}`;
}

/** What `kubectl apply` prints, then the rejected documents. */
/**
 * `kubectl apply -f -`: one line per object, each after the warnings the API server returned for
 * it, which kubectl prints as `Warning: <text>` as they arrive.
 */
export function applySection(result: SimulationResult, warnings: readonly ApiWarning[] = []): string {
  const lines: string[] = [];
  for (const o of result.objects) {
    if (o.generated) continue;
    const ref = `${o.kind}/${o.name}`;
    for (const w of warnings) if (w.object === ref) lines.push(`Warning: ${w.message}`);
    lines.push(`${kubectlName(o.kind, o.apiVersion, o.name)} created`);
  }
  for (const r of result.rejected) {
    lines.push(`error: document ${r.document}, line ${r.line}: ${r.message}`);
    if (r.hint) lines.push(`  hint: ${r.hint}`);
  }
  return lines.join("\n");
}

function podName(p: PodSummary): string {
  return p.namespace === "default" ? p.name : `${p.namespace}/${p.name}`;
}

/** `kubectl get pods -o wide` at the horizon (kubectl's columns; AGE is omitted). */
export function podsTable(result: SimulationResult): string {
  const live = result.pods.filter((p) => !p.deleted);
  if (live.length === 0) return "No resources found in default namespace.";
  const rows = live.map((p) => [
    podName(p),
    p.readyContainers,
    p.status,
    String(p.restarts),
    p.ip ?? "<none>",
    p.node ?? "<none>",
  ]);
  return tableToText(["NAME", "READY", "STATUS", "RESTARTS", "IP", "NODE"], rows);
}

function eventObject(object: string): string {
  return object.replace(/^([A-Za-z]+)\//, (_m, k: string) => `${k.toLowerCase()}/`);
}

/** The events as a timeline, with aggregated counts as kubectl shows them. */
export function eventsTable(result: SimulationResult, max = REPORT_EVENT_LINES): string {
  if (result.events.length === 0) return "No events.";
  const shown = result.events.slice(0, max);
  const rows = shown.map((e) => [
    formatDuration(e.time),
    e.type,
    e.reason,
    eventObject(e.object),
    e.count > 1 ? `${e.message} (x${e.count} over ${humanDuration(e.lastTime - e.time)})` : e.message,
  ]);
  const table = tableToText(["TIME", "TYPE", "REASON", "OBJECT", "MESSAGE"], rows);
  const rest = result.events.length - shown.length;
  return rest > 0 ? `${table}\n… ${rest} more events (see the JSON result with --json)` : table;
}

/** `kubectl get hpa` and each HPA's replicas over time. */
export function autoscalingSection(list: AutoscalingSummary[]): string {
  const rows = list.map((h) => [
    h.namespace === "default" ? h.hpa : `${h.namespace}/${h.hpa}`,
    h.target,
    h.targets,
    String(h.minReplicas),
    String(h.maxReplicas),
    String(h.points[h.points.length - 1]?.replicas ?? "<none>"),
  ]);
  const table = tableToText(["NAME", "REFERENCE", "TARGETS", "MINPODS", "MAXPODS", "REPLICAS"], rows);
  const timelines = list.map(
    (h) =>
      `${h.hpa}: replicas over time: ${h.points
        .map(
          (p) => `${formatDuration(p.time)} ${p.replicas}${p.utilization === null ? "" : ` (cpu ${p.utilization}%)`}`,
        )
        .join(" → ")}`,
  );
  return [table, ...timelines].join("\n");
}

/** The first pod of each (owner, STATUS) that is not Running and Ready, up to `max`. */
function problemPods(result: SimulationResult, max: number): PodSummary[] {
  const seen = new Set<string>();
  const out: PodSummary[] = [];
  for (const p of result.pods) {
    if (p.deleted || (p.ready && p.status === "Running") || p.status === "Completed" || p.phase === "Succeeded")
      continue;
    const key = `${p.owner ?? p.name}\u0000${p.status}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
    if (out.length === max) break;
  }
  return out;
}

/** The part of `kubectl describe pod` that explains a problem: state, reason, message, events. */
export function describePod(result: SimulationResult, p: PodSummary, placement?: string[]): string {
  const lines = [
    `$ kubectl describe pod ${p.name}${p.namespace === "default" ? "" : ` -n ${p.namespace}`}`,
    `Name:         ${p.name}`,
    `Namespace:    ${p.namespace}`,
    `Node:         ${p.node ?? "<none>"}`,
    `Status:       ${p.phase}`,
  ];
  if (p.reason) lines.push(`Reason:       ${p.reason}`);
  if (p.message) lines.push(`Message:      ${p.message}`);
  if (p.owner) lines.push(`Controlled By:  ${p.owner}`);
  const events = result.events.filter((e) => e.object === `Pod/${p.name}` && e.namespace === p.namespace);
  if (events.length === 0) lines.push("Events:       <none>");
  else {
    lines.push("Events:");
    const rows = events.map((e) => [
      e.type,
      e.reason,
      e.count > 1 ? `${formatDuration(e.time)} (x${e.count})` : formatDuration(e.time),
      e.source,
      e.message,
    ]);
    lines.push(
      ...tableToText(["Type", "Reason", "At", "From", "Message"], rows)
        .split("\n")
        .map((l) => `  ${l}`),
    );
  }
  if (placement && placement.length > 0) lines.push("Scheduler's view:", ...placement.map((l) => `  ${l}`));
  return lines.join("\n");
}

/** Findings as lines: `✖ [layer] Kind/name: message` and an indented hint. */
export function findingLines(findings: Finding[]): string {
  if (findings.length === 0) return "No problems found.";
  return findings
    .map((f) => {
      const head = `${SEVERITY_MARK[f.severity]} [${f.layer}] ${f.object ? `${f.object}: ` : ""}${f.message}`;
      return f.hint ? `${head}\n    hint: ${f.hint}` : head;
    })
    .join("\n");
}

/** The explanation layer by layer, in LAYERS order; layers without findings are named as clear. */
export function layeredExplanation(findings: Finding[]): string {
  if (findings.length === 0) return "No problems found in any layer.";
  const out: string[] = [];
  const clear: string[] = [];
  for (const layer of LAYERS) {
    const mine = findings.filter((f) => f.layer === layer);
    if (mine.length === 0) {
      clear.push(layer);
      continue;
    }
    out.push(`${LAYER_TITLE[layer]}:`);
    for (const f of mine) {
      out.push(`  ${SEVERITY_MARK[f.severity]} ${f.object ? `${f.object}: ` : ""}${f.message}`);
      if (f.hint) out.push(`      hint: ${f.hint}`);
    }
  }
  if (clear.length > 0) out.push(`Nothing to report in: ${clear.join(", ")}.`);
  return out.join("\n");
}

/** The whole human report. */
export function renderReport(result: SimulationResult, extras: ReportExtras = {}): string {
  const nodes = result.cluster.nodes.map((n) => n.name).join(", ");
  const sections = [
    "$ kubectl apply -f -",
    applySection(result, extras.warnings) || "(nothing to apply)",
    "",
    `Simulated ${formatDuration(result.horizonSeconds)} on ${result.cluster.nodes.length} node(s): ${nodes}.`,
    "",
    "$ kubectl get pods -o wide",
    podsTable(result),
  ];
  if (extras.autoscaling && extras.autoscaling.length > 0) {
    sections.push("", "$ kubectl get hpa", autoscalingSection(extras.autoscaling));
  }
  sections.push("", "$ kubectl get events (timeline)", eventsTable(result));
  for (const p of problemPods(result, REPORT_DESCRIBED_PODS)) {
    sections.push("", describePod(result, p, extras.placements?.[`${p.namespace}/${p.name}`]));
  }
  sections.push("", "What it means, layer by layer:", layeredExplanation(result.findings));
  return sections.join("\n");
}
