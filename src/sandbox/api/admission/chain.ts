/**
 * The admission plugins kube-apiserver enables by default that change what a learner sees, in
 * its order (pkg/kubeapiserver/options/plugins.go AllOrderedPlugins). The API server runs every
 * `mutate` hook in this order, validates the object, then every `validate` hook in this order.
 */
import type { AdmissionPlugin } from "../types.js";
import { DefaultStorageClass } from "./DefaultStorageClass.js";
import { DefaultTolerationSeconds } from "./DefaultTolerationSeconds.js";
import { LimitRanger } from "./LimitRanger.js";
import { NamespaceLifecycle } from "./NamespaceLifecycle.js";
import { PersistentVolumeClaimResize } from "./PersistentVolumeClaimResize.js";
import { PodSecurity } from "./PodSecurity.js";
import { Priority } from "./Priority.js";
import { ResourceQuota } from "./ResourceQuota.js";
import { RuntimeClass } from "./RuntimeClass.js";
import { ServiceAccount } from "./ServiceAccount.js";

/** A fresh list of the plugins, in kube-apiserver's order. */
export function admissionChain(): AdmissionPlugin[] {
  return [
    NamespaceLifecycle,
    LimitRanger,
    ServiceAccount,
    PodSecurity,
    Priority,
    DefaultTolerationSeconds,
    DefaultStorageClass,
    PersistentVolumeClaimResize,
    RuntimeClass,
    ResourceQuota,
  ];
}
