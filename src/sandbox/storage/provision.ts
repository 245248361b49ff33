/**
 * What a provisioner creates for a claim (sig-storage-lib-external-provisioner controller.go
 * provisionClaimOperation, and the CSI external-provisioner's Provision): a PV named
 * `pvc-<claim uid>`, pre-bound to the claim, of the claim's size, modes and class, with the
 * class's reclaim policy. The simulated hostpath provisioner pins the volume to the node the
 * scheduler chose, as local-path provisioners do; other provisioners' topology is unknown here.
 */
import type { KubeObject } from "../model/object.js";
import { ANN_DYNAMICALLY_PROVISIONED, SIMULATED_PROVISIONER } from "./constants.js";
import type { NodeRef } from "./match.js";
import { classReclaimPolicy } from "./storage-class.js";

/** The well-known node label local volumes are pinned by. */
const HOSTNAME_LABEL = "kubernetes.io/hostname";

/** The name a provisioned volume gets: `pvc-<claim uid>` (controller.go getProvisionedVolumeNameForClaim). */
export function provisionedVolumeName(pvc: KubeObject): string {
  return `pvc-${pvc.metadata.uid ?? ""}`;
}

/** The PersistentVolume a provisioner creates for `pvc` of class `sc`, on `node` if one was chosen. */
export function provisionedVolume(pvc: KubeObject, sc: KubeObject, node: NodeRef | undefined): KubeObject {
  const name = provisionedVolumeName(pvc);
  const provisioner = String(sc.provisioner ?? "");
  const pinned =
    provisioner === SIMULATED_PROVISIONER && node
      ? {
          required: {
            nodeSelectorTerms: [
              {
                matchExpressions: [
                  { key: HOSTNAME_LABEL, operator: "In", values: [node.labels?.[HOSTNAME_LABEL] ?? node.name] },
                ],
              },
            ],
          },
        }
      : undefined;
  return {
    apiVersion: "v1",
    kind: "PersistentVolume",
    metadata: {
      name,
      annotations: { [ANN_DYNAMICALLY_PROVISIONED]: provisioner },
    },
    spec: {
      accessModes: [...(pvc.spec?.accessModes ?? [])],
      capacity: { storage: String(pvc.spec?.resources?.requests?.storage ?? "") },
      claimRef: {
        kind: "PersistentVolumeClaim",
        apiVersion: "v1",
        namespace: pvc.metadata.namespace,
        name: pvc.metadata.name,
        uid: pvc.metadata.uid,
      },
      csi: { driver: provisioner, volumeHandle: name },
      persistentVolumeReclaimPolicy: classReclaimPolicy(sc),
      storageClassName: sc.metadata.name,
      volumeMode: pvc.spec?.volumeMode ?? "Filesystem",
      ...(Array.isArray(sc.mountOptions) ? { mountOptions: [...sc.mountOptions] } : {}),
      ...(pinned ? { nodeAffinity: pinned } : {}),
    },
  };
}
