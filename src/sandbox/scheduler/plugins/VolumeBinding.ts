/**
 * VolumeBinding (pkg/scheduler/framework/plugins/volumebinding/volume_binding.go, binder.go) — its
 * interface and the checks that need no storage model: PreFilter rejects a pod whose claims are
 * missing, being deleted or lost, or unbound with immediate binding; Filter rejects nodes outside a
 * bound PersistentVolume's node affinity. Claims that wait for their first consumer pass; the
 * storage issue adds provisioning and volume matching behind this same interface.
 */

import type { KubeObject } from "../../model/object.js";
import { findPodVolumes } from "../../storage/volume-binding.js";
import {
  Code,
  type FilterPlugin,
  type Handle,
  newStatus,
  type PreFilterPlugin,
  type StateData,
  Status,
} from "../framework.js";
import { noArgs, parseArgs } from "./args.js";

export const name = "VolumeBinding";

/** volume_binding.go: an unbound claim whose class binds immediately. */
export const REASON_UNBOUND_IMMEDIATE = "pod has unbound immediate PersistentVolumeClaims";
/** The API's NotFound text for a claim (k8s.io/apimachinery/pkg/api/errors NewNotFound). */
export function claimNotFound(claim: string): string {
  return `persistentvolumeclaim "${claim}" not found`;
}

const STATE_KEY = `PreFilter${name}`;

class PreFilterState implements StateData {
  constructor(readonly boundVolumes: KubeObject[]) {}
  clone(): StateData {
    return this;
  }
}

interface RawVolume {
  name?: string;
  persistentVolumeClaim?: { claimName?: string };
  ephemeral?: unknown;
}

/**
 * Whether a claim's class delays binding (pkg/volume/util IsDelayBindingMode): "" and a class
 * that does not exist both mean immediate binding.
 */
function delayBinding(h: Handle, pvc: KubeObject): boolean {
  const cls: string =
    pvc.spec?.storageClassName ?? pvc.metadata.annotations?.["volume.beta.kubernetes.io/storage-class"] ?? "";
  if (cls === "") return false;
  return h.store.get("StorageClass", undefined, cls)?.volumeBindingMode === "WaitForFirstConsumer";
}

export function create(args: unknown, h: Handle): PreFilterPlugin & FilterPlugin {
  parseArgs(noArgs, name, args);
  return {
    name,
    preFilter(state, pod) {
      const volumes: RawVolume[] = Array.isArray(pod.pod.spec?.volumes) ? pod.pod.spec.volumes : [];
      const claims: KubeObject[] = [];
      for (const v of volumes) {
        let claimName: string;
        const ephemeral = v.ephemeral !== undefined && v.ephemeral !== null;
        if (v.persistentVolumeClaim) claimName = v.persistentVolumeClaim.claimName ?? "";
        else if (ephemeral) claimName = `${pod.name}-${v.name ?? ""}`;
        else continue;
        const pvc = h.store.get("PersistentVolumeClaim", pod.namespace, claimName);
        if (!pvc) {
          const msg = ephemeral
            ? `waiting for ephemeral volume controller to create the persistentvolumeclaim "${claimName}"`
            : claimNotFound(claimName);
          return { status: newStatus(Code.UnschedulableAndUnresolvable, msg) };
        }
        if (pvc.status?.phase === "Lost") {
          return {
            status: newStatus(
              Code.UnschedulableAndUnresolvable,
              `persistentvolumeclaim "${claimName}" bound to non-existent persistentvolume "${pvc.spec?.volumeName ?? ""}"`,
            ),
          };
        }
        if (pvc.metadata.deletionTimestamp) {
          return {
            status: newStatus(
              Code.UnschedulableAndUnresolvable,
              `persistentvolumeclaim "${claimName}" is being deleted`,
            ),
          };
        }
        claims.push(pvc);
      }
      if (claims.length === 0) return { status: new Status(Code.Skip) };
      const bound: KubeObject[] = [];
      let unboundImmediate = false;
      for (const pvc of claims) {
        const volumeName: string = pvc.spec?.volumeName ?? "";
        if (pvc.status?.phase === "Bound" || volumeName !== "") {
          const pv = volumeName ? h.store.get("PersistentVolume", undefined, volumeName) : undefined;
          if (pv) bound.push(pv);
          continue;
        }
        if (!delayBinding(h, pvc)) unboundImmediate = true;
      }
      if (unboundImmediate) return { status: newStatus(Code.UnschedulableAndUnresolvable, REASON_UNBOUND_IMMEDIATE) };
      state.write(STATE_KEY, new PreFilterState(bound));
      return { status: null };
    },
    filter(state, pod, node) {
      if (!state.read<PreFilterState>(STATE_KEY)) return null;
      // Bound volumes' node affinity, and for claims that wait for their first consumer, a PV
      // that fits on this node or a class that can provision here (binder.go FindPodVolumes).
      const found = findPodVolumes(pod.pod, { name: node.name, labels: node.labels }, h.store);
      return found.reasons.length > 0 ? newStatus(Code.UnschedulableAndUnresolvable, ...found.reasons) : null;
    },
  } satisfies PreFilterPlugin & FilterPlugin;
}
