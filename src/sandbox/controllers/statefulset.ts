/**
 * The StatefulSet controller (pkg/controller/statefulset/stateful_set_control.go
 * updateStatefulSet): pods `<set>-<ordinal>` with stable identity, claims from
 * volumeClaimTemplates created before their pod and kept afterwards, OrderedReady (one at a
 * time, each Running and Ready before the next; scale-down from the highest ordinal) or Parallel
 * management, and RollingUpdate from the highest ordinal down to the partition.
 */

import type { WatchEvent } from "../api/store.js";
import { statusMessage } from "../api/types.js";
import type { Controller, ControllerContext, ReconcileResult } from "../engine/controller.js";
import { controllerOf, type KubeObject } from "../model/object.js";
import { sameJson } from "../model/same-json.js";
import { computeHash } from "./deployment-util.js";
import { controlledBy } from "./owner-index.js";
import { controllerRef, podBudget, podFromTemplate } from "./pod-control.js";
import { isPodAvailable, isPodReady, isPodTerminal, podPhase, secondsUntilAvailable } from "./pod-util.js";
import { specReplicas } from "./replicaset.js";

const SOURCE = "statefulset-controller";
/** Labels every StatefulSet pod carries (apps/v1 StatefulSetPodNameLabel, PodIndexLabel, ControllerRevisionHashLabelKey). */
export const POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
export const POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";
export const REVISION_LABEL = "controller-revision-hash";

/** `<template>-<set>-<ordinal>` (stateful_set_utils.go getPersistentVolumeClaimName). */
export function claimName(template: string, set: string, ordinal: number): string {
  return `${template}-${set}-${ordinal}`;
}

function ordinalOf(set: KubeObject, pod: KubeObject): number | undefined {
  const prefix = `${set.metadata.name}-`;
  const name = pod.metadata.name ?? "";
  if (!name.startsWith(prefix)) return undefined;
  const rest = name.slice(prefix.length);
  return /^(0|[1-9]\d*)$/.test(rest) ? Number(rest) : undefined;
}

/** Running and Ready (stateful_set_utils.go isRunningAndReady), and available after minReadySeconds. */
function isHealthy(pod: KubeObject, minReady: number, now: number): boolean {
  return (
    podPhase(pod) === "Running" &&
    isPodReady(pod) &&
    isPodAvailable(pod, minReady, now) &&
    !pod.metadata.deletionTimestamp
  );
}

/** stateful_pod_control.go recordPodEvent / recordClaimEvent texts. */
function podEvent(ctx: ControllerContext, set: KubeObject, verb: "create" | "delete", pod: string, err?: string) {
  const title = verb === "create" ? "Create" : "Delete";
  if (err === undefined) {
    ctx.recorder.record(
      set,
      "Normal",
      `Successful${title}`,
      `${verb} Pod ${pod} in StatefulSet ${set.metadata.name} successful`,
      SOURCE,
    );
  } else {
    ctx.recorder.record(
      set,
      "Warning",
      `Failed${title}`,
      `${verb} Pod ${pod} in StatefulSet ${set.metadata.name} failed error: ${err}`,
      SOURCE,
    );
  }
}

function updateRevisionOf(set: KubeObject): string {
  return `${set.metadata.name}-${computeHash(set.spec?.template)}`;
}

