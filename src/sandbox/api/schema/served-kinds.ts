/**
 * The built-in kinds the simulated cluster serves, as `kubectl api-resources` lists them on a
 * Kubernetes v1.34 cluster: group, version, kind, plural resource, scope and short names.
 * Preferred versions come first, so a lookup by kind alone finds the one kubectl would use.
 * Resource names and scopes: each type's REST storage in kubernetes/kubernetes
 * pkg/registry/<group>/<resource>/storage/storage.go (ShortNames, NamespaceScoped).
 */
import type { KindInfo } from "../types.js";

/** A served built-in kind and the short names kubectl accepts for it (`deploy`, `svc`). */
export interface ServedKind extends KindInfo {
  shortNames: readonly string[];
}

function kind(
  apiVersion: string,
  name: string,
  resource: string,
  namespaced: boolean,
  shortNames: readonly string[] = [],
): ServedKind {
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  return { group, version, kind: name, resource, namespaced, shortNames };
}

/** Every built-in kind served, preferred version of each group first. */
export const SERVED_KINDS: readonly ServedKind[] = [
  kind("v1", "Pod", "pods", true, ["po"]),
  kind("v1", "Service", "services", true, ["svc"]),
  kind("v1", "ConfigMap", "configmaps", true, ["cm"]),
  kind("v1", "Secret", "secrets", true),
  kind("v1", "Namespace", "namespaces", false, ["ns"]),
  kind("v1", "Node", "nodes", false, ["no"]),
  kind("v1", "ServiceAccount", "serviceaccounts", true, ["sa"]),
  kind("v1", "PersistentVolume", "persistentvolumes", false, ["pv"]),
  kind("v1", "PersistentVolumeClaim", "persistentvolumeclaims", true, ["pvc"]),
  kind("v1", "LimitRange", "limitranges", true, ["limits"]),
  kind("v1", "ResourceQuota", "resourcequotas", true, ["quota"]),
  kind("v1", "Endpoints", "endpoints", true, ["ep"]),
  kind("v1", "Event", "events", true, ["ev"]),
  kind("v1", "ReplicationController", "replicationcontrollers", true, ["rc"]),
  kind("v1", "PodTemplate", "podtemplates", true),
  kind("apps/v1", "Deployment", "deployments", true, ["deploy"]),
  kind("apps/v1", "ReplicaSet", "replicasets", true, ["rs"]),
  kind("apps/v1", "StatefulSet", "statefulsets", true, ["sts"]),
  kind("apps/v1", "DaemonSet", "daemonsets", true, ["ds"]),
  kind("apps/v1", "ControllerRevision", "controllerrevisions", true),
  kind("batch/v1", "Job", "jobs", true),
  kind("batch/v1", "CronJob", "cronjobs", true, ["cj"]),
  kind("autoscaling/v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true, ["hpa"]),
  kind("autoscaling/v1", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true, ["hpa"]),
  kind("networking.k8s.io/v1", "Ingress", "ingresses", true, ["ing"]),
  kind("networking.k8s.io/v1", "IngressClass", "ingressclasses", false),
  kind("networking.k8s.io/v1", "NetworkPolicy", "networkpolicies", true, ["netpol"]),
  kind("discovery.k8s.io/v1", "EndpointSlice", "endpointslices", true),
  kind("events.k8s.io/v1", "Event", "events", true, ["ev"]),
  kind("storage.k8s.io/v1", "StorageClass", "storageclasses", false, ["sc"]),
  kind("rbac.authorization.k8s.io/v1", "Role", "roles", true),
  kind("rbac.authorization.k8s.io/v1", "ClusterRole", "clusterroles", false),
  kind("rbac.authorization.k8s.io/v1", "RoleBinding", "rolebindings", true),
  kind("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "clusterrolebindings", false),
  kind("node.k8s.io/v1", "RuntimeClass", "runtimeclasses", false),
  kind("scheduling.k8s.io/v1", "PriorityClass", "priorityclasses", false, ["pc"]),
  kind("policy/v1", "PodDisruptionBudget", "poddisruptionbudgets", true, ["pdb"]),
  kind("apiextensions.k8s.io/v1", "CustomResourceDefinition", "customresourcedefinitions", false, ["crd", "crds"]),
];

/** `group/version`, or just the version for the core group. */
export function apiVersionOf(info: { group: string; version: string }): string {
  return info.group ? `${info.group}/${info.version}` : info.version;
}
