/**
 * The DaemonSet controller (pkg/controller/daemon/daemon_controller.go syncDaemonSet, update.go
 * rollingUpdate): one pod per node that should run it, pinned by node affinity and left to the
 * default scheduler; failed daemon pods are killed with back-off; surplus pods and pods on nodes
 * that no longer qualify are deleted; template changes roll out within maxUnavailable, or with
 * maxSurge by starting the new pod before the old one goes (daemonset-surge.ts).
 */
import type { WatchEvent } from "../api/store.js";
import type { Controller, ControllerContext, ReconcileResult } from "../engine/controller.js";
import { controllerOf, type KubeObject } from "../model/object.js";
import { sameJson } from "../model/same-json.js";
import { allowsSurge, surgeExcessPods, surgeUpdate } from "./daemonset-surge.js";
import { addDaemonTolerations, nodeShouldRunDaemonPod, pinToNode, targetNodeName } from "./daemonset-util.js";
import { byCreation, computeHash, scaledValue } from "./deployment-util.js";
import { controlledBy } from "./owner-index.js";
import { createPod, deletePod, podBudget, podFromTemplate, slowStartBatch } from "./pod-control.js";
import { isPodAvailable, isPodReady, podPhase, secondsUntilAvailable } from "./pod-util.js";
import { REVISION_LABEL } from "./statefulset.js";

const SOURCE = "daemonset-controller";
/** Deprecated label still written on daemon pods (apps/v1 DefaultDaemonSetUniqueLabelKey's sibling). */
const TEMPLATE_GENERATION_LABEL = "pod-template-generation";
/** Failed-pod back-off (daemon_controller.go: flowcontrol.NewBackOff(1s, 15m)). */
const FAILED_BACKOFF_INITIAL = 1;
const FAILED_BACKOFF_MAX = 15 * 60;

interface Backoff {
  delay: number;
  until: number;
}

function hashOf(ds: KubeObject): string {
  return computeHash(ds.spec?.template);
}

function newDaemonPod(ds: KubeObject, nodeName: string, hash: string): KubeObject {
  const pod = podFromTemplate(ds.spec?.template, ds);
  pod.metadata.generateName = `${ds.metadata.name}-`;
  pod.metadata.labels = {
    ...pod.metadata.labels,
    [REVISION_LABEL]: hash,
    [TEMPLATE_GENERATION_LABEL]: String(ds.metadata.generation ?? 1),
  };
  addDaemonTolerations(pod.spec);
  pinToNode(pod.spec, nodeName);
  return pod;
}

function isUpdated(pod: KubeObject, hash: string): boolean {
  return pod.metadata.labels?.[REVISION_LABEL] === hash;
}

/** The DaemonSet controller. */
export function daemonSetController(): Controller {
  const backoffs = new Map<string, Backoff>();

  function sync(key: string, ctx: ControllerContext): ReconcileResult | undefined {
    const i = key.indexOf("/");
    const ds = ctx.store.get("DaemonSet", key.slice(0, i), key.slice(i + 1));
    if (!ds || ds.metadata.deletionTimestamp) return undefined;
    const now = ctx.clock.now;
    const hash = hashOf(ds);
    const minReady = (ds.spec?.minReadySeconds as number | undefined) ?? 0;
    const nodes = [...ctx.store.list("Node")].sort((a, b) =>
      (a.metadata.name ?? "") < (b.metadata.name ?? "") ? -1 : 1,
    );
    const byNode = new Map<string, KubeObject[]>();
    for (const pod of controlledBy(ctx.store, "Pod", ds.metadata.uid ?? "")) {
      const node = targetNodeName(pod) ?? "";
      byNode.set(node, [...(byNode.get(node) ?? []), pod]);
    }
    const surge = allowsSurge(ds);
    const needing: string[] = [];
    const toDelete: KubeObject[] = [];
    let requeue: number | undefined;
    const later = (s: number) => {
      requeue = Math.min(requeue ?? s, s);
    };
    for (const node of nodes) {
      const name = node.metadata.name ?? "";
      const pods = byNode.get(name) ?? [];
      const { shouldRun, shouldContinueRunning } = nodeShouldRunDaemonPod(node, ds);
      if (shouldRun && pods.length === 0) {
        needing.push(name);
      } else if (shouldContinueRunning) {
        const running: KubeObject[] = [];
        for (const pod of pods) {
          if (pod.metadata.deletionTimestamp) continue;
          const phase = podPhase(pod);
          if (phase === "Failed") {
            const bkey = `${key}/${name}`;
            const b = backoffs.get(bkey);
            if (b && now < b.until) {
              later(b.until - now);
              continue;
            }
            const delay = b ? Math.min(b.delay * 2, FAILED_BACKOFF_MAX) : FAILED_BACKOFF_INITIAL;
            backoffs.set(bkey, { delay, until: now + delay });
            ctx.recorder.record(
              ds,
              "Warning",
              "FailedDaemonPod",
              `Found failed daemon pod ${pod.metadata.namespace}/${pod.metadata.name} on node ${name}, will try to kill it`,
              SOURCE,
            );
            toDelete.push(pod);
          } else if (phase === "Succeeded") toDelete.push(pod);
          else running.push(pod);
        }
        if (surge) {
          // While surging a node needs one pod that is not being deleted.
          if (running.length === 0 && shouldRun && pods.length > 0) needing.push(name);
          else toDelete.push(...surgeExcessPods(running, hash, minReady, now));
        } else if (running.length > 1) toDelete.push(...running.sort(byCreation).slice(1));
      } else {
        toDelete.push(...pods.filter((p) => !p.metadata.deletionTimestamp));
      }
    }

    if (surge) {
      const plan = surgeUpdate(ds, nodes, byNode, hash, now, toDelete);
      toDelete.push(...plan.deleteOld.filter((p) => !toDelete.includes(p)));
      needing.push(...plan.createOn.filter((n) => !needing.includes(n)));
      if (plan.recheckAfter !== undefined) later(plan.recheckAfter);
    } else if ((ds.spec?.updateStrategy?.type ?? "RollingUpdate") === "RollingUpdate") {
      toDelete.push(...rollingUpdateVictims(ds, nodes, byNode, hash, minReady, now, toDelete));
    }

    const create = podBudget(ctx, ds, needing.length);
    let next = 0;
    slowStartBatch(create, () => createPod(ctx, ds, newDaemonPod(ds, needing[next++] ?? "", hash), SOURCE).ok);
    for (const pod of toDelete) deletePod(ctx, ds, pod, SOURCE);

    const current = ctx.store.get("DaemonSet", ds.metadata.namespace, ds.metadata.name ?? "");
    if (current) writeStatus(ctx, current, nodes, hash, later);
    return requeue === undefined ? undefined : { requeueAfter: requeue };
  }

  return {
    name: SOURCE,
    watches: ["DaemonSet", "Pod", "Node"],
    keysFor(event: WatchEvent, ctx: ControllerContext): string[] {
      const obj = event.object;
      if (obj.kind === "DaemonSet") return [`${obj.metadata.namespace}/${obj.metadata.name}`];
      if (obj.kind === "Node")
        return ctx.store.list("DaemonSet").map((d) => `${d.metadata.namespace}/${d.metadata.name}`);
      const ref = controllerOf(obj);
      return ref?.kind === "DaemonSet" ? [`${obj.metadata.namespace}/${ref.name}`] : [];
    },
    reconcile: sync,
  };
}

