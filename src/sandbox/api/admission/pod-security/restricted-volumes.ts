/** Restricted check `restrictedVolumes` (pod-security-admission/policy/check_restrictedVolumes.go). */
import { ALLOWED, type Check, deny, joinQuote, pluralize, sortedSet } from "./check.js";
import { volumesOf } from "./volumes.js";

/** The inline volume sources the restricted profile allows. */
const ALLOWED_SOURCES = [
  "configMap",
  "csi",
  "downwardAPI",
  "emptyDir",
  "ephemeral",
  "persistentVolumeClaim",
  "projected",
  "secret",
];

/** The forbidden sources upstream names, in its switch order; anything else is "unknown". */
const NAMED_SOURCES = [
  "hostPath",
  "gcePersistentDisk",
  "awsElasticBlockStore",
  "gitRepo",
  "nfs",
  "iscsi",
  "glusterfs",
  "rbd",
  "flexVolume",
  "cinder",
  "cephfs",
  "flocker",
  "fc",
  "azureFile",
  "vsphereVolume",
  "quobyte",
  "azureDisk",
  "photonPersistentDisk",
  "portworxVolume",
  "scaleIO",
  "storageos",
];

const present = (v: Record<string, unknown>, key: string) => v[key] !== undefined && v[key] !== null;

export const restrictedVolumes: Check = {
  id: "restrictedVolumes",
  level: "restricted",
  overrides: ["hostPathVolumes"],
  check(_meta, spec) {
    const bad: string[] = [];
    const types: string[] = [];
    for (const v of volumesOf(spec)) {
      if (ALLOWED_SOURCES.some((k) => present(v, k))) continue;
      bad.push(String(v.name ?? ""));
      types.push(NAMED_SOURCES.find((k) => present(v, k)) ?? "unknown");
    }
    if (bad.length === 0) return ALLOWED;
    const list = sortedSet(types);
    return deny(
      "restricted volume types",
      `${pluralize("volume", "volumes", bad.length)} ${joinQuote(bad)} ${pluralize("uses", "use", bad.length)} ${pluralize("restricted volume type", "restricted volume types", list.length)} ${joinQuote(list)}`,
    );
  },
};
