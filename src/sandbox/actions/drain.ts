/**
 * `kubectl drain NODE`: cordon, refuse or skip pods as kubectl's filters say, then evict the rest
 * through the Eviction API (PodDisruptionBudgets honoured), retrying refused evictions every 5s,
 * and wait for each pod to go (staging/src/k8s.io/kubectl/pkg/drain/drain.go evictPods,
 * filters.go; staging/src/k8s.io/kubectl/pkg/cmd/drain/drain.go for the printed lines).
 */

import { canEvict, recordEviction } from "../controllers/disruption.js";
import { setDisruptionTarget } from "../controllers/pod-util.js";
import type { ControllerContext } from "../engine/controller.js";
import { controllerOf, type KubeObject } from "../model/object.js";
import { cordon } from "./execute-node.js";
import { type Repeats, ref, say } from "./kubectl.js";
import type { Action } from "./types.js";

/** kubectl drain's retry after a refused eviction (drain.go: "will retry after 5s"). */
const EVICTION_RETRY_SECONDS = 5;
/** kubectl's poll interval while waiting for evicted pods to disappear (drain.go waitForDelete). */
const DELETE_POLL_SECONDS = 1;

type DrainAction = Extract<Action, { verb: "drain" }>;

function finished(p: KubeObject): boolean {
  return p.status?.phase === "Succeeded" || p.status?.phase === "Failed";
}

function id(p: KubeObject): string {
  return `${p.metadata.namespace}/${p.metadata.name}`;
}

// staging/src/k8s.io/kubectl/pkg/drain/filters.go messages, in makeFilters order. Its
// localStorageWarning never reaches the user: a later filter's status replaces it.
const DAEMONSET_FATAL = "DaemonSet-managed Pods (use --ignore-daemonsets to ignore)";
const DAEMONSET_WARNING = "ignoring DaemonSet-managed Pods";
const LOCAL_STORAGE_FATAL = "Pods with local storage (use --delete-emptydir-data to override)";
const UNMANAGED_FATAL = "cannot delete Pods that declare no controller (use --force to override)";
const UNMANAGED_WARNING = "deleting Pods that declare no controller";
const FILTER_ORDER = [DAEMONSET_FATAL, DAEMONSET_WARNING, LOCAL_STORAGE_FATAL, UNMANAGED_FATAL, UNMANAGED_WARNING];

/** filters.go PodDeleteStatus: whether drain deletes the pod, and the message it is listed under. */
interface PodDeleteStatus {
  delete: boolean;
  warning?: string;
  error?: string;
}

/**
 * filters.go filterPods over makeFilters (daemonSet, mirrorPod, localStorage, unreplicated): the
 * first filter that keeps a pod decides its status; otherwise the last filter's status stands, so a
 * managed pod's local-storage warning is dropped (the TODO in localStorageFilter) and a bare pod
 * with an emptyDir is reported only under local storage.
 */
function podDeleteStatus(p: KubeObject, a: DrainAction): PodDeleteStatus {
  const owner = controllerOf(p);
  const done = finished(p);
  if (owner?.kind === "DaemonSet" && !done) {
    return a.ignoreDaemonsets
      ? { delete: false, warning: DAEMONSET_WARNING }
      : { delete: false, error: DAEMONSET_FATAL };
  }
  if (p.metadata.annotations?.["kubernetes.io/config.mirror"] !== undefined) return { delete: false };
  const emptyDir = (p.spec?.volumes ?? []).some((v: { emptyDir?: unknown }) => v.emptyDir !== undefined);
  if (emptyDir && !done && !a.deleteEmptydirData) return { delete: false, error: LOCAL_STORAGE_FATAL };
  if (done || owner) return { delete: true };
  return a.force ? { delete: true, warning: UNMANAGED_WARNING } : { delete: false, error: UNMANAGED_FATAL };
}

/** Groups in filter order, each as its message and its pods joined by ", ". */
function byFilterOrder(groups: Map<string, string[]>): [string, string][] {
  return [...groups]
    .sort(([x], [y]) => FILTER_ORDER.indexOf(x) - FILTER_ORDER.indexOf(y))
    .map(([msg, ids]) => [msg, ids.join(", ")]);
}

/** apimachinery pkg/util/errors aggregate.Error(): one message as is, several as "[a, b]". */
function aggregateError(messages: string[]): string {
  return messages.length === 1 ? (messages[0] ?? "") : `[${messages.join(", ")}]`;
}

