/**
 * "What if" follow-ups: a button under a simulation result (`whatif:drain:<node>`,
 * `whatif:node-down:<node>`, `whatif:scale:<kind>/<name>`, see `sandbox/render/reply.ts`) becomes
 * the same paste with one more `--then` action, one simulated minute after the last one, and a
 * horizon long enough for the consequences (node-lifecycle eviction waits 300 s) to show.
 */
import { describeLimit, LIMITS } from "../core/limits.js";
import { formatDuration, parseGoDuration } from "../sandbox/model/duration.js";
import { parseManifests } from "../sandbox/parse/index.js";
import { DEFAULT_HORIZON_SECONDS } from "../sandbox/simulate.js";
import type { SimulationRequest } from "../tutor/simulation.js";

/** A parsed "what if" button id. */
export type WhatIf =
  | { verb: "drain"; node: string }
  | { verb: "node-down"; node: string }
  | { verb: "scale"; kind: "deployment" | "statefulset"; name: string };

/** The result of {@link withWhatIf}. */
export type WhatIfResult = { ok: true; request: SimulationRequest; label: string } | { ok: false; message: string };

/** DNS-1123 subdomain: what node and workload names may be (apimachinery validation.go). */
const NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/** Seconds between the last action and the new one. */
const STEP_SECONDS = 60;
/** Seconds simulated after the new action: the default toleration of a NotReady node (300 s) and then some. */
const AFTER_SECONDS = 600;

/** Parses a button id; undefined when it is not a well-formed "what if". */
export function parseWhatIf(id: string): WhatIf | undefined {
  const node = /^whatif:(drain|node-down):(.+)$/.exec(id);
  if (node?.[1] && node[2] && NAME.test(node[2])) return { verb: node[1] as "drain" | "node-down", node: node[2] };
  const scale = /^whatif:scale:(deployment|statefulset)\/(.+)$/.exec(id);
  if (scale?.[1] && scale[2] && NAME.test(scale[2]))
    return { verb: "scale", kind: scale[1] as "deployment" | "statefulset", name: scale[2] };
  return undefined;
}

/** The time of the latest action (0 when there is none): the point follow-ups count from. */
export function lastActionSeconds(actions: string[]): number {
  let last = 0;
  for (const a of actions) {
    const colon = a.indexOf(":");
    const at = colon > 0 ? parseGoDuration(a.slice(0, colon)) : null;
    if (at !== null && at > last) last = at;
  }
  return last;
}

/** When a follow-up without a time of its own runs: a minute after the previous step. */
export function nextActionSeconds(request: SimulationRequest): number {
  return lastActionSeconds(request.actions ?? []) + STEP_SECONDS;
}

/** The result of {@link appendAction}. */
export type AppendResult<T> = { ok: true; request: T; action: string } | { ok: false; message: string };

/**
 * `request` with `command` at `at` seconds appended, and a horizon long enough for its
 * consequences; refused past the actions or horizon limit, with the limit's name.
 */
export function appendAction<T extends SimulationRequest>(request: T, at: number, command: string): AppendResult<T> {
  const actions = request.actions ?? [];
  if (actions.length >= LIMITS.actions)
    return {
      ok: false,
      message: `This thread already has ${actions.length} actions, the ${describeLimit("actions")}.`,
    };
  if (at > LIMITS.horizonSeconds)
    return {
      ok: false,
      message: `${formatDuration(at)} is past the simulated horizon limit (${formatDuration(LIMITS.horizonSeconds)}): a follow-up has to happen before it.`,
    };
  const horizon = Math.min(
    LIMITS.horizonSeconds,
    Math.max(request.atSeconds ?? DEFAULT_HORIZON_SECONDS, at + AFTER_SECONDS),
  );
  const action = `${formatDuration(at)}: ${command}`;
  return { ok: true, action, request: { ...request, actions: [...actions, action], atSeconds: horizon } };
}

/** The workload's replicas as the paste and earlier scale actions leave them (default 1). */
export function currentReplicas(request: SimulationRequest, kind: string, name: string): number {
  let replicas = 1;
  for (const o of parseManifests(request.manifests).objects) {
    const v = o.value as { kind?: unknown; metadata?: { name?: unknown }; spec?: { replicas?: unknown } };
    if (String(v.kind).toLowerCase() === kind && v.metadata?.name === name) {
      const r = v.spec?.replicas;
      if (typeof r === "number" && Number.isInteger(r) && r >= 0) replicas = r;
    }
  }
  const target = new RegExp(`\\bscale\\s+${kind}/${name.replace(/\./g, "\\.")}\\s+--replicas=(\\d+)`);
  for (const a of request.actions ?? []) {
    const m = target.exec(a);
    if (m?.[1]) replicas = Number(m[1]);
  }
  return replicas;
}

/** The paste with the button's action appended, or why it cannot be. */
export function withWhatIf(request: SimulationRequest, id: string): WhatIfResult {
  const w = parseWhatIf(id);
  if (!w) return { ok: false, message: `This button (${JSON.stringify(id.slice(0, 100))}) is not one I know.` };
  const at = nextActionSeconds(request);
  let command: string;
  let label: string;
  if (w.verb === "drain") {
    command = drainCommand(w.node);
    label = `what if ${w.node} is drained`;
  } else if (w.verb === "node-down") {
    command = `node-down ${w.node}`;
    label = `what if ${w.node} goes down`;
  } else {
    const now = currentReplicas(request, w.kind, w.name);
    const to = Math.max(now + 1, now * 2);
    command = `kubectl scale ${w.kind}/${w.name} --replicas=${to}`;
    label = `what if ${w.name} is scaled from ${now} to ${to}`;
  }
  const next = appendAction(request, at, command);
  return next.ok ? { ok: true, label: `${label} ${formatDuration(at)} in`, request: next.request } : next;
}

/** The drain the button runs: what a learner usually types (DaemonSet pods and emptyDir data would refuse it). */
export function drainCommand(node: string): string {
  return `kubectl drain ${node} --ignore-daemonsets --delete-emptydir-data`;
}
