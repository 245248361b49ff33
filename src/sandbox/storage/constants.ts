/**
 * Names the storage machinery shares: annotations, finalizers, provisioners and the texts of the
 * PersistentVolume controller's events (pkg/controller/volume/persistentvolume/pv_controller.go,
 * pkg/volume/util/util.go, k8s.io/component-helpers/storage/volume/helpers.go).
 */

/** The controller's name and event source (pv_controller_base.go). */
export const PV_CONTROLLER = "persistentvolume-controller";
/** The pvc-protection controller (pkg/controller/volume/pvcprotection). */
export const PVC_PROTECTION_CONTROLLER = "pvc-protection-controller";

/** storagehelpers AnnBindCompleted: the claim's binding is complete. */
export const ANN_BIND_COMPLETED = "pv.kubernetes.io/bind-completed";
/** storagehelpers AnnBoundByController: the controller, not the user, made the binding. */
export const ANN_BOUND_BY_CONTROLLER = "pv.kubernetes.io/bound-by-controller";
/** storagehelpers AnnSelectedNode: the node the scheduler chose for a delayed-binding claim. */
export const ANN_SELECTED_NODE = "volume.kubernetes.io/selected-node";
/** storagehelpers AnnStorageProvisioner and its beta form, set on claims awaiting provisioning. */
export const ANN_STORAGE_PROVISIONER = "volume.kubernetes.io/storage-provisioner";
export const ANN_BETA_STORAGE_PROVISIONER = "volume.beta.kubernetes.io/storage-provisioner";
/** storagehelpers AnnDynamicallyProvisioned: the provisioner that created a PV. */
export const ANN_DYNAMICALLY_PROVISIONED = "pv.kubernetes.io/provisioned-by";
/** The deprecated class annotation still honoured on claims and volumes (v1.BetaStorageClassAnnotation). */
export const ANN_BETA_STORAGE_CLASS = "volume.beta.kubernetes.io/storage-class";
/** storageutil.IsDefaultStorageClassAnnotation and its beta form. */
export const ANN_DEFAULT_CLASS = "storageclass.kubernetes.io/is-default-class";
export const ANN_BETA_DEFAULT_CLASS = "storageclass.beta.kubernetes.io/is-default-class";

/** pkg/volume/util PVCProtectionFinalizer. */
export const PVC_PROTECTION_FINALIZER = "kubernetes.io/pvc-protection";

/** The provisioner of the simulated cluster's default class: it exists only in this simulator. */
export const SIMULATED_PROVISIONER = "simulated.podsensei.dev/hostpath";
/** storagehelpers NotSupportedProvisioner: a class for manually created (e.g. local) volumes. */
export const NO_PROVISIONER = "kubernetes.io/no-provisioner";

/** pv_controller.go syncUnboundClaim: no PV matched and the claim has no class. */
export const MSG_NO_VOLUMES_NO_CLASS = "no persistent volumes available for this claim and no storage class is set";
/** pv_controller.go emitEventForUnboundDelayBindingClaim. */
export const MSG_WAIT_FOR_FIRST_CONSUMER = "waiting for first consumer to be created before binding";

/** pv_controller.go emitEventForUnboundDelayBindingClaim with pods still unscheduled. */
export function waitForPodScheduled(pods: readonly string[]): string {
  return pods.length > 1
    ? `waiting for pods ${pods.join(",")} to be scheduled`
    : `waiting for pod ${pods[0] ?? ""} to be scheduled`;
}

/** pv_controller.go provisionClaimOperation, for a provisioner outside kube-controller-manager. */
export function externalProvisioning(provisioner: string): string {
  return `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`;
}

/** sig-storage-lib-external-provisioner controller.go: the provisioner's own events. */
export function provisioningStarted(namespace: string, claim: string): string {
  return `External provisioner is provisioning volume for claim "${namespace}/${claim}"`;
}
export function provisioningSucceeded(volume: string): string {
  return `Successfully provisioned volume ${volume}`;
}

/** The API's NotFound text for a StorageClass (ProvisioningFailed). */
export function storageClassNotFound(name: string): string {
  return `storageclass.storage.k8s.io "${name}" not found`;
}
