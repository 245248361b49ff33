/**
 * PersistentVolumeClaimResize (plugin/pkg/admission/storage/persistentvolume/resize/admission.go
 * Validate): growing a claim's storage request is allowed only for a bound claim whose
 * StorageClass — the same on both sides, and non-empty — sets `allowVolumeExpansion: true`.
 * Shrinking, and every other update, is left to validation.
 */

import type { KubeObject } from "../../model/object.js";
import { compareQuantity, parseQuantity } from "../../model/quantity.js";
import { claimClass } from "../../storage/storage-class.js";
import type { AdmissionPlugin } from "../types.js";
import { forbidden } from "./errors.js";

function requestedStorage(pvc: KubeObject) {
  const value = pvc.spec?.resources?.requests?.storage;
  return typeof value === "string" || typeof value === "number" ? parseQuantity(value) : null;
}

export const PersistentVolumeClaimResize: AdmissionPlugin = {
  name: "PersistentVolumeClaimResize",
  validate(attrs, ctx) {
    const old = attrs.old;
    if (
      attrs.operation !== "UPDATE" ||
      !old ||
      attrs.kind.group !== "" ||
      attrs.kind.kind !== "PersistentVolumeClaim"
    ) {
      return undefined;
    }
    const newSize = requestedStorage(attrs.object);
    // A missing request counts as zero, as the Go map lookup of an absent quantity does.
    const oldSize = requestedStorage(old);
    if (!newSize || (oldSize ? compareQuantity(newSize, oldSize) <= 0 : newSize.nano <= 0n)) {
      return undefined;
    }
    if (old.status?.phase !== "Bound") {
      return forbidden(attrs, "Only bound persistent volume claims can be expanded");
    }
    // allowResize: the class may not change or be empty, and must allow expansion explicitly.
    const name = claimClass(attrs.object);
    const sc = name !== "" && name === claimClass(old) ? ctx.store.get("StorageClass", undefined, name) : undefined;
    if (sc?.allowVolumeExpansion !== true) {
      return forbidden(
        attrs,
        "only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize",
      );
    }
    return undefined;
  },
};
