/**
 * The PersistentVolume controller (pkg/controller/volume/persistentvolume/pv_controller_base.go):
 * level-based syncs of claims and volumes — binding, dynamic provisioning through the class's
 * provisioner, reclaiming released volumes — plus the pvc-protection controller
 * (pkg/controller/volume/pvcprotection): a claim carries `kubernetes.io/pvc-protection`, and a
 * claim being deleted stays until no pod uses it.
 */
import type { WatchEvent } from "../api/store.js";
import type { Controller, ControllerContext } from "../engine/controller.js";
import type { KubeObject } from "../model/object.js";
import { sameJson } from "../model/same-json.js";
import { ANN_SELECTED_NODE, PV_CONTROLLER, PVC_PROTECTION_FINALIZER } from "../storage/constants.js";
import { podsUsingClaim, syncClaim } from "../storage/sync-claim.js";
import { syncVolume } from "../storage/sync-volume.js";
import { podClaimNames } from "../storage/volume-binding.js";

const CLAIM = "PersistentVolumeClaim";
/** kube-controller-manager's --pvclaimbinder-sync-period default. */
const CLAIM_RESYNC_SECONDS = 15;
const VOLUME = "PersistentVolume";

function claimKey(namespace: string | undefined, name: string): string {
  return `${CLAIM}\u0000${namespace ?? "default"}\u0000${name}`;
}

function volumeKey(name: string): string {
  return `${VOLUME}\u0000\u0000${name}`;
}

function unboundClaimKeys(ctx: ControllerContext): string[] {
  return ctx.store
    .list(CLAIM)
    .filter((c) => !c.spec?.volumeName)
    .map((c) => claimKey(c.metadata.namespace, c.metadata.name ?? ""));
}

/** Whether a claim update matters to binding (its own status and annotation writes do not). */
function claimChanged(a: KubeObject, b: KubeObject): boolean {
  return (
    a.metadata.deletionTimestamp !== b.metadata.deletionTimestamp ||
    a.spec?.volumeName !== b.spec?.volumeName ||
    a.spec?.storageClassName !== b.spec?.storageClassName ||
    a.metadata.annotations?.[ANN_SELECTED_NODE] !== b.metadata.annotations?.[ANN_SELECTED_NODE]
  );
}

function keysFor(event: WatchEvent, ctx: ControllerContext): string[] {
  const o = event.object;
  const name = o.metadata.name ?? "";
  switch (o.kind) {
    case CLAIM:
      if (event.type === "DELETED") {
        return ctx.store
          .list(VOLUME)
          .filter((pv) => pv.spec?.claimRef?.uid === o.metadata.uid)
          .map((pv) => volumeKey(pv.metadata.name ?? ""));
      }
      if (event.type === "MODIFIED" && event.old && !claimChanged(event.old, o)) return [];
      return [claimKey(o.metadata.namespace, name)];
    case VOLUME: {
      const ref = o.spec?.claimRef;
      const own = ref?.name ? [claimKey(ref.namespace, ref.name)] : [];
      if (event.type === "DELETED") return own;
      if (event.type === "ADDED") return [volumeKey(name), ...own, ...unboundClaimKeys(ctx)];
      const old = event.old;
      const refChanged = !sameJson(old?.spec?.claimRef, ref);
      const available = o.status?.phase === "Available" && old?.status?.phase !== "Available";
      return [...(refChanged ? [volumeKey(name), ...own] : []), ...(available ? unboundClaimKeys(ctx) : [])];
    }
    case "Pod": {
      const old = event.old;
      if (
        event.type === "MODIFIED" &&
        old &&
        old.spec?.nodeName === o.spec?.nodeName &&
        old.metadata.deletionTimestamp === o.metadata.deletionTimestamp &&
        old.status?.phase === o.status?.phase
      ) {
        return [];
      }
      return podClaimNames(o).map((c) => claimKey(o.metadata.namespace, c));
    }
    case "StorageClass":
      return event.type === "ADDED" ? unboundClaimKeys(ctx) : [];
    default:
      return [];
  }
}

/** pvc-protection: adds the finalizer; lets a deleted claim go once no pod uses it. */
function protect(ctx: ControllerContext, pvc: KubeObject): boolean {
  const finalizers = pvc.metadata.finalizers ?? [];
  const ns = pvc.metadata.namespace;
  const name = pvc.metadata.name ?? "";
  if (!pvc.metadata.deletionTimestamp) {
    if (!finalizers.includes(PVC_PROTECTION_FINALIZER)) {
      ctx.store.patch(CLAIM, ns, name, (o) => {
        o.metadata.finalizers = [...finalizers, PVC_PROTECTION_FINALIZER];
      });
    }
    return false;
  }
  if (podsUsingClaim(ctx, pvc).length > 0) return true;
  const rest = finalizers.filter((f) => f !== PVC_PROTECTION_FINALIZER);
  if (rest.length > 0) {
    ctx.store.patch(CLAIM, ns, name, (o) => {
      o.metadata.finalizers = rest;
    });
  } else {
    ctx.store.remove(CLAIM, ns, name);
  }
  return true;
}

/**
 * The PersistentVolume controller, event source `persistentvolume-controller`; register it with
 * the other controllers (components.ts).
 */
export function persistentVolumeController(): Controller {
  return {
    name: PV_CONTROLLER,
    watches: [CLAIM, VOLUME, "Pod", "StorageClass"],
    keysFor,
    reconcile(key, ctx) {
      const [kind = "", ns = "", name = ""] = key.split("\u0000");
      if (kind === VOLUME) {
        const pv = ctx.store.get(VOLUME, undefined, name);
        if (pv) syncVolume(ctx, pv);
        return undefined;
      }
      const pvc = ctx.store.get(CLAIM, ns, name);
      if (!pvc || protect(ctx, pvc)) return undefined;
      syncClaim(ctx, ctx.store.get(CLAIM, ns, name) ?? pvc);
      // The controller resyncs every claim each PVClaimBinderSyncPeriod (15 s), so a claim that
      // stays unbound records its waiting or failure event again: "(x5 over 60s)" in describe.
      const after = ctx.store.get(CLAIM, ns, name);
      return after && !after.spec?.volumeName && !after.metadata.deletionTimestamp
        ? { requeueAfter: CLAIM_RESYNC_SECONDS }
        : undefined;
    },
  };
}