/** update.go rollingUpdate without surge: old unavailable pods go at once, others within maxUnavailable. */
function rollingUpdateVictims(
  ds: KubeObject,
  nodes: KubeObject[],
  byNode: Map<string, KubeObject[]>,
  hash: string,
  minReady: number,
  now: number,
  already: KubeObject[],
): KubeObject[] {
  const desired = nodes.filter((n) => nodeShouldRunDaemonPod(n, ds).shouldRun).length;
  const maxUnavailable = scaledValue(ds.spec?.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1, desired, true);
  let unavailable = 0;
  const replace: KubeObject[] = [];
  const candidates: KubeObject[] = [];
  for (const node of nodes) {
    const onNode = byNode.get(node.metadata.name ?? "") ?? [];
    if (onNode.length === 0) continue;
    // update.go findUpdatedPodsOnNode: terminating pods are skipped, so such a node counts as unavailable.
    const pods = onNode.filter((p) => !p.metadata.deletionTimestamp && !already.includes(p));
    const fresh = pods.filter((p) => isUpdated(p, hash));
    const old = pods.filter((p) => !isUpdated(p, hash));
    if (pods.length > 1 || (fresh.length === 0 && old.length === 0)) {
      unavailable++;
      continue;
    }
    const [newPod] = fresh;
    const [oldPod] = old;
    if (newPod) {
      if (!isPodAvailable(newPod, minReady, now)) unavailable++;
    } else if (oldPod) {
      if (!isPodAvailable(oldPod, minReady, now)) replace.push(oldPod);
      else if (unavailable < maxUnavailable) candidates.push(oldPod);
    }
  }
  const remaining = Math.min(Math.max(0, maxUnavailable - unavailable), candidates.length);
  return [...replace, ...candidates.slice(0, remaining)];
}

/** daemon_controller.go updateDaemonSetStatus. */
function writeStatus(
  ctx: ControllerContext,
  ds: KubeObject,
  nodes: KubeObject[],
  hash: string,
  later: (s: number) => void,
): void {
  const now = ctx.clock.now;
  const minReady = (ds.spec?.minReadySeconds as number | undefined) ?? 0;
  const byNode = new Map<string, KubeObject[]>();
  for (const pod of controlledBy(ctx.store, "Pod", ds.metadata.uid ?? "")) {
    const node = targetNodeName(pod) ?? "";
    byNode.set(node, [...(byNode.get(node) ?? []), pod]);
  }
  let desired = 0;
  let current = 0;
  let misscheduled = 0;
  let ready = 0;
  let available = 0;
  let updated = 0;
  for (const node of nodes) {
    const pods = (byNode.get(node.metadata.name ?? "") ?? []).sort(byCreation);
    const { shouldRun } = nodeShouldRunDaemonPod(node, ds);
    if (!shouldRun) {
      if (pods.length > 0) misscheduled++;
      continue;
    }
    desired++;
    const [pod] = pods;
    if (!pod) continue;
    current++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReady, now)) available++;
      else {
        const left = secondsUntilAvailable(pod, minReady, now);
        if (left !== undefined) later(left);
      }
    }
    if (isUpdated(pod, hash)) updated++;
  }
  const status = {
    currentNumberScheduled: current,
    numberMisscheduled: misscheduled,
    desiredNumberScheduled: desired,
    numberReady: ready,
    observedGeneration: ds.metadata.generation ?? 1,
    updatedNumberScheduled: updated,
    numberAvailable: available,
    numberUnavailable: desired - available,
  };
  if (!sameJson(status, ds.status ?? {})) {
    ctx.store.patch("DaemonSet", ds.metadata.namespace, ds.metadata.name ?? "", (o) => {
      o.status = status;
    });
  }
}