/** Runs a drain at the current simulated time. */
export function drain(a: DrainAction, ctx: ControllerContext): void {
  const node = ctx.store.get("Node", undefined, a.node);
  const about = ref("Node", a.node);
  if (!node) {
    say(ctx, about, `Error from server (NotFound): nodes ${JSON.stringify(a.node)} not found`, true);
    return;
  }
  cordon(ctx, a.node, true);
  const pods = ctx.store.list("Pod").filter((p) => p.spec?.nodeName === a.node && !p.metadata.deletionTimestamp);
  const failed = new Map<string, string[]>();
  const warned = new Map<string, string[]>();
  const evict: KubeObject[] = [];
  for (const p of pods) {
    const status = podDeleteStatus(p, a);
    if (status.error) failed.set(status.error, [...(failed.get(status.error) ?? []), id(p)]);
    if (status.warning) warned.set(status.warning, [...(warned.get(status.warning) ?? []), id(p)]);
    if (status.delete) evict.push(p);
  }
  // PodDeleteList.errors() and Warnings() group pods by message in a Go map, so real kubectl's
  // order varies from run to run; the filters' order is used here to stay deterministic.
  const errors = byFilterOrder(failed).map(([msg, ids]) =>
    msg.toLowerCase().startsWith("cannot delete") ? `${msg}: ${ids}` : `cannot delete ${msg}: ${ids}`,
  );
  const warnings = byFilterOrder(warned).map(([msg, ids]) => `${msg}: ${ids}`);
  if (errors.length > 0) {
    say(
      ctx,
      about,
      `error: unable to drain node ${JSON.stringify(a.node)} due to error: ${aggregateError(errors)}, continuing command...`,
      true,
    );
    // cmdutil.CheckErr prints an Aggregate as one error a line (MultipleErrors, no "error: " prefix).
    say(ctx, about, `There are pending nodes to be drained:\n ${a.node}\n${errors.join("\n")}`, true);
    return;
  }
  if (warnings.length > 0) say(ctx, about, `Warning: ${warnings.join("; ")}`);
  if (evict.length === 0) {
    say(ctx, about, `node/${a.node} drained`);
    return;
  }
  let remaining = evict.length;
  const done = () => {
    remaining--;
    if (remaining === 0) say(ctx, about, `node/${a.node} drained`);
  };
  for (const p of evict) attempt(p, a, ctx, about, done);
}

/** One finding for all the refused evictions of a drain, however many times kubectl retries. */
function blockedDrain(node: string, cause: string | undefined): Repeats {
  const why = cause ? ` (${cause.replace(/\.$/, "")})` : "";
  return {
    key: `drain ${node}`,
    message: ({ first, last, count, line }) =>
      `kubectl drain ${node} is blocked: ${count} eviction${count === 1 ? "" : "s"} refused from ${first}s to ${last}s, retried every ${EVICTION_RETRY_SECONDS}s without end${why}; last: ${line}`,
    hint: "a PodDisruptionBudget that allows 0 disruptions blocks every drain: scale the workload up, or lower minAvailable / raise maxUnavailable",
  };
}

function attempt(
  pod: KubeObject,
  a: DrainAction,
  ctx: ControllerContext,
  about: ReturnType<typeof ref>,
  done: () => void,
): void {
  const ns = pod.metadata.namespace ?? "default";
  const name = pod.metadata.name ?? "";
  const current = ctx.store.get("Pod", ns, name);
  if (!current || current.metadata.uid !== pod.metadata.uid) {
    say(ctx, about, `pod/${name} evicted`);
    done();
    return;
  }
  say(ctx, about, `evicting pod ${ns}/${name}`);
  const verdict = canEvict(ctx.store, current);
  if (!verdict.allowed) {
    say(
      ctx,
      about,
      `error when evicting pods/${JSON.stringify(name)} -n ${JSON.stringify(ns)} (will retry after ${EVICTION_RETRY_SECONDS}s): ${verdict.message}`,
      true,
      blockedDrain(a.node, verdict.cause),
    );
    ctx.clock.after(EVICTION_RETRY_SECONDS, `drain ${a.node} retry ${name}`, () => attempt(pod, a, ctx, about, done));
    return;
  }
  recordEviction(ctx, current);
  // pkg/registry/core/pod/storage/eviction.go adds the DisruptionTarget condition before deleting.
  ctx.store.patch("Pod", ns, name, (p) =>
    setDisruptionTarget(p, "EvictionByEvictionAPI", "Eviction API: evicting", ctx.clock.now),
  );
  ctx.api.delete("Pod", ns, name, a.gracePeriod ?? undefined);
  const wait = () => {
    const still = ctx.store.get("Pod", ns, name);
    if (still && still.metadata.uid === pod.metadata.uid) {
      ctx.clock.after(DELETE_POLL_SECONDS, `drain ${a.node} wait ${name}`, wait);
      return;
    }
    say(ctx, about, `pod/${name} evicted`);
    done();
  };
  wait();
}
