/**
 * The binding writes of the PersistentVolume controller (pv_controller.go bind,
 * bindVolumeToClaim, bindClaimToVolume, updateClaimStatus, updateVolumePhase): both objects
 * point at each other, the claim's status shows the volume's size and modes, and both are Bound.
 * Each write happens only when it changes something, so re-syncs are quiet.
 */
import type { ControllerContext } from "../engine/controller.js";
import type { KubeObject } from "../model/object.js";
import { ANN_BIND_COMPLETED, ANN_BOUND_BY_CONTROLLER } from "./constants.js";

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** updateVolumePhase: sets the PV's phase (and message) if different. */
export function setVolumePhase(ctx: ControllerContext, pv: KubeObject, phase: string, message?: string): void {
  if (pv.status?.phase === phase && pv.status?.message === message) return;
  ctx.store.patch("PersistentVolume", undefined, pv.metadata.name ?? "", (o) => {
    o.status = { ...(o.status ?? {}), phase };
    if (message === undefined) delete o.status.message;
    else o.status.message = message;
  });
}

/** updateClaimStatus: phase, and the bound volume's modes and capacity (cleared without one). */
export function setClaimStatus(ctx: ControllerContext, pvc: KubeObject, phase: string, pv?: KubeObject): void {
  const next: Record<string, unknown> = { ...(pvc.status ?? {}), phase };
  if (pv) {
    next.accessModes = [...(pv.spec?.accessModes ?? [])];
    next.capacity = { ...(pv.spec?.capacity ?? {}) };
  } else {
    delete next.accessModes;
    delete next.capacity;
  }
  if (same(next, pvc.status)) return;
  ctx.store.patch("PersistentVolumeClaim", pvc.metadata.namespace, pvc.metadata.name ?? "", (o) => {
    o.status = next;
  });
}

/** bind: PV → claim (claimRef), claim → PV (volumeName), both Bound. */
export function bind(ctx: ControllerContext, pv: KubeObject, pvc: KubeObject): void {
  const ref = pv.spec?.claimRef;
  if (!ref?.uid || ref.uid !== pvc.metadata.uid) {
    ctx.store.patch("PersistentVolume", undefined, pv.metadata.name ?? "", (o) => {
      if (!o.spec.claimRef) {
        o.metadata.annotations = { ...o.metadata.annotations, [ANN_BOUND_BY_CONTROLLER]: "yes" };
      }
      o.spec.claimRef = {
        kind: "PersistentVolumeClaim",
        namespace: pvc.metadata.namespace,
        name: pvc.metadata.name,
        uid: pvc.metadata.uid,
        apiVersion: "v1",
        resourceVersion: pvc.metadata.resourceVersion,
      };
    });
  }
  const boundPv = ctx.store.get("PersistentVolume", undefined, pv.metadata.name ?? "") ?? pv;
  setVolumePhase(ctx, boundPv, "Bound");
  const ann = pvc.metadata.annotations ?? {};
  if (pvc.spec?.volumeName !== pv.metadata.name || ann[ANN_BIND_COMPLETED] !== "yes") {
    ctx.store.patch("PersistentVolumeClaim", pvc.metadata.namespace, pvc.metadata.name ?? "", (o) => {
      const extra: Record<string, string> = { [ANN_BIND_COMPLETED]: "yes" };
      if (!o.spec.volumeName) extra[ANN_BOUND_BY_CONTROLLER] = "yes";
      o.metadata.annotations = { ...o.metadata.annotations, ...extra };
      o.spec.volumeName = pv.metadata.name;
    });
  }
  const claim = ctx.store.get("PersistentVolumeClaim", pvc.metadata.namespace, pvc.metadata.name ?? "") ?? pvc;
  setClaimStatus(ctx, claim, "Bound", boundPv);
}

/** Whether the controller (not the user) chose this binding. */
export function boundByController(obj: KubeObject): boolean {
  return obj.metadata.annotations?.[ANN_BOUND_BY_CONTROLLER] === "yes";
}
