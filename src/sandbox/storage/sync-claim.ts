/**
 * The PersistentVolume controller's claim sync (pv_controller.go syncClaim, syncUnboundClaim,
 * syncBoundClaim, provisionClaimOperation, assignDefaultStorageClass), the scheduler's PreBind
 * for claims waiting for their first consumer (volumebinding binder.go BindPodVolumes), and the
 * external provisioner, which the simulated cluster runs for every provisioner a class names.
 */
import { statusMessage } from "../api/types.js";
import type { ControllerContext } from "../engine/controller.js";
import type { KubeObject } from "../model/object.js";
import { bind, setClaimStatus } from "./bind.js";
import {
  ANN_BETA_STORAGE_PROVISIONER,
  ANN_BIND_COMPLETED,
  ANN_SELECTED_NODE,
  ANN_STORAGE_PROVISIONER,
  externalProvisioning,
  MSG_NO_VOLUMES_NO_CLASS,
  MSG_WAIT_FOR_FIRST_CONSUMER,
  NO_PROVISIONER,
  PV_CONTROLLER,
  provisioningStarted,
  provisioningSucceeded,
  storageClassNotFound,
  waitForPodScheduled,
} from "./constants.js";
import {
  findBestMatchForClaim,
  findMatchingVolume,
  isVolumeBoundToClaim,
  type NodeRef,
  volumeMismatch,
} from "./match.js";
import { provisionedVolume, provisionedVolumeName } from "./provision.js";
import { claimClass, claimHasClass, getDefaultClass, isDelayBinding, selectedNode } from "./storage-class.js";
import { syncVolume } from "./sync-volume.js";
import { canProvision, podClaimNames } from "./volume-binding.js";

/** Pods (not finished, not deleted) whose volumes use the claim. */
export function podsUsingClaim(ctx: ControllerContext, pvc: KubeObject): KubeObject[] {
  return ctx.store
    .list("Pod", pvc.metadata.namespace)
    .filter(
      (p) =>
        p.status?.phase !== "Succeeded" &&
        p.status?.phase !== "Failed" &&
        podClaimNames(p).includes(pvc.metadata.name ?? ""),
    );
}

function nodeRef(ctx: ControllerContext, name: string): NodeRef {
  const node = ctx.store.get("Node", undefined, name);
  return { name, labels: node?.metadata.labels };
}

function patchClaim(ctx: ControllerContext, pvc: KubeObject, mutate: (o: KubeObject) => void): void {
  ctx.store.patch("PersistentVolumeClaim", pvc.metadata.namespace, pvc.metadata.name ?? "", mutate);
}

/** syncClaim for a claim that exists and is not being deleted. */
export function syncClaim(ctx: ControllerContext, pvc: KubeObject): void {
  if (pvc.metadata.annotations?.[ANN_BIND_COMPLETED] === "yes") syncBoundClaim(ctx, pvc);
  else syncUnboundClaim(ctx, pvc);
}

/** updateClaimStatusWithEvent: Lost, with the event only when the phase changes. */
function lose(ctx: ControllerContext, pvc: KubeObject, reason: string, message: string): void {
  if (pvc.status?.phase !== "Lost") ctx.recorder.record(pvc, "Warning", reason, message, PV_CONTROLLER);
  setClaimStatus(ctx, pvc, "Lost");
}

function syncBoundClaim(ctx: ControllerContext, pvc: KubeObject): void {
  const name: string = pvc.spec?.volumeName ?? "";
  if (name === "") {
    lose(ctx, pvc, "ClaimLost", "Bound claim has lost reference to PersistentVolume. Data on the volume is lost!");
    return;
  }
  const pv = ctx.store.get("PersistentVolume", undefined, name);
  if (!pv) {
    lose(ctx, pvc, "ClaimLost", "Bound claim has lost its PersistentVolume. Data on the volume is lost!");
  } else if (!pv.spec?.claimRef || pv.spec.claimRef.uid === pvc.metadata.uid) {
    bind(ctx, pv, pvc);
  } else {
    lose(ctx, pvc, "ClaimMisbound", "Two claims are bound to the same volume, this one is bound incorrectly");
  }
}

function syncUnboundClaim(ctx: ControllerContext, pvc: KubeObject): void {
  const requested: string = pvc.spec?.volumeName ?? "";
  if (requested !== "") {
    syncRequestedVolume(ctx, pvc, requested);
    return;
  }
  // RetroactiveDefaultStorageClass (GA 1.28): a claim that never named a class gets the default.
  if (!claimHasClass(pvc)) {
    const def = getDefaultClass(ctx.store);
    if (def) {
      patchClaim(ctx, pvc, (o) => {
        o.spec.storageClassName = def.metadata.name;
      });
      return;
    }
  }
  // Volumes created in the same instant become Available first (their sync is a formality).
  for (const v of ctx.store.list("PersistentVolume")) {
    if (v.status?.phase === undefined || v.status.phase === "Pending") syncVolume(ctx, v);
  }
  const delay = isDelayBinding(pvc, ctx.store);
  const pv = findBestMatchForClaim(pvc, ctx.store.list("PersistentVolume"), delay);
  if (pv) {
    bind(ctx, pv, pvc);
    return;
  }
  if (delay && selectedNode(pvc) === undefined) {
    waitForConsumer(ctx, pvc);
  } else if (claimClass(pvc) !== "") {
    provisionClaim(ctx, pvc);
  } else {
    ctx.recorder.record(pvc, "Normal", "FailedBinding", MSG_NO_VOLUMES_NO_CLASS, PV_CONTROLLER);
  }
  const current = ctx.store.get("PersistentVolumeClaim", pvc.metadata.namespace, pvc.metadata.name ?? "");
  if (current && !current.spec?.volumeName) setClaimStatus(ctx, current, "Pending");
}

