/**
 * PersistentVolumeClaims and PersistentVolumes (pkg/apis/core/validation/validation.go
 * ValidatePersistentVolumeClaimSpec, ValidatePersistentVolumeClaimUpdate,
 * ValidatePersistentVolumeSpec).
 */
import { formatQuantity, quantityOrNull } from "../../model/quantity.js";
import type { FieldError } from "../field-error.js";
import { forbidden, invalid, key, required, unsupported } from "./field.js";
import { FIELD_IMMUTABLE_MSG, IS_NEGATIVE_MSG, validateLabelSelector, validateObjectMeta } from "./meta.js";
import { nameIsDNSSubdomain } from "./names.js";
import { isSet, jsonEqual, list, type Obj, rec, str } from "./values.js";
import { VOLUME_SOURCES } from "./volumes.js";

const ACCESS_MODES = ["ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"];
const VOLUME_MODES = ["Block", "Filesystem"];
const RECLAIM_POLICIES = ["Delete", "Recycle", "Retain"];

function validateAccessModes(modes: unknown, path: string, requiredDetail: string): FieldError[] {
  const list_ = list(modes).map(str);
  const errs: FieldError[] = [];
  if (list_.length === 0) errs.push(required(path, requiredDetail));
  for (const m of list_) if (!ACCESS_MODES.includes(m)) errs.push(unsupported(path, m, ACCESS_MODES));
  if (list_.includes("ReadWriteOncePod") && list_.some((m) => m !== "ReadWriteOncePod")) {
    errs.push(forbidden(path, "may not use ReadWriteOncePod with other access modes"));
  }
  return errs;
}

function validateVolumeMode(mode: unknown, path: string): FieldError[] {
  return isSet(mode) && !VOLUME_MODES.includes(str(mode)) ? [unsupported(path, str(mode), VOLUME_MODES)] : [];
}

/** `ValidatePersistentVolumeClaim` (create). */
export function validatePersistentVolumeClaim(obj: Obj): FieldError[] {
  const spec = rec(obj.spec) ?? {};
  const errs = validateObjectMeta(rec(obj.metadata), true, nameIsDNSSubdomain);
  errs.push(...validateAccessModes(spec.accessModes, "spec.accessModes", "at least 1 access mode is required"));
  if (isSet(spec.selector)) errs.push(...validateLabelSelector(spec.selector, "spec.selector"));
  const storagePath = key("spec.resources", "storage");
  const storage = quantityOrNull(rec(rec(spec.resources)?.requests)?.storage);
  if (!storage) errs.push(required(storagePath));
  else if (storage.nano <= 0n) errs.push(invalid(storagePath, formatQuantity(storage), "must be greater than zero"));
  const sc = str(spec.storageClassName);
  if (sc) for (const msg of nameIsDNSSubdomain(sc, false)) errs.push(invalid("spec.storageClassName", sc, msg));
  errs.push(...validateVolumeMode(spec.volumeMode, "spec.volumeMode"));
  return errs;
}

/**
 * `ValidatePersistentVolumeClaimUpdate`: the spec is immutable except the storage request of a
 * bound claim (and `volumeName`, set once by the binder).
 */
export function validatePersistentVolumeClaimUpdate(obj: Obj, old: Obj): FieldError[] {
  const errs = validatePersistentVolumeClaim(obj);
  const spec = { ...(rec(obj.spec) ?? {}) };
  const oldSpec = { ...(rec(old.spec) ?? {}) };
  if (!str(oldSpec.volumeName)) oldSpec.volumeName = spec.volumeName;
  const bound = str(rec(old.status)?.phase) === "Bound";
  const newStorage = rec(rec(spec.resources)?.requests)?.storage;
  if (bound) {
    const resources = { ...(rec(spec.resources) ?? {}) };
    resources.requests = {
      ...(rec(resources.requests) ?? {}),
      storage: rec(rec(oldSpec.resources)?.requests)?.storage,
    };
    spec.resources = resources;
  }
  if (!jsonEqual(spec, oldSpec)) {
    errs.push(
      forbidden(
        "spec",
        "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims",
      ),
    );
  }
  const newSize = quantityOrNull(newStorage);
  const oldSize = quantityOrNull(rec(rec(oldSpec.resources)?.requests)?.storage);
  const capacity = quantityOrNull(rec(rec(old.status)?.capacity)?.storage);
  if (newSize && oldSize && newSize.nano < oldSize.nano && capacity && newSize.nano <= capacity.nano) {
    errs.push(forbidden("spec.resources.requests.storage", "field can not be less than status.capacity"));
  }
  if (!jsonEqual(spec.volumeMode ?? null, oldSpec.volumeMode ?? null)) {
    errs.push(invalid("volumeMode", str(spec.volumeMode), FIELD_IMMUTABLE_MSG));
  }
  return errs;
}

/** `ValidatePersistentVolume` (create). */
export function validatePersistentVolume(obj: Obj): FieldError[] {
  const spec = rec(obj.spec) ?? {};
  const errs = validateObjectMeta(rec(obj.metadata), false, nameIsDNSSubdomain);
  errs.push(...validateAccessModes(spec.accessModes, "spec.accessModes", ""));
  const capacity = rec(spec.capacity);
  const names = Object.keys(capacity ?? {});
  if (names.length === 0) errs.push(required("spec.capacity"));
  if (!names.includes("storage") || names.length > 1) {
    errs.push(
      unsupported(
        "spec.capacity",
        capacity ?? null,
        ["storage"],
        capacity ? "core.ResourceList{...}" : "core.ResourceList(nil)",
      ),
    );
  }
  for (const name of names) {
    const q = quantityOrNull(capacity?.[name]);
    if (!q) continue;
    if (q.nano < 0n) errs.push(invalid(key("spec.capacity", name), formatQuantity(q), IS_NEGATIVE_MSG));
    if (q.nano <= 0n) errs.push(invalid(key("spec.capacity", name), formatQuantity(q), "must be greater than zero"));
  }
  const sc = str(spec.storageClassName);
  if (sc) for (const msg of nameIsDNSSubdomain(sc, false)) errs.push(invalid("spec.storageClassName", sc, msg));
  errs.push(...validateVolumeMode(spec.volumeMode, "spec.volumeMode"));
  const reclaim = str(spec.persistentVolumeReclaimPolicy);
  if (reclaim && !RECLAIM_POLICIES.includes(reclaim)) {
    errs.push(unsupported("spec.persistentVolumeReclaimPolicy", reclaim, RECLAIM_POLICIES));
  }
  const sources = [...VOLUME_SOURCES.filter((s) => s !== "emptyDir" && s !== "configMap" && s !== "secret"), "local"];
  if (!sources.some((s) => rec(spec[s]))) errs.push(required("spec", "must specify a volume type"));
  return errs;
}
