/**
 * The PersistentVolume controller's volume sync (pv_controller.go syncVolume, reclaimVolume,
 * unbindVolume, deleteVolumeOperation): a volume without a claim is Available; one whose claim
 * is gone is Released and its reclaim policy runs — Retain keeps it Released until someone
 * cleans it up, Delete removes a provisioned volume (and fails for a hand-made one), Recycle
 * scrubs it and makes it Available again.
 */
import type { ControllerContext } from "../engine/controller.js";
import type { KubeObject } from "../model/object.js";
import { boundByController, setVolumePhase } from "./bind.js";
import { ANN_BOUND_BY_CONTROLLER, ANN_DYNAMICALLY_PROVISIONED, NO_PROVISIONER, PV_CONTROLLER } from "./constants.js";

/** deleteVolumeOperation for a volume no plugin or provisioner can delete. */
export function noDeleterMessage(volume: string): string {
  return `error getting deleter volume plugin for volume "${volume}": no deletable volume plugin matched`;
}

/** syncVolume. */
export function syncVolume(ctx: ControllerContext, pv: KubeObject): void {
  const ref = pv.spec?.claimRef;
  if (!ref?.uid) {
    setVolumePhase(ctx, pv, "Available");
    return;
  }
  let claim = ctx.store.get("PersistentVolumeClaim", ref.namespace ?? "default", ref.name ?? "");
  if (claim && claim.metadata.uid !== ref.uid) claim = undefined;
  if (!claim) {
    if (pv.status?.phase !== "Released" && pv.status?.phase !== "Failed") setVolumePhase(ctx, pv, "Released");
    reclaim(ctx, ctx.store.get("PersistentVolume", undefined, pv.metadata.name ?? "") ?? pv);
    return;
  }
  const claimVolume: string = claim.spec?.volumeName ?? "";
  if (claimVolume === "") return;
  if (claimVolume === pv.metadata.name) {
    setVolumePhase(ctx, pv, "Bound");
    return;
  }
  // The claim is bound to another volume.
  if (pv.metadata.annotations?.[ANN_DYNAMICALLY_PROVISIONED] && pv.spec?.persistentVolumeReclaimPolicy === "Delete") {
    if (pv.status?.phase !== "Released" && pv.status?.phase !== "Failed") setVolumePhase(ctx, pv, "Released");
    reclaim(ctx, pv);
  } else {
    unbind(ctx, pv);
  }
}

/** unbindVolume: a controller-made binding is undone; a user's pre-binding keeps the claim's name. */
function unbind(ctx: ControllerContext, pv: KubeObject): void {
  ctx.store.patch("PersistentVolume", undefined, pv.metadata.name ?? "", (o) => {
    if (boundByController(o)) {
      delete o.spec.claimRef;
      if (o.metadata.annotations) delete o.metadata.annotations[ANN_BOUND_BY_CONTROLLER];
    } else {
      delete o.spec.claimRef.uid;
    }
    o.status = { ...(o.status ?? {}), phase: "Available" };
  });
}

/** reclaimVolume. */
function reclaim(ctx: ControllerContext, pv: KubeObject): void {
  const name = pv.metadata.name ?? "";
  switch (pv.spec?.persistentVolumeReclaimPolicy ?? "Retain") {
    case "Recycle":
      ctx.store.patch("PersistentVolume", undefined, name, (o) => {
        delete o.spec.claimRef;
        o.status = { phase: "Available" };
      });
      ctx.recorder.record(pv, "Normal", "VolumeRecycled", "Volume recycled", PV_CONTROLLER);
      return;
    case "Delete": {
      const provisioner = pv.metadata.annotations?.[ANN_DYNAMICALLY_PROVISIONED];
      if (provisioner && provisioner !== NO_PROVISIONER) {
        ctx.api.delete("PersistentVolume", undefined, name);
        return;
      }
      if (pv.status?.phase === "Failed") return;
      const message = noDeleterMessage(name);
      ctx.recorder.record(pv, "Warning", "VolumeFailedDelete", message, PV_CONTROLLER);
      setVolumePhase(ctx, pv, "Failed", message);
      return;
    }
    default:
      return;
  }
}
