/** Discovery entries for the kinds the validation and defaulting tests use. */
import type { KindInfo } from "../../../../src/sandbox/api/types.js";

const entry = (group: string, version: string, kind: string, resource: string, namespaced = true): KindInfo => ({
  group,
  version,
  kind,
  resource,
  namespaced,
});

/** Kind name → KindInfo. */
export const KINDS: Record<string, KindInfo> = {
  Pod: entry("", "v1", "Pod", "pods"),
  Service: entry("", "v1", "Service", "services"),
  ConfigMap: entry("", "v1", "ConfigMap", "configmaps"),
  Secret: entry("", "v1", "Secret", "secrets"),
  Namespace: entry("", "v1", "Namespace", "namespaces", false),
  Node: entry("", "v1", "Node", "nodes", false),
  PersistentVolumeClaim: entry("", "v1", "PersistentVolumeClaim", "persistentvolumeclaims"),
  PersistentVolume: entry("", "v1", "PersistentVolume", "persistentvolumes", false),
  LimitRange: entry("", "v1", "LimitRange", "limitranges"),
  Deployment: entry("apps", "v1", "Deployment", "deployments"),
  ReplicaSet: entry("apps", "v1", "ReplicaSet", "replicasets"),
  StatefulSet: entry("apps", "v1", "StatefulSet", "statefulsets"),
  DaemonSet: entry("apps", "v1", "DaemonSet", "daemonsets"),
  Job: entry("batch", "v1", "Job", "jobs"),
  CronJob: entry("batch", "v1", "CronJob", "cronjobs"),
  Ingress: entry("networking.k8s.io", "v1", "Ingress", "ingresses"),
  NetworkPolicy: entry("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies"),
  HorizontalPodAutoscaler: entry("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers"),
  PodDisruptionBudget: entry("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets"),
  RoleBinding: entry("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings"),
  Role: entry("rbac.authorization.k8s.io", "v1", "Role", "roles"),
  ClusterRole: entry("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false),
  ClusterRoleBinding: entry("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false),
};

/** The KindInfo of a kind the tests use. */
export function kind(name: string): KindInfo {
  const info = KINDS[name];
  if (!info) throw new Error(`test kind ${name} not listed`);
  return info;
}