/** Creates the pod's missing claims; returns false if one could not be created. */
function createClaims(ctx: ControllerContext, set: KubeObject, podName: string, ordinal: number): boolean {
  const ns = set.metadata.namespace ?? "default";
  const deleteWithSet = set.spec?.persistentVolumeClaimRetentionPolicy?.whenDeleted === "Delete";
  for (const tpl of (set.spec?.volumeClaimTemplates as KubeObject[] | undefined) ?? []) {
    const name = claimName(tpl.metadata?.name ?? "", set.metadata.name ?? "", ordinal);
    if (ctx.store.get("PersistentVolumeClaim", ns, name)) continue;
    const claim: KubeObject = {
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: {
        name,
        namespace: ns,
        labels: { ...tpl.metadata?.labels, ...set.spec?.selector?.matchLabels },
        ...(deleteWithSet ? { ownerReferences: [{ ...controllerRef(set), controller: false }] } : {}),
      },
      spec: tpl.spec ?? {},
    };
    const outcome = ctx.api.create(claim, { origin: "controller" });
    const setName = set.metadata.name;
    if (outcome.ok) {
      ctx.recorder.record(
        set,
        "Normal",
        "SuccessfulCreate",
        `create Claim ${name} Pod ${podName} in StatefulSet ${setName} success`,
        SOURCE,
      );
    } else {
      ctx.recorder.record(
        set,
        "Warning",
        "FailedCreate",
        `create Claim ${name} for Pod ${podName} in StatefulSet ${setName} failed error: ${statusMessage(outcome)}`,
        SOURCE,
      );
      return false;
    }
  }
  return true;
}

/** stateful_set_utils.go newVersionedStatefulSetPod: identity, claims and revision label. */
function newPod(set: KubeObject, ordinal: number, revision: string): KubeObject {
  const name = `${set.metadata.name}-${ordinal}`;
  const pod = podFromTemplate(set.spec?.template, set);
  pod.metadata.name = name;
  pod.metadata.labels = {
    ...pod.metadata.labels,
    [POD_NAME_LABEL]: name,
    [POD_INDEX_LABEL]: String(ordinal),
    [REVISION_LABEL]: revision,
  };
  pod.spec = { ...pod.spec, hostname: name };
  if (set.spec?.serviceName) pod.spec.subdomain = set.spec.serviceName;
  const templates = (set.spec?.volumeClaimTemplates as KubeObject[] | undefined) ?? [];
  if (templates.length > 0) {
    const claimed = new Set(templates.map((t) => t.metadata?.name));
    const volumes = ((pod.spec.volumes as { name: string }[] | undefined) ?? []).filter((v) => !claimed.has(v.name));
    for (const t of templates) {
      const tname = t.metadata?.name ?? "";
      volumes.push({
        name: tname,
        persistentVolumeClaim: { claimName: claimName(tname, set.metadata.name ?? "", ordinal) },
      } as {
        name: string;
      });
    }
    pod.spec.volumes = volumes;
  }
  return pod;
}

function deletePod(ctx: ControllerContext, set: KubeObject, pod: KubeObject): void {
  const name = pod.metadata.name ?? "";
  const outcome = ctx.api.delete("Pod", pod.metadata.namespace, name);
  podEvent(ctx, set, "delete", name, outcome.ok ? undefined : statusMessage(outcome));
}

/** One pass of updateStatefulSet: create, replace, scale down, then roll out the update revision. */
function managePods(ctx: ControllerContext, set: KubeObject, pods: KubeObject[]): void {
  const now = ctx.clock.now;
  const monotonic = (set.spec?.podManagementPolicy ?? "OrderedReady") !== "Parallel";
  const minReady = (set.spec?.minReadySeconds as number | undefined) ?? 0;
  const start = (set.spec?.ordinals?.start as number | undefined) ?? 0;
  const end = start + specReplicas(set);
  const revision = updateRevisionOf(set);
  const byOrdinal = new Map<number, KubeObject>();
  const condemned: KubeObject[] = [];
  for (const pod of pods) {
    const ord = ordinalOf(set, pod);
    if (ord === undefined) continue;
    if (ord >= start && ord < end) byOrdinal.set(ord, pod);
    else condemned.push(pod);
  }
  condemned.sort((a, b) => (ordinalOf(set, b) ?? 0) - (ordinalOf(set, a) ?? 0));

  for (let ord = start; ord < end; ord++) {
    const pod = byOrdinal.get(ord);
    if (!pod) {
      if (podBudget(ctx, set, 1) < 1) return;
      const fresh = newPod(set, ord, revision);
      const name = fresh.metadata.name ?? "";
      if (!createClaims(ctx, set, name, ord)) return;
      const outcome = ctx.api.create(fresh, { origin: "controller" });
      podEvent(ctx, set, "create", name, outcome.ok ? undefined : statusMessage(outcome));
      if (!outcome.ok || monotonic) return;
      continue;
    }
    if (isPodTerminal(pod) && !pod.metadata.deletionTimestamp) {
      deletePod(ctx, set, pod);
      if (monotonic) return;
      continue;
    }
    if (monotonic && !isHealthy(pod, minReady, now)) return;
  }

  for (const pod of condemned) {
    if (pod.metadata.deletionTimestamp) {
      if (monotonic) return;
      continue;
    }
    deletePod(ctx, set, pod);
    if (monotonic) return;
  }

  const strategy = set.spec?.updateStrategy ?? {};
  if ((strategy.type ?? "RollingUpdate") !== "RollingUpdate") return;
  const partition = Math.max(start, start + ((strategy.rollingUpdate?.partition as number | undefined) ?? 0));
  for (let ord = end - 1; ord >= partition; ord--) {
    const pod = byOrdinal.get(ord);
    if (!pod) return;
    if (pod.metadata.labels?.[REVISION_LABEL] !== revision && !pod.metadata.deletionTimestamp) {
      deletePod(ctx, set, pod);
      return;
    }
    if (!isHealthy(pod, minReady, now)) return;
  }
}

