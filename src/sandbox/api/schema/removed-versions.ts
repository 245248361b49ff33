/**
 * API versions that Kubernetes stopped serving, and what replaced them, from the Deprecated API
 * Migration Guide (kubernetes/website content/en/docs/reference/using-api/deprecation-guide.md).
 * Used only for hints: the error itself is kubectl's plain "no matches for kind" text.
 */

/** One removed (apiVersion, kind) pair. */
export interface RemovedVersion {
  apiVersion: string;
  kind: string;
  /** Minor release of Kubernetes 1.x that stopped serving it (for a kind with no replacement: the kind). */
  removedIn: number;
  /** The served apiVersion to use instead; absent when the kind itself is gone. */
  replacement?: string;
  /** Advice for a kind that has no replacement. */
  advice?: string;
}

function removed(kind: string, versions: string[], removedIn: number, replacement: string): RemovedVersion[] {
  return versions.map((apiVersion) => ({ apiVersion, kind, removedIn, replacement }));
}

const PSP_ADVICE =
  "use Pod Security Admission instead: label the namespace with pod-security.kubernetes.io/enforce=baseline (or restricted)";

/** Every removed version the guide lists for the kinds learners meet. */
export const REMOVED_VERSIONS: readonly RemovedVersion[] = [
  // v1.16
  ...removed("Deployment", ["extensions/v1beta1", "apps/v1beta1", "apps/v1beta2"], 16, "apps/v1"),
  ...removed("ReplicaSet", ["extensions/v1beta1", "apps/v1beta1", "apps/v1beta2"], 16, "apps/v1"),
  ...removed("DaemonSet", ["extensions/v1beta1", "apps/v1beta2"], 16, "apps/v1"),
  ...removed("StatefulSet", ["apps/v1beta1", "apps/v1beta2"], 16, "apps/v1"),
  ...removed("ControllerRevision", ["apps/v1beta1", "apps/v1beta2"], 16, "apps/v1"),
  ...removed("NetworkPolicy", ["extensions/v1beta1"], 16, "networking.k8s.io/v1"),
  { apiVersion: "extensions/v1beta1", kind: "PodSecurityPolicy", removedIn: 25, advice: PSP_ADVICE },
  // v1.22
  ...removed("Ingress", ["extensions/v1beta1", "networking.k8s.io/v1beta1"], 22, "networking.k8s.io/v1"),
  ...removed("IngressClass", ["networking.k8s.io/v1beta1"], 22, "networking.k8s.io/v1"),
  ...removed("Role", ["rbac.authorization.k8s.io/v1beta1"], 22, "rbac.authorization.k8s.io/v1"),
  ...removed("ClusterRole", ["rbac.authorization.k8s.io/v1beta1"], 22, "rbac.authorization.k8s.io/v1"),
  ...removed("RoleBinding", ["rbac.authorization.k8s.io/v1beta1"], 22, "rbac.authorization.k8s.io/v1"),
  ...removed("ClusterRoleBinding", ["rbac.authorization.k8s.io/v1beta1"], 22, "rbac.authorization.k8s.io/v1"),
  ...removed("PriorityClass", ["scheduling.k8s.io/v1beta1"], 22, "scheduling.k8s.io/v1"),
  ...removed("StorageClass", ["storage.k8s.io/v1beta1"], 22, "storage.k8s.io/v1"),
  ...removed("CustomResourceDefinition", ["apiextensions.k8s.io/v1beta1"], 22, "apiextensions.k8s.io/v1"),
  // v1.25
  ...removed("CronJob", ["batch/v1beta1"], 25, "batch/v1"),
  ...removed("EndpointSlice", ["discovery.k8s.io/v1beta1"], 25, "discovery.k8s.io/v1"),
  ...removed("Event", ["events.k8s.io/v1beta1"], 25, "events.k8s.io/v1"),
  ...removed("HorizontalPodAutoscaler", ["autoscaling/v2beta1"], 25, "autoscaling/v2"),
  ...removed("PodDisruptionBudget", ["policy/v1beta1"], 25, "policy/v1"),
  ...removed("RuntimeClass", ["node.k8s.io/v1beta1"], 25, "node.k8s.io/v1"),
  { apiVersion: "policy/v1beta1", kind: "PodSecurityPolicy", removedIn: 25, advice: PSP_ADVICE },
  // v1.26
  ...removed("HorizontalPodAutoscaler", ["autoscaling/v2beta2"], 26, "autoscaling/v2"),
];

/** The removal record of (apiVersion, kind), if Kubernetes once served it. */
export function removedVersion(apiVersion: string, kind: string): RemovedVersion | undefined {
  return REMOVED_VERSIONS.find((r) => r.apiVersion === apiVersion && r.kind === kind);
}

/** The learner-facing hint for a removed version. */
export function removedHint(r: RemovedVersion): string {
  if (r.replacement) {
    return `${r.kind} moved to ${r.replacement} (${r.apiVersion} was removed in Kubernetes 1.${r.removedIn})`;
  }
  return `${r.kind} was removed in Kubernetes 1.${r.removedIn} with no replacement kind; ${r.advice ?? ""}`.trimEnd();
}
