/**
 * DefaultStorageClass (plugin/pkg/admission/storage/storageclass/setdefault/admission.go): a new
 * PersistentVolumeClaim that names no class (neither `spec.storageClassName` nor the beta
 * annotation; an explicit `""` counts as naming one) gets the default StorageClass — the newest
 * of several. Without a default class the claim is left alone and only binds to PVs without a
 * class. Only creation is mutated.
 */
import { claimHasClass, getDefaultClass } from "../../storage/storage-class.js";
import type { AdmissionPlugin } from "../types.js";

export const DefaultStorageClass: AdmissionPlugin = {
  name: "DefaultStorageClass",
  mutate(attrs, ctx) {
    if (attrs.operation !== "CREATE" || attrs.kind.group !== "" || attrs.kind.kind !== "PersistentVolumeClaim") {
      return undefined;
    }
    const pvc = attrs.object;
    if (claimHasClass(pvc)) return undefined;
    const def = getDefaultClass(ctx.store);
    if (!def) return undefined;
    pvc.spec = { ...(pvc.spec ?? {}), storageClassName: def.metadata.name };
    return undefined;
  },
};
