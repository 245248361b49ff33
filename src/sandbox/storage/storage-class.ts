/**
 * StorageClasses: the simulated cluster's default class, which class is the default
 * (k8s.io/component-helpers/storage/volume GetDefaultClass), a claim's or volume's class
 * (storagehelpers GetPersistentVolumeClaimClass / GetPersistentVolumeClass) and binding mode
 * (pkg/volume/util IsDelayBindingMode).
 */
import type { ObjectStore } from "../api/store.js";
import type { KubeObject } from "../model/object.js";
import {
  ANN_BETA_DEFAULT_CLASS,
  ANN_BETA_STORAGE_CLASS,
  ANN_DEFAULT_CLASS,
  ANN_SELECTED_NODE,
  SIMULATED_PROVISIONER,
} from "./constants.js";

/** Name of the simulated cluster's default StorageClass. */
export const DEFAULT_CLASS_NAME = "standard";

/**
 * The StorageClass every simulated cluster starts with, as kind, minikube and most managed
 * clusters have one: marked default, binding when the first pod is scheduled, deleting the
 * volume with its claim. Its provisioner exists only in this simulator and says so by its name.
 */
export function defaultStorageClass(): KubeObject {
  return {
    apiVersion: "storage.k8s.io/v1",
    kind: "StorageClass",
    metadata: { name: DEFAULT_CLASS_NAME, annotations: { [ANN_DEFAULT_CLASS]: "true" } },
    provisioner: SIMULATED_PROVISIONER,
    reclaimPolicy: "Delete",
    volumeBindingMode: "WaitForFirstConsumer",
    allowVolumeExpansion: true,
  };
}

/** storageutil.IsDefaultAnnotation: either default-class annotation set to "true". */
export function isDefaultClass(sc: KubeObject): boolean {
  const a = sc.metadata.annotations ?? {};
  return a[ANN_DEFAULT_CLASS] === "true" || a[ANN_BETA_DEFAULT_CLASS] === "true";
}

/**
 * GetDefaultClass: of several defaults the newest wins, ties broken by name. Timestamps here
 * have one-second resolution, so within a second the later write (higher resourceVersion) is
 * the newer, as the real nanosecond timestamps would say.
 */
export function getDefaultClass(store: ObjectStore): KubeObject | undefined {
  const defaults = store.list("StorageClass").filter(isDefaultClass);
  defaults.sort((a, b) => {
    const ta = a.metadata.creationTimestamp ?? "";
    const tb = b.metadata.creationTimestamp ?? "";
    if (ta !== tb) return ta < tb ? 1 : -1;
    const ra = Number(a.metadata.resourceVersion ?? 0);
    const rb = Number(b.metadata.resourceVersion ?? 0);
    if (ra !== rb) return rb - ra;
    return (a.metadata.name ?? "") < (b.metadata.name ?? "") ? -1 : 1;
  });
  return defaults[0];
}

/** storagehelpers PersistentVolumeClaimHasClass: a class was asked for, even `""`. */
export function claimHasClass(pvc: KubeObject): boolean {
  if (pvc.metadata.annotations?.[ANN_BETA_STORAGE_CLASS] !== undefined) return true;
  return typeof pvc.spec?.storageClassName === "string";
}

/** GetPersistentVolumeClaimClass: the beta annotation wins over the field; `""` means no class. */
export function claimClass(pvc: KubeObject): string {
  const beta = pvc.metadata.annotations?.[ANN_BETA_STORAGE_CLASS];
  if (beta !== undefined) return beta;
  return typeof pvc.spec?.storageClassName === "string" ? pvc.spec.storageClassName : "";
}

/** GetPersistentVolumeClass. */
export function volumeClass(pv: KubeObject): string {
  const beta = pv.metadata.annotations?.[ANN_BETA_STORAGE_CLASS];
  if (beta !== undefined) return beta;
  return typeof pv.spec?.storageClassName === "string" ? pv.spec.storageClassName : "";
}

/** `volumeBindingMode`, with the API default Immediate (SetDefaults_StorageClass). */
export function bindingMode(sc: KubeObject): "Immediate" | "WaitForFirstConsumer" {
  return sc.volumeBindingMode === "WaitForFirstConsumer" ? "WaitForFirstConsumer" : "Immediate";
}

/** `reclaimPolicy`, with the API default Delete (SetDefaults_StorageClass). */
export function classReclaimPolicy(sc: KubeObject): string {
  return typeof sc.reclaimPolicy === "string" ? sc.reclaimPolicy : "Delete";
}

/**
 * IsDelayBindingMode: the claim's class exists and waits for the first consumer. No class, or
 * a class that does not exist, binds immediately.
 */
export function isDelayBinding(pvc: KubeObject, store: ObjectStore): boolean {
  const name = claimClass(pvc);
  if (name === "") return false;
  const sc = store.get("StorageClass", undefined, name);
  return sc !== undefined && bindingMode(sc) === "WaitForFirstConsumer";
}

/** IsDelayBindingProvisioning: the scheduler has chosen a node for the claim's volume. */
export function selectedNode(pvc: KubeObject): string | undefined {
  const n = pvc.metadata.annotations?.[ANN_SELECTED_NODE];
  return n ? n : undefined;
}
