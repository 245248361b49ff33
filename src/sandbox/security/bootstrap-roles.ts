/**
 * The RBAC objects every cluster starts with, so that bindings to them work in the simulator:
 * the user-facing roles (cluster-admin, admin, edit, view) and the discovery roles bound to all
 * authenticated users. Rules follow
 * plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go (ClusterRoles, ClusterRoleBindings);
 * admin, edit and view are aggregated there from `aggregate-to-*` roles: here they are stored
 * already aggregated, with the resources learners meet.
 */
import type { KubeObject } from "../model/object.js";

/** One PolicyRule of rbac.authorization.k8s.io/v1. */
export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

const READ = ["get", "list", "watch"];
const WRITE = ["create", "delete", "deletecollection", "patch", "update"];

/** Namespaced resources that view may read (bootstrappolicy/policy.go, aggregate-to-view). */
const VIEW: PolicyRule[] = [
  {
    apiGroups: [""],
    resources: [
      "configmaps",
      "endpoints",
      "persistentvolumeclaims",
      "persistentvolumeclaims/status",
      "pods",
      "pods/log",
      "pods/status",
      "replicationcontrollers",
      "replicationcontrollers/scale",
      "replicationcontrollers/status",
      "serviceaccounts",
      "services",
      "services/status",
      "bindings",
      "events",
      "limitranges",
      "resourcequotas",
      "resourcequotas/status",
      "namespaces",
      "namespaces/status",
    ],
    verbs: READ,
  },
  {
    apiGroups: ["apps"],
    resources: [
      "controllerrevisions",
      "daemonsets",
      "daemonsets/status",
      "deployments",
      "deployments/scale",
      "deployments/status",
      "replicasets",
      "replicasets/scale",
      "replicasets/status",
      "statefulsets",
      "statefulsets/scale",
      "statefulsets/status",
    ],
    verbs: READ,
  },
  {
    apiGroups: ["autoscaling"],
    resources: ["horizontalpodautoscalers", "horizontalpodautoscalers/status"],
    verbs: READ,
  },
  { apiGroups: ["batch"], resources: ["cronjobs", "cronjobs/status", "jobs", "jobs/status"], verbs: READ },
  { apiGroups: ["policy"], resources: ["poddisruptionbudgets", "poddisruptionbudgets/status"], verbs: READ },
  { apiGroups: ["networking.k8s.io"], resources: ["ingresses", "ingresses/status", "networkpolicies"], verbs: READ },
  { apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"], verbs: READ },
];

/** What edit adds to view (aggregate-to-edit): writes to workloads, secrets, and pod exec. */
const EDIT: PolicyRule[] = [
  {
    apiGroups: [""],
    resources: ["pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "secrets", "services/proxy"],
    verbs: READ,
  },
  { apiGroups: [""], resources: ["serviceaccounts"], verbs: ["impersonate"] },
  {
    apiGroups: [""],
    resources: [
      "pods",
      "pods/attach",
      "pods/exec",
      "pods/portforward",
      "pods/proxy",
      "configmaps",
      "endpoints",
      "persistentvolumeclaims",
      "replicationcontrollers",
      "replicationcontrollers/scale",
      "secrets",
      "serviceaccounts",
      "services",
      "services/proxy",
    ],
    verbs: WRITE,
  },
  { apiGroups: [""], resources: ["pods/eviction", "serviceaccounts/token"], verbs: ["create"] },
  {
    apiGroups: ["apps"],
    resources: [
      "daemonsets",
      "deployments",
      "deployments/rollback",
      "deployments/scale",
      "replicasets",
      "replicasets/scale",
      "statefulsets",
      "statefulsets/scale",
    ],
    verbs: WRITE,
  },
  { apiGroups: ["autoscaling"], resources: ["horizontalpodautoscalers"], verbs: WRITE },
  { apiGroups: ["batch"], resources: ["cronjobs", "jobs"], verbs: WRITE },
  { apiGroups: ["policy"], resources: ["poddisruptionbudgets"], verbs: WRITE },
  { apiGroups: ["networking.k8s.io"], resources: ["ingresses", "networkpolicies"], verbs: WRITE },
];

/** What admin adds to edit (aggregate-to-admin): Roles and RoleBindings in the namespace. */
const ADMIN: PolicyRule[] = [
  { apiGroups: ["authorization.k8s.io"], resources: ["localsubjectaccessreviews"], verbs: ["create"] },
  { apiGroups: ["rbac.authorization.k8s.io"], resources: ["rolebindings", "roles"], verbs: [...READ, ...WRITE] },
];

const DISCOVERY_URLS = [
  "/api",
  "/api/*",
  "/apis",
  "/apis/*",
  "/healthz",
  "/livez",
  "/openapi",
  "/openapi/*",
  "/readyz",
  "/version",
  "/version/",
];

const BOOTSTRAP_ROLES: Record<string, PolicyRule[]> = {
  "cluster-admin": [
    { apiGroups: ["*"], resources: ["*"], verbs: ["*"] },
    { nonResourceURLs: ["*"], verbs: ["*"] },
  ],
  admin: [...VIEW, ...EDIT, ...ADMIN],
  edit: [...VIEW, ...EDIT],
  view: VIEW,
  "system:discovery": [{ nonResourceURLs: DISCOVERY_URLS, verbs: ["get"] }],
  "system:public-info-viewer": [
    { nonResourceURLs: ["/healthz", "/livez", "/readyz", "/version", "/version/"], verbs: ["get"] },
  ],
  "system:basic-user": [
    {
      apiGroups: ["authorization.k8s.io"],
      resources: ["selfsubjectaccessreviews", "selfsubjectrulesreviews"],
      verbs: ["create"],
    },
    { apiGroups: ["authentication.k8s.io"], resources: ["selfsubjectreviews"], verbs: ["create"] },
  ],
};

const BOOTSTRAP_BINDINGS: { name: string; role: string; groups: string[] }[] = [
  { name: "cluster-admin", role: "cluster-admin", groups: ["system:masters"] },
  { name: "system:discovery", role: "system:discovery", groups: ["system:authenticated"] },
  { name: "system:basic-user", role: "system:basic-user", groups: ["system:authenticated"] },
  {
    name: "system:public-info-viewer",
    role: "system:public-info-viewer",
    groups: ["system:authenticated", "system:unauthenticated"],
  },
];

const BOOTSTRAP_LABELS = { "kubernetes.io/bootstrapping": "rbac-defaults" };

/** Names of the bootstrap ClusterRoles (findings skip them as "the input's" grants). */
export const BOOTSTRAP_ROLE_NAMES: ReadonlySet<string> = new Set(Object.keys(BOOTSTRAP_ROLES));

/** The bootstrap ClusterRoles as v1 objects. */
export function bootstrapClusterRoles(): KubeObject[] {
  return Object.entries(BOOTSTRAP_ROLES).map(([name, rules]) => ({
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRole",
    metadata: { name, labels: { ...BOOTSTRAP_LABELS } },
    rules,
  }));
}

/** The bootstrap ClusterRoleBindings as v1 objects. */
export function bootstrapClusterRoleBindings(): KubeObject[] {
  return BOOTSTRAP_BINDINGS.map((b) => ({
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRoleBinding",
    metadata: { name: b.name, labels: { ...BOOTSTRAP_LABELS } },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: b.role },
    subjects: b.groups.map((g) => ({ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: g })),
  }));
}
