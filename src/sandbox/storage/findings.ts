/**
 * What a learner should know about storage after a simulation: claims left Pending and why
 * (with the PVs that came close and what kept each out), lost claims, released or failed
 * volumes, several default classes, provisioners this simulator only stands in for, claims a
 * deleted pod left behind, claims being deleted while in use, ReadWriteOnce claims shared by
 * replicas, and the node-bound volume types hostPath and emptyDir.
 */
import type { Cluster } from "../cluster/cluster.js";
import { controllerOf, type KubeObject } from "../model/object.js";
import type { Finding } from "../result.js";
import { ANN_DYNAMICALLY_PROVISIONED, SIMULATED_PROVISIONER } from "./constants.js";
import { volumeMismatch } from "./match.js";
import { claimClass, isDefaultClass } from "./storage-class.js";
import { podClaimNames } from "./volume-binding.js";

const PENDING_REASONS = [
  "ProvisioningFailed",
  "FailedBinding",
  "VolumeMismatch",
  "ExternalProvisioning",
  "WaitForFirstConsumer",
  "WaitForPodScheduled",
];

function ref(obj: KubeObject): string {
  return `${obj.kind}/${obj.metadata.name ?? ""}`;
}

/** Why each PV cannot take the claim, for the closest few (a selector miss counts too). */
function nearMisses(pvc: KubeObject, volumes: KubeObject[]): string[] {
  const out: string[] = [];
  for (const pv of volumes) {
    if (pv.spec?.claimRef) continue;
    let why = volumeMismatch(pv, pvc);
    if (why === "storageClassName does not match") {
      why = `its class "${pv.spec?.storageClassName ?? ""}" is not the claim's "${claimClass(pvc)}"`;
    }
    if (why) out.push(`PersistentVolume ${pv.metadata.name}: ${why}`);
    if (out.length === 3) break;
  }
  return out;
}

function pendingClaim(cluster: Cluster, pvc: KubeObject): Finding {
  const events = cluster.recorder.about(ref(pvc), pvc.metadata.namespace ?? null);
  const last = [...events].reverse().find((e) => PENDING_REASONS.includes(e.reason));
  const misses = nearMisses(pvc, cluster.store.list("PersistentVolume"));
  const because = last ? `: ${last.message}` : "";
  const detail = misses.length > 0 ? ` (${misses.join("; ")})` : "";
  if (last?.reason === "WaitForFirstConsumer") {
    return {
      severity: "info",
      layer: "storage",
      object: ref(pvc),
      message: `is Pending${because}`,
      hint: "its class binds when a pod using the claim is scheduled (volumeBindingMode: WaitForFirstConsumer)",
    };
  }
  return {
    severity: last?.reason === "WaitForPodScheduled" ? "warning" : "error",
    layer: "storage",
    object: ref(pvc),
    message: `is Pending${because}${detail}`,
    hint:
      last?.reason === "WaitForPodScheduled"
        ? "the pod using it cannot be scheduled yet: see the pod's FailedScheduling message"
        : "match the claim's storageClassName, size, accessModes and selector to a PersistentVolume, or use a StorageClass that provisions",
  };
}

function claimFindings(cluster: Cluster): Finding[] {
  const out: Finding[] = [];
  const pods = cluster.store.list("Pod").filter((p) => !p.metadata.deletionTimestamp);
  for (const pvc of cluster.store.list("PersistentVolumeClaim")) {
    const users = pods.filter(
      (p) => p.metadata.namespace === pvc.metadata.namespace && podClaimNames(p).includes(pvc.metadata.name ?? ""),
    );
    const phase = pvc.status?.phase ?? "Pending";
    if (phase === "Pending") out.push(pendingClaim(cluster, pvc));
    else if (phase === "Lost") {
      out.push({
        severity: "error",
        layer: "storage",
        object: ref(pvc),
        message: `is Lost: its PersistentVolume ${pvc.spec?.volumeName ?? ""} is gone, and with it the data`,
        hint: "pods using the claim cannot start; recreate the claim (the data is not coming back)",
      });
    }
    if (pvc.metadata.deletionTimestamp && users.length > 0) {
      out.push({
        severity: "warning",
        layer: "storage",
        object: ref(pvc),
        message: `is Terminating but still used by ${users.map((p) => p.metadata.name).join(", ")}: kubernetes.io/pvc-protection keeps it until they are gone`,
        hint: "delete the pods (or their workload) to let the claim go",
      });
    }
    if (phase === "Bound" && users.length === 0 && isStatefulSetClaim(cluster, pvc)) {
      out.push({
        severity: "info",
        layer: "storage",
        object: ref(pvc),
        message:
          "outlives its StatefulSet pod: the claim and its data stay until deleted (persistentVolumeClaimRetentionPolicy Retain)",
        hint: `kubectl delete pvc ${pvc.metadata.name} once the data is no longer needed; scaling back up reuses it`,
      });
    }
  }
  return out;
}

