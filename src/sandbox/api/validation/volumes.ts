/**
 * Pod volumes (pkg/apis/core/validation/validation.go ValidateVolumes, validateVolumeSource and
 * the per-source checks learners hit most: configMap, secret, persistentVolumeClaim, hostPath,
 * emptyDir, projected serviceAccountToken).
 */
import { quantityOrNull } from "../../model/quantity.js";
import type { FieldError } from "../field-error.js";
import { child, duplicate, forbidden, index, invalid, required } from "./field.js";
import { IS_NEGATIVE_MSG } from "./meta.js";
import { isDNS1123Label } from "./names.js";
import { num, type Obj, rec, recs, str } from "./values.js";

/** Volume source fields of core/v1 VolumeSource, in upstream's validation order. */
export const VOLUME_SOURCES = [
  "hostPath",
  "emptyDir",
  "gitRepo",
  "gcePersistentDisk",
  "awsElasticBlockStore",
  "secret",
  "nfs",
  "iscsi",
  "glusterfs",
  "flocker",
  "persistentVolumeClaim",
  "rbd",
  "flexVolume",
  "cinder",
  "cephfs",
  "downwardAPI",
  "fc",
  "azureFile",
  "vsphereVolume",
  "quobyte",
  "azureDisk",
  "photonPersistentDisk",
  "portworxVolume",
  "scaleIO",
  "configMap",
  "storageos",
  "projected",
  "csi",
  "ephemeral",
  "image",
];

const FILE_MODE_MSG = "must be a number between 0 and 0777 (octal), both inclusive";

function validateDefaultMode(source: Obj, path: string): FieldError[] {
  const mode = num(source.defaultMode);
  return mode !== undefined && (mode < 0 || mode > 0o777)
    ? [invalid(child(path, "defaultMode"), mode, FILE_MODE_MSG)]
    : [];
}

/** core/v1 SetDefaults_ServiceAccountTokenProjection: one hour when unset. */
const DEFAULT_TOKEN_SECONDS = 3600;

/**
 * The serviceAccountToken part of `validateProjectionSources`. A missing path is reported on the
 * projected volume itself (`fldPath.Child("path")`), as upstream does.
 */
function validateProjectionSources(source: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  recs(source.sources).forEach((src, i) => {
    const token = rec(src.serviceAccountToken);
    if (!token) return;
    const tokenPath = child(index(child(path, "sources"), i), "serviceAccountToken", "expirationSeconds");
    const seconds = num(token.expirationSeconds) ?? DEFAULT_TOKEN_SECONDS;
    if (seconds < 10 * 60) errs.push(invalid(tokenPath, seconds, "may not specify a duration less than 10 minutes"));
    if (seconds > 2 ** 32)
      errs.push(invalid(tokenPath, seconds, "may not specify a duration larger than 2^32 seconds"));
    if (str(token.path) === "") errs.push(required(child(path, "path")));
  });
  return errs;
}

function validateSource(kind: string, source: Obj, path: string): FieldError[] {
  switch (kind) {
    case "hostPath":
      return str(source.path) ? [] : [required(child(path, "path"))];
    case "emptyDir": {
      const q = quantityOrNull(source.sizeLimit);
      return q && q.nano < 0n ? [invalid(child(path, "sizeLimit"), String(source.sizeLimit), IS_NEGATIVE_MSG)] : [];
    }
    case "secret":
      return [
        ...(str(source.secretName) ? [] : [required(child(path, "secretName"))]),
        ...validateDefaultMode(source, path),
      ];
    case "configMap":
      return [...(str(source.name) ? [] : [required(child(path, "name"))]), ...validateDefaultMode(source, path)];
    case "persistentVolumeClaim":
      return str(source.claimName) ? [] : [required(child(path, "claimName"))];
    case "projected":
      return validateProjectionSources(source, path);
    default:
      return [];
  }
}

/** `validateVolumeSource`: exactly one source. */
export function validateVolumeSource(volume: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  for (const kind of VOLUME_SOURCES) {
    const source = rec(volume[kind]);
    if (!source) continue;
    if (count > 0) {
      errs.push(forbidden(child(path, kind), "may not specify more than 1 volume type"));
    } else {
      count++;
      errs.push(...validateSource(kind, source, child(path, kind)));
    }
  }
  if (count === 0) errs.push(required(path, "must specify a volume type"));
  return errs;
}

/**
 * `ValidateVolumes`: names required, RFC 1123 labels and unique. Returns the names of the valid
 * volumes: mounts of an invalid volume report `Not found`, as upstream does.
 */
export function validateVolumes(volumes: unknown, path: string): { names: Set<string>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const names = new Set<string>();
  recs(volumes).forEach((v, i) => {
    const ip = index(path, i);
    const np = child(ip, "name");
    const name = str(v.name);
    const el = validateVolumeSource(v, ip);
    if (!name) el.push(required(np));
    else for (const msg of isDNS1123Label(name)) el.push(invalid(np, name, msg));
    if (names.has(name)) el.push(duplicate(np, name));
    if (el.length === 0) names.add(name);
    else errors.push(...el);
  });
  return { names, errors };
}
