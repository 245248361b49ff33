/**
 * The one entry point of the sandbox: `simulate(input) → SimulationResult`. Pure and
 * deterministic: the same input gives the same output byte for byte. Randomness (generated
 * names, uids, tie-breaks among equally scored nodes) comes from one SeededRandom whose seed is
 * `input.seed`, or else the FNV-1a hash of the manifests text.
 */
import { describeLimit, LIMITS } from "../core/limits.js";
import type { ApiFailure } from "./api/types.js";
import { type Cluster, createCluster } from "./cluster/cluster.js";
import { loadClusterNodes } from "./cluster/load-nodes.js";
import { clusterComponents } from "./components.js";
import type { SimulationNote } from "./engine/controller.js";
import { collectFindings } from "./explain/findings.js";
import type { KubeObject } from "./model/object.js";
import { fnv1a32 } from "./model/random.js";
import { parseManifests } from "./parse/index.js";
import { summarizeResult, trackHistory } from "./render/summarize.js";
import type { Rejection, SimulationResult } from "./result.js";
import { scheduleActions, validateActions } from "./simulate-actions.js";

/** What to simulate. */
export interface SimulationInput {
  /** The learner's paste: YAML (one or more documents) or JSON, as text or raw bytes. */
  manifests: string | Uint8Array;
  /** v1 Node objects as YAML; the default cluster when absent. */
  cluster?: string;
  /** Simulated seconds to run to (default 600). */
  atSeconds?: number;
  /** `--then` actions, e.g. `2m: kubectl drain node-b --ignore-daemonsets`. */
  actions?: string[];
  /** Files that `kubectl apply -f FILE` actions may name. */
  files?: Record<string, string>;
  /** Seed of the tie-breaking generator. */
  seed?: number;
}

/** Default horizon: ten simulated minutes. */
export const DEFAULT_HORIZON_SECONDS = 600;

/** Problems with the simulation request itself (not the learner's manifests): CLI exit status 2. */
export function usageProblems(input: SimulationInput): string[] {
  const problems: string[] = [];
  if (input.cluster !== undefined) {
    const nodes = loadClusterNodes(input.cluster);
    if (!nodes.ok) problems.push(nodes.message);
  }
  const at = input.atSeconds ?? DEFAULT_HORIZON_SECONDS;
  if (!Number.isFinite(at) || at < 0) problems.push(`--at must be a duration of 0s or more`);
  else if (at > LIMITS.horizonSeconds) problems.push(`--at ${at}s is over the ${describeLimit("horizonSeconds")}`);
  problems.push(...validateActions(input.actions ?? [], input.files ?? {}));
  return problems;
}

/** Everything a run produced: the JSON result and the cluster it ran in (for explanations). */
export interface SimulationRun {
  result: SimulationResult;
  cluster: Cluster;
  /** Warnings the API server returned per accepted object (PodSecurity warn mode, ...). */
  warnings: { object: string; message: string }[];
}

/**
 * Two documents of one paste naming the same object: `kubectl apply -f` applies them in turn
 * ("created", then "configured"), so the later one silently wins — usually a copy-paste slip.
 */
function redefinedNote(object: string, first: number, again: number): SimulationNote {
  return {
    severity: "warning",
    layer: "spec",
    object,
    message: `document ${again} defines ${object} again (first in document ${first}): kubectl applies both in turn ("created", then "configured"), and the later one replaces the earlier`,
    hint: "rename one of them, or delete the document you did not mean",
  };
}

export function simulate(input: SimulationInput): SimulationResult {
  return runSimulation(input).result;
}

export function runSimulation(input: SimulationInput): SimulationRun {
  const problems = usageProblems(input);
  const horizon = Math.min(Math.max(input.atSeconds ?? DEFAULT_HORIZON_SECONDS, 0), LIMITS.horizonSeconds) || 0;
  const nodesResult = input.cluster !== undefined ? loadClusterNodes(input.cluster) : undefined;
  const components = clusterComponents();
  const cluster = createCluster({
    seed: input.seed ?? fnv1a32(input.manifests),
    ...(nodesResult?.ok ? { nodes: nodesResult.nodes } : {}),
    controllers: components.controllers,
  });
  cluster.scheduling = components.scheduler;
  for (const message of problems) {
    cluster.notes.push({ severity: "error", layer: "spec", object: null, message, hint: "fix the simulation request" });
  }

  const history = trackHistory(cluster.store);
  const rejected: Rejection[] = [];
  const accepted: KubeObject[] = [];
  const warnings: SimulationRun["warnings"] = [];
  const parsed = parseManifests(input.manifests);
  for (const p of [...(parsed.fatal ? [parsed.fatal] : []), ...parsed.problems]) {
    rejected.push({
      document: p.document,
      line: p.line,
      kind: null,
      name: null,
      namespace: null,
      message: p.message,
      hint: null,
    });
  }
  const objects = parsed.fatal ? [] : parsed.objects;
  if (objects.length === 0 && rejected.length === 0) {
    // kubectl's own answer to such input (k8s.io/kubectl/pkg/cmd/apply: "no objects passed to apply").
    cluster.notes.push({
      severity: "warning",
      layer: "spec",
      object: null,
      message:
        "error: no objects passed to apply: the input holds no Kubernetes objects (only comments or empty documents)",
      hint: "paste one or more manifests, each with apiVersion, kind and metadata.name",
    });
  }
  if (objects.length > LIMITS.objects) {
    rejected.push({
      document: objects[LIMITS.objects]?.document ?? 1,
      line: objects[LIMITS.objects]?.line ?? 1,
      kind: null,
      name: null,
      namespace: null,
      message: `${objects.length} objects, over the ${describeLimit("objects")}; the objects past it were not simulated`,
      hint: "split the paste into smaller ones",
    });
  }
  /** Document of each object's first definition, by kind, namespace and name. */
  const definedIn = new Map<string, number>();
  for (const item of objects.slice(0, LIMITS.objects)) {
    const outcome = cluster.api.apply(item.value, {
      origin: "user",
      source: { document: item.document, line: item.line },
    });
    if (outcome.ok) {
      const { kind, metadata } = outcome.object;
      const key = `${kind}/${metadata.namespace ?? ""}/${metadata.name}`;
      const first = definedIn.get(key);
      if (first === undefined) definedIn.set(key, item.document);
      else cluster.notes.push(redefinedNote(`${kind}/${metadata.name}`, first, item.document));
      accepted.push(outcome.object);
      for (const w of outcome.warnings)
        warnings.push({ object: `${outcome.object.kind}/${outcome.object.metadata.name}`, message: w });
    } else {
      rejected.push(toRejection(outcome, item.document, item.line));
    }
  }
  rejected.sort((a, b) => a.document - b.document || a.line - b.line);

  if (problems.length === 0) scheduleActions(input.actions ?? [], input.files ?? {}, cluster.ctx);
  const run = cluster.clock.runUntil(problems.length === 0 ? horizon : 0);
  const findings = collectFindings(cluster, rejected, warnings);
  const result = summarizeResult(cluster, history, run.reached, rejected, accepted, findings);
  return { result, cluster, warnings };
}

function toRejection(f: ApiFailure, document: number, line: number): Rejection {
  return {
    document,
    line,
    kind: f.kind,
    name: f.name,
    namespace: f.namespace,
    message: f.message,
    hint: f.hint ?? null,
  };
}
