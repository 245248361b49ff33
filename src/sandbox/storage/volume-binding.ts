/**
 * The node-side half of kube-scheduler's VolumeBinding plugin, as pure functions over the store
 * (pkg/scheduler/framework/plugins/volumebinding/binder.go FindPodVolumes, findMatchingVolumes,
 * checkVolumeProvisions, checkBoundClaims): for one pod and one node, which unbound claims bind
 * to which existing PVs, which need a new volume, and why the node does not fit.
 */
import type { ObjectStore } from "../api/store.js";
import type { KubeObject } from "../model/object.js";
import { NO_PROVISIONER } from "./constants.js";
import { checkVolumeNodeAffinity, findMatchingVolume, type NodeRef, requestedStorage } from "./match.js";
import { claimClass, isDelayBinding, selectedNode } from "./storage-class.js";

/** binder.go ErrReasonBindConflict: no PV fits and none can be provisioned for this node. */
export const ERR_REASON_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
/** binder.go ErrReasonNodeConflict (v1.32+; `node(s) had volume node affinity conflict` before). */
export const ERR_REASON_NODE_CONFLICT = "node(s) didn't match PersistentVolume's node affinity";
/** binder.go ErrReasonPVNotExist: a bound claim names a PV that does not exist. */
export const ERR_REASON_PV_NOT_EXIST = "node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)";

/** A pod's claims sorted as binder.go GetPodVolumeClaims sorts them. */
export interface PodVolumeClaims {
  /** Claims with a volume (`spec.volumeName` set). */
  bound: KubeObject[];
  /** Unbound claims whose class waits for the first consumer. */
  unboundDelayBinding: KubeObject[];
  /** Unbound claims that bind immediately (the PV controller's job; the pod must wait). */
  unboundImmediate: KubeObject[];
  /** Names of claims the pod uses that do not exist. */
  missing: string[];
}

/** One decision: this claim takes this existing PV. */
export interface StaticBinding {
  claim: KubeObject;
  volume: KubeObject;
}

/** FindPodVolumes' answer for one node. */
export interface PodVolumes {
  /** Conflict reasons in upstream order; empty when the node fits. */
  reasons: string[];
  staticBindings: StaticBinding[];
  /** Claims a provisioner must create a volume for, on this node. */
  provisions: KubeObject[];
}

/** Names of the claims a pod's volumes use (`persistentVolumeClaim` and generic ephemeral). */
export function podClaimNames(pod: KubeObject): string[] {
  const out: string[] = [];
  const volumes: unknown = pod.spec?.volumes;
  for (const v of Array.isArray(volumes) ? (volumes as Record<string, any>[]) : []) {
    if (v?.persistentVolumeClaim?.claimName) out.push(String(v.persistentVolumeClaim.claimName));
    // pkg/volume/util/ephemeral: a generic ephemeral volume's claim is `<pod>-<volume>`.
    else if (v?.ephemeral) out.push(`${pod.metadata.name ?? ""}-${v.name ?? ""}`);
  }
  return out;
}

/** GetPodVolumeClaims: the pod's claims, by state. */
export function podVolumeClaims(pod: KubeObject, store: ObjectStore): PodVolumeClaims {
  const out: PodVolumeClaims = { bound: [], unboundDelayBinding: [], unboundImmediate: [], missing: [] };
  for (const name of podClaimNames(pod)) {
    const pvc = store.get("PersistentVolumeClaim", pod.metadata.namespace, name);
    if (!pvc) out.missing.push(name);
    else if (pvc.spec?.volumeName) out.bound.push(pvc);
    else if (isDelayBinding(pvc, store)) out.unboundDelayBinding.push(pvc);
    else out.unboundImmediate.push(pvc);
  }
  return out;
}

/**
 * checkVolumeProvisions for one claim: its class exists, has a provisioner other than
 * `kubernetes.io/no-provisioner`, and its allowedTopologies admit the node.
 */
export function canProvision(pvc: KubeObject, node: NodeRef, store: ObjectStore): boolean {
  const name = claimClass(pvc);
  if (name === "") return false;
  const sc = store.get("StorageClass", undefined, name);
  if (!sc?.provisioner || sc.provisioner === NO_PROVISIONER) return false;
  return matchesTopology(sc.allowedTopologies, node);
}

/** v1helper.MatchTopologySelectorTerms: no terms admit every node; else one term must match. */
function matchesTopology(terms: unknown, node: NodeRef): boolean {
  if (!Array.isArray(terms) || terms.length === 0) return true;
  const labels = node.labels ?? {};
  return terms.some((t: { matchLabelExpressions?: { key: string; values?: string[] }[] }) =>
    (t?.matchLabelExpressions ?? []).every((e) => {
      const v = labels[e.key];
      return v !== undefined && (e.values ?? []).includes(v);
    }),
  );
}

/**
 * FindPodVolumes for one node: bound claims must have their PV and its node affinity must admit
 * the node; each delayed-binding claim takes the smallest fitting PV reachable from the node
 * (claims sorted by size, a PV taken once), or else must be provisionable there. A claim the
 * scheduler already placed on another node (`volume.kubernetes.io/selected-node`) conflicts.
 */
export function findPodVolumes(pod: KubeObject, node: NodeRef, store: ObjectStore): PodVolumes {
  const claims = podVolumeClaims(pod, store);
  const out: PodVolumes = { reasons: [], staticBindings: [], provisions: [] };
  let boundSatisfied = true;
  let boundFound = true;
  let unboundSatisfied = true;
  for (const pvc of claims.bound) {
    const pv = store.get("PersistentVolume", undefined, pvc.spec.volumeName);
    if (!pv) boundFound = false;
    else if (!checkVolumeNodeAffinity(pv, node)) boundSatisfied = false;
  }
  const toMatch: KubeObject[] = [];
  const toProvision: KubeObject[] = [];
  for (const pvc of claims.unboundDelayBinding) {
    const chosen = selectedNode(pvc);
    if (chosen !== undefined && chosen !== node.name) unboundSatisfied = false;
    else if (chosen !== undefined) toProvision.push(pvc);
    else toMatch.push(pvc);
  }
  if (unboundSatisfied) {
    const volumes = store.list("PersistentVolume");
    const chosenPVs = new Set<string>();
    const bySize = [...toMatch].sort((a, b) => {
      const d = requestedStorage(a) - requestedStorage(b);
      return d < 0n ? -1 : d > 0n ? 1 : 0;
    });
    for (const pvc of bySize) {
      const pv = findMatchingVolume(pvc, volumes, node, chosenPVs, true);
      if (!pv) {
        toProvision.push(pvc);
        continue;
      }
      chosenPVs.add(pv.metadata.name ?? "");
      out.staticBindings.push({ claim: pvc, volume: pv });
    }
    for (const pvc of toProvision) {
      if (!canProvision(pvc, node, store)) {
        unboundSatisfied = false;
        break;
      }
      out.provisions.push(pvc);
    }
  }
  if (!boundSatisfied) out.reasons.push(ERR_REASON_NODE_CONFLICT);
  if (!unboundSatisfied) out.reasons.push(ERR_REASON_BIND_CONFLICT);
  if (!boundFound) out.reasons.push(ERR_REASON_PV_NOT_EXIST);
  if (out.reasons.length > 0) {
    out.staticBindings = [];
    out.provisions = [];
  }
  return out;
}
