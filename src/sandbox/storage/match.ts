/**
 * Which PersistentVolume fits a claim: k8s.io/component-helpers/storage/volume/pv_helpers.go
 * (FindMatchingVolume, CheckVolumeModeMismatches, CheckAccessModes, IsVolumeBoundToClaim),
 * pkg/controller/volume/persistentvolume/index.go (findBestMatchForClaim, grouped by access
 * modes) and pv_controller.go checkVolumeSatisfyClaim.
 */
import type { KubeObject } from "../model/object.js";
import { quantityOrNull } from "../model/quantity.js";
import { matchesLabelSelector, matchesNodeSelectorTerms, type NodeSelectorTerm } from "../model/selector.js";
import { claimClass, volumeClass } from "./storage-class.js";

/** The node a volume is checked against: its name and labels. */
export interface NodeRef {
  name: string;
  labels: Record<string, string> | undefined;
}

/** The claim's `resources.requests.storage` in nano-units (0 when unreadable). */
export function requestedStorage(pvc: KubeObject): bigint {
  return quantityOrNull(pvc.spec?.resources?.requests?.storage)?.nano ?? 0n;
}

/** The volume's `capacity.storage` in nano-units (0 when unreadable). */
export function volumeCapacity(pv: KubeObject): bigint {
  return quantityOrNull(pv.spec?.capacity?.storage)?.nano ?? 0n;
}

function modes(obj: KubeObject): string[] {
  return Array.isArray(obj.spec?.accessModes) ? (obj.spec.accessModes as string[]) : [];
}

/** IsVolumeBoundToClaim: the PV's claimRef names this claim (and its uid, once set). */
export function isVolumeBoundToClaim(pv: KubeObject, pvc: KubeObject): boolean {
  const ref = pv.spec?.claimRef;
  if (!ref) return false;
  if (ref.name !== pvc.metadata.name || (ref.namespace ?? "default") !== pvc.metadata.namespace) return false;
  return !ref.uid || ref.uid === pvc.metadata.uid;
}

/** CheckVolumeModeMismatches: a missing volumeMode counts as Filesystem on both sides. */
export function volumeModeMismatch(pvc: KubeObject, pv: KubeObject): boolean {
  return (pvc.spec?.volumeMode ?? "Filesystem") !== (pv.spec?.volumeMode ?? "Filesystem");
}

/** CheckAccessModes: the PV offers every access mode the claim asks for. */
export function checkAccessModes(pvc: KubeObject, pv: KubeObject): boolean {
  const offered = new Set(modes(pv));
  return modes(pvc).every((m) => offered.has(m));
}

/** CheckNodeAffinity: a PV without required node affinity is reachable from every node. */
export function checkVolumeNodeAffinity(pv: KubeObject, node: NodeRef): boolean {
  const terms: NodeSelectorTerm[] | undefined = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
  if (!Array.isArray(terms)) return true;
  return matchesNodeSelectorTerms(terms, node.name, node.labels);
}

/**
 * checkVolumeSatisfyClaim: why a claim cannot take the PV its `volumeName` names, or null. The
 * texts follow `Cannot bind to requested volume "<pv>": <reason>` (event VolumeMismatch).
 */
export function volumeMismatch(pv: KubeObject, pvc: KubeObject): string | null {
  if (pv.metadata.deletionTimestamp) return `the volume is marked for deletion "${pv.metadata.name}"`;
  if (volumeCapacity(pv) < requestedStorage(pvc)) return "requested PV is too small";
  if (volumeClass(pv) !== claimClass(pvc)) return "storageClassName does not match";
  if (volumeModeMismatch(pvc, pv)) return "incompatible volumeMode";
  if (!checkAccessModes(pvc, pv)) return "incompatible accessMode";
  return null;
}

/**
 * FindMatchingVolume. A PV pre-bound to the claim wins at once (unless its node affinity
 * excludes `node`); otherwise the smallest Available PV of the claim's class, big enough, of the
 * same volumeMode, selected by the claim's selector and reachable from `node`. `node` is set on
 * the scheduler's path only, which also checks access modes; `delayBinding` (controller path)
 * returns pre-bound PVs only. `excluded` holds PVs already chosen for the pod's other claims.
 */
export function findMatchingVolume(
  pvc: KubeObject,
  volumes: readonly KubeObject[],
  node: NodeRef | undefined,
  excluded: ReadonlySet<string>,
  delayBinding: boolean,
): KubeObject | undefined {
  const requested = requestedStorage(pvc);
  const cls = claimClass(pvc);
  let smallest: KubeObject | undefined;
  let smallestQty = 0n;
  for (const pv of volumes) {
    if (excluded.has(pv.metadata.name ?? "")) continue;
    if (pv.spec?.claimRef && !isVolumeBoundToClaim(pv, pvc)) continue;
    const qty = volumeCapacity(pv);
    if (qty < requested) continue;
    if (volumeModeMismatch(pvc, pv)) continue;
    if (pv.metadata.deletionTimestamp) continue;
    const affinityOk = node === undefined || checkVolumeNodeAffinity(pv, node);
    if (isVolumeBoundToClaim(pv, pvc)) return affinityOk ? pv : undefined;
    if (node === undefined && delayBinding) continue;
    if (pv.status?.phase !== "Available") continue;
    if (pvc.spec?.selector && !matchesLabelSelector(pvc.spec.selector, pv.metadata.labels)) continue;
    if (volumeClass(pv) !== cls) continue;
    if (!affinityOk) continue;
    if (node !== undefined && !checkAccessModes(pvc, pv)) continue;
    if (smallest === undefined || smallestQty > qty) {
      smallest = pv;
      smallestQty = qty;
    }
  }
  return smallest;
}

/**
 * index.go findBestMatchForClaim (the controller's path): the PVs are grouped by their access
 * modes; groups offering every requested mode are tried from the fewest modes up.
 */
export function findBestMatchForClaim(
  pvc: KubeObject,
  volumes: readonly KubeObject[],
  delayBinding: boolean,
): KubeObject | undefined {
  const groups = new Map<string, KubeObject[]>();
  for (const pv of volumes) {
    if (!checkAccessModes(pvc, pv)) continue;
    const key = [...new Set(modes(pv))].sort().join(",");
    const g = groups.get(key);
    if (g) g.push(pv);
    else groups.set(key, [pv]);
  }
  const ordered = [...groups.entries()].sort(
    ([a], [b]) => a.split(",").length - b.split(",").length || (a < b ? -1 : a > b ? 1 : 0),
  );
  for (const [, group] of ordered) {
    const found = findMatchingVolume(pvc, group, undefined, new Set(), delayBinding);
    if (found) return found;
  }
  return undefined;
}