/** The user named a PV in `spec.volumeName`. */
function syncRequestedVolume(ctx: ControllerContext, pvc: KubeObject, name: string): void {
  const pv = ctx.store.get("PersistentVolume", undefined, name);
  if (!pv) {
    setClaimStatus(ctx, pvc, "Pending");
    return;
  }
  if (!pv.spec?.claimRef) {
    const mismatch = volumeMismatch(pv, pvc);
    if (mismatch === null) {
      bind(ctx, pv, pvc);
      return;
    }
    const msg = `Cannot bind to requested volume "${name}": ${mismatch}`;
    ctx.recorder.record(pvc, "Warning", "VolumeMismatch", msg, PV_CONTROLLER);
  } else if (isVolumeBoundToClaim(pv, pvc)) {
    bind(ctx, pv, pvc);
    return;
  } else {
    const msg = `volume "${name}" already bound to a different claim.`;
    ctx.recorder.record(pvc, "Warning", "FailedBinding", msg, PV_CONTROLLER);
  }
  setClaimStatus(ctx, pvc, "Pending");
}

/**
 * A delayed-binding claim without a chosen node: once a pod using it is on a node, do what the
 * scheduler's PreBind does (bind the PV it found for that node, or mark the node for the
 * provisioner); until then, say what the claim waits for.
 */
function waitForConsumer(ctx: ControllerContext, pvc: KubeObject): void {
  const pods = podsUsingClaim(ctx, pvc).filter((p) => !p.metadata.deletionTimestamp);
  const placed = pods.find((p) => p.spec?.nodeName);
  if (placed) {
    const node = nodeRef(ctx, placed.spec.nodeName);
    const pv = findMatchingVolume(pvc, ctx.store.list("PersistentVolume"), node, new Set(), true);
    if (pv) bind(ctx, pv, pvc);
    else if (canProvision(pvc, node, ctx.store)) {
      patchClaim(ctx, pvc, (o) => {
        o.metadata.annotations = { ...o.metadata.annotations, [ANN_SELECTED_NODE]: node.name };
      });
    }
    return;
  }
  const waiting = pods.map((p) => p.metadata.name ?? "");
  if (waiting.length > 0) {
    ctx.recorder.record(pvc, "Normal", "WaitForPodScheduled", waitForPodScheduled(waiting), PV_CONTROLLER);
  } else {
    ctx.recorder.record(pvc, "Normal", "WaitForFirstConsumer", MSG_WAIT_FOR_FIRST_CONSUMER, PV_CONTROLLER);
  }
}

/** provisionClaimOperation, then the external provisioner's work. */
function provisionClaim(ctx: ControllerContext, pvc: KubeObject): void {
  const className = claimClass(pvc);
  const sc = ctx.store.get("StorageClass", undefined, className);
  if (!sc) {
    ctx.recorder.record(pvc, "Warning", "ProvisioningFailed", storageClassNotFound(className), PV_CONTROLLER);
    return;
  }
  const provisioner = String(sc.provisioner ?? "");
  // findProvisionablePlugin: a `kubernetes.io/` name with no in-tree plugin is an error, not an
  // external provisioner; provisionClaim reports it on every sync and provisions nothing.
  if (provisioner === NO_PROVISIONER) {
    const msg = `no volume plugin matched name: ${provisioner}`;
    ctx.recorder.record(pvc, "Warning", "ProvisioningFailed", msg, PV_CONTROLLER);
    return;
  }
  const ann = pvc.metadata.annotations ?? {};
  if (ann[ANN_STORAGE_PROVISIONER] !== provisioner) {
    patchClaim(ctx, pvc, (o) => {
      o.metadata.annotations = {
        ...o.metadata.annotations,
        [ANN_BETA_STORAGE_PROVISIONER]: provisioner,
        [ANN_STORAGE_PROVISIONER]: provisioner,
      };
    });
  }
  ctx.recorder.record(pvc, "Normal", "ExternalProvisioning", externalProvisioning(provisioner), PV_CONTROLLER);
  if (provisioner === "") return;
  const volumeName = provisionedVolumeName(pvc);
  if (ctx.store.get("PersistentVolume", undefined, volumeName)) return;
  const ns = pvc.metadata.namespace ?? "default";
  ctx.recorder.record(pvc, "Normal", "Provisioning", provisioningStarted(ns, pvc.metadata.name ?? ""), provisioner);
  const node = selectedNode(pvc);
  const created = ctx.api.create(provisionedVolume(pvc, sc, node ? nodeRef(ctx, node) : undefined), {
    origin: "controller",
  });
  if (created.ok) {
    ctx.recorder.record(pvc, "Normal", "ProvisioningSucceeded", provisioningSucceeded(volumeName), provisioner);
  } else {
    const msg = `failed to provision volume with StorageClass "${className}": ${statusMessage(created)}`;
    ctx.recorder.record(pvc, "Warning", "ProvisioningFailed", msg, provisioner);
  }
}