/** A claim named `<template>-<set>-<ordinal>` of a StatefulSet in its namespace. */
function isStatefulSetClaim(cluster: Cluster, pvc: KubeObject): boolean {
  const name = pvc.metadata.name ?? "";
  return cluster.store
    .list("StatefulSet", pvc.metadata.namespace)
    .some((s) =>
      ((s.spec?.volumeClaimTemplates ?? []) as KubeObject[]).some((t) =>
        new RegExp(`^${escapeRegex(t.metadata?.name ?? "")}-${escapeRegex(s.metadata.name ?? "")}-\\d+$`).test(name),
      ),
    );
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function volumeFindings(cluster: Cluster): Finding[] {
  const out: Finding[] = [];
  const provisioners = new Set<string>();
  for (const pv of cluster.store.list("PersistentVolume")) {
    const phase = pv.status?.phase;
    const p = pv.metadata.annotations?.[ANN_DYNAMICALLY_PROVISIONED];
    if (p && p !== SIMULATED_PROVISIONER) provisioners.add(p);
    if (phase === "Released") {
      out.push({
        severity: "warning",
        layer: "storage",
        object: ref(pv),
        message: `is Released: its claim ${pv.spec?.claimRef?.namespace}/${pv.spec?.claimRef?.name} was deleted and reclaimPolicy ${pv.spec?.persistentVolumeReclaimPolicy} keeps the data; no other claim can bind it`,
        hint: `copy or wipe the data, then kubectl delete pv ${pv.metadata.name} (or remove spec.claimRef to reuse it)`,
      });
    } else if (phase === "Failed") {
      out.push({
        severity: "error",
        layer: "storage",
        object: ref(pv),
        message: `is Failed: ${pv.status?.message ?? "its reclaim policy could not run"}`,
        hint: "a hand-made volume cannot be deleted by Kubernetes: use reclaimPolicy Retain and clean it up yourself",
      });
    }
  }
  for (const p of [...provisioners].sort()) {
    out.push({
      severity: "info",
      layer: "storage",
      object: null,
      message: `volumes of provisioner ${p} were provisioned as if its driver were installed: the simulator does not model it`,
      hint: `on a real cluster, check that the ${p} driver runs (kubectl get csidrivers)`,
    });
  }
  const defaults = cluster.store.list("StorageClass").filter(isDefaultClass);
  if (defaults.length > 1) {
    out.push({
      severity: "warning",
      layer: "storage",
      object: null,
      message: `${defaults.length} StorageClasses are marked default (${defaults.map((s) => s.metadata.name).join(", ")}): claims without a class get the newest`,
      hint: `keep one: kubectl annotate storageclass <name> storageclass.kubernetes.io/is-default-class-`,
    });
  }
  return out;
}

/** The top workload of a pod: its controller, or the Deployment above its ReplicaSet. */
function ownerOf(cluster: Cluster, pod: KubeObject): string {
  const c = controllerOf(pod);
  if (!c) return ref(pod);
  if (c.kind === "ReplicaSet") {
    const rs = cluster.store.get("ReplicaSet", pod.metadata.namespace, c.name);
    const d = rs ? controllerOf(rs) : undefined;
    if (d) return `${d.kind}/${d.name}`;
  }
  return `${c.kind}/${c.name}`;
}

function podVolumeFindings(cluster: Cluster): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  const sharers = new Map<string, Set<string>>();
  for (const pod of cluster.store.list("Pod")) {
    const owner = ownerOf(cluster, pod);
    for (const v of (pod.spec?.volumes ?? []) as Record<string, any>[]) {
      const kind = v.hostPath ? "hostPath" : v.emptyDir ? "emptyDir" : undefined;
      if (kind && !seen.has(`${owner}\u0000${kind}`)) {
        seen.add(`${owner}\u0000${kind}`);
        out.push(
          kind === "hostPath"
            ? {
                severity: "warning",
                layer: "storage",
                object: owner,
                message: `mounts hostPath ${v.hostPath.path ?? ""} (volume "${v.name}"): the data lives on whichever node runs the pod and does not follow it elsewhere`,
                hint: "use a PersistentVolumeClaim for data, and keep hostPath for node agents",
              }
            : {
                severity: "info",
                layer: "storage",
                object: owner,
                message: `keeps data in emptyDir volume "${v.name}": it is erased when the pod is deleted, evicted or rescheduled`,
                hint: "use a PersistentVolumeClaim for data that must survive the pod",
              },
        );
      }
      const claim = v.persistentVolumeClaim?.claimName;
      if (claim && owner !== ref(pod)) {
        const key = `${pod.metadata.namespace}/${claim}\u0000${owner}`;
        const set = sharers.get(key) ?? new Set<string>();
        set.add(pod.metadata.name ?? "");
        sharers.set(key, set);
      }
    }
  }
  for (const [key, pods] of sharers) {
    const [claimKey = "", owner = ""] = key.split("\u0000");
    const [ns, claim = ""] = claimKey.split("/");
    const pvc = cluster.store.get("PersistentVolumeClaim", ns, claim);
    const modes: string[] = pvc?.status?.accessModes ?? pvc?.spec?.accessModes ?? [];
    if (pods.size < 2 || !pvc || modes.includes("ReadWriteMany") || modes.includes("ReadOnlyMany")) continue;
    out.push({
      severity: "warning",
      layer: "storage",
      object: owner,
      message: `${pods.size} replicas share claim ${claim} (${modes.join(", ")}): a ReadWriteOnce volume attaches to one node only, so replicas on other nodes fail with a Multi-Attach error (the simulator does not model attachment)`,
      hint: "give each replica its own claim (a StatefulSet's volumeClaimTemplates) or use ReadWriteMany storage",
    });
  }
  return out;
}

/** Storage findings for a simulated cluster (for the explanation layer). */
export function storageFindings(cluster: Cluster): Finding[] {
  return [...claimFindings(cluster), ...volumeFindings(cluster), ...podVolumeFindings(cluster)];
}
