/**
 * `kubectl drain NODE`: cordon, refuse or skip pods as kubectl's filters say, then evict the rest
 * through the Eviction API (PodDisruptionBudgets honoured), retrying refused evictions every 5s,
 * and wait for each pod to go (staging/src/k8s.io/kubectl/pkg/drain/drain.go evictPods,
 * filters.go; staging/src/k8s.io/kubectl/pkg/cmd/drain/drain.go for the printed lines).
 */
import { timestampAt } from "../api/server.js";
import { canEvict, recordEviction } from "../controllers/disruption.js";
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
  const errors: string[] = [];
  const warnings: string[] = [];
  const daemon: string[] = [];
  const local: string[] = [];
  const bare: string[] = [];
  const evict: KubeObject[] = [];
  for (const p of pods) {
    if (p.metadata.annotations?.["kubernetes.io/config.mirror"] !== undefined) continue;
    const owner = controllerOf(p);
    if (owner?.kind === "DaemonSet") {
      daemon.push(id(p));
      continue;
    }
    if (!finished(p) && (p.spec?.volumes ?? []).some((v: { emptyDir?: unknown }) => v.emptyDir !== undefined))
      local.push(id(p));
    if (!finished(p) && !owner) bare.push(id(p));
    evict.push(p);
  }
  // filters.go: daemonSetFilter, localStorageFilter, unreplicatedFilter, in that order.
  if (daemon.length > 0) {
    if (a.ignoreDaemonsets) warnings.push(`ignoring DaemonSet-managed Pods: ${daemon.join(", ")}`);
    else errors.push(`cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${daemon.join(", ")}`);
  }
  if (local.length > 0) {
    if (a.deleteEmptydirData) warnings.push(`deleting Pods with local storage: ${local.join(", ")}`);
    else
      errors.push(
        `cannot delete Pods with local storage (use --delete-emptydir-data to override): ${local.join(", ")}`,
      );
  }
  if (bare.length > 0) {
    if (a.force) warnings.push(`deleting Pods that declare no controller: ${bare.join(", ")}`);
    else errors.push(`cannot delete Pods that declare no controller (use --force to override): ${bare.join(", ")}`);
  }
  if (errors.length > 0) {
    say(
      ctx,
      about,
      `error: unable to drain node ${JSON.stringify(a.node)} due to error: ${errors.join(", ")}, continuing command...`,
      true,
    );
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
  ctx.store.patch("Pod", ns, name, (p) => {
    p.status = p.status ?? {};
    p.status.conditions = [
      ...(p.status.conditions ?? []).filter((c: { type: string }) => c.type !== "DisruptionTarget"),
      {
        type: "DisruptionTarget",
        status: "True",
        reason: "EvictionByEvictionAPI",
        message: "Eviction API: evicting",
        lastProbeTime: null,
        lastTransitionTime: timestampAt(ctx.clock.now),
      },
    ];
  });
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