function writeStatus(ctx: ControllerContext, set: KubeObject): ReconcileResult | undefined {
  const now = ctx.clock.now;
  const minReady = (set.spec?.minReadySeconds as number | undefined) ?? 0;
  const pods = controlledBy(ctx.store, "Pod", set.metadata.uid ?? "").filter((p) => ordinalOf(set, p) !== undefined);
  const update = updateRevisionOf(set);
  const ready = pods.filter((p) => podPhase(p) === "Running" && isPodReady(p));
  const updated = pods.filter((p) => p.metadata.labels?.[REVISION_LABEL] === update).length;
  let current = (set.status?.currentRevision as string | undefined) ?? update;
  const replicas = specReplicas(set);
  // stateful_set_control.go completeRollingUpdate: the update revision becomes current once rolled out.
  if (updated === replicas && ready.length === replicas && pods.length === replicas) current = update;
  const status = {
    observedGeneration: set.metadata.generation ?? 1,
    replicas: pods.length,
    readyReplicas: ready.length,
    currentReplicas: pods.filter((p) => p.metadata.labels?.[REVISION_LABEL] === current).length,
    updatedReplicas: updated,
    currentRevision: current,
    updateRevision: update,
    collisionCount: 0,
    availableReplicas: ready.filter((p) => isPodAvailable(p, minReady, now)).length,
  };
  if (!sameJson(status, set.status ?? {})) {
    ctx.store.patch("StatefulSet", set.metadata.namespace, set.metadata.name ?? "", (o) => {
      o.status = status;
    });
  }
  let wait: number | undefined;
  for (const p of ready) {
    const left = secondsUntilAvailable(p, minReady, now);
    if (left !== undefined) wait = Math.min(wait ?? left, left);
  }
  return wait === undefined ? undefined : { requeueAfter: wait };
}

/** The StatefulSet controller. */
export function statefulSetController(): Controller {
  return {
    name: SOURCE,
    watches: ["StatefulSet", "Pod"],
    keysFor(event: WatchEvent): string[] {
      const obj = event.object;
      if (obj.kind === "StatefulSet") return [`${obj.metadata.namespace}/${obj.metadata.name}`];
      const ref = controllerOf(obj);
      return ref?.kind === "StatefulSet" ? [`${obj.metadata.namespace}/${ref.name}`] : [];
    },
    reconcile(key: string, ctx: ControllerContext) {
      const i = key.indexOf("/");
      const set = ctx.store.get("StatefulSet", key.slice(0, i), key.slice(i + 1));
      if (!set || set.metadata.deletionTimestamp) return undefined;
      managePods(ctx, set, controlledBy(ctx.store, "Pod", set.metadata.uid ?? ""));
      const current = ctx.store.get("StatefulSet", key.slice(0, i), key.slice(i + 1));
      return current ? writeStatus(ctx, current) : undefined;
    },
  };
}
