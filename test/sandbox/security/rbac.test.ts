import { describe, expect, it } from "vitest";
import { ObjectStore } from "../../../src/sandbox/api/store.js";
import type { KubeObject } from "../../../src/sandbox/model/object.js";
import { type AccessRequest, canI, type RbacSubject } from "../../../src/sandbox/security/rbac.js";
import { rbacFindings } from "../../../src/sandbox/security/rbac-findings.js";

const RBAC = "rbac.authorization.k8s.io/v1";

function role(
  kind: "Role" | "ClusterRole",
  name: string,
  rules: unknown[],
  ns?: string,
  extra: object = {},
): KubeObject {
  return { apiVersion: RBAC, kind, metadata: { name, ...(ns ? { namespace: ns } : {}) }, rules, ...extra };
}

function binding(
  kind: "RoleBinding" | "ClusterRoleBinding",
  name: string,
  roleRef: { kind: string; name: string },
  subjects: unknown[],
  ns?: string,
): KubeObject {
  return {
    apiVersion: RBAC,
    kind,
    metadata: { name, ...(ns ? { namespace: ns } : {}) },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", ...roleRef },
    subjects,
  };
}

function storeOf(objs: KubeObject[]): ObjectStore {
  const s = new ObjectStore();
  for (const o of objs) s.add(o);
  return s;
}

const alice: RbacSubject = { kind: "User", name: "alice" };
const appSa: RbacSubject = { kind: "ServiceAccount", namespace: "dev", name: "app" };

const fixture = storeOf([
  role("Role", "pod-reader", [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list"] }], "dev"),
  binding("RoleBinding", "read-pods", { kind: "Role", name: "pod-reader" }, [{ kind: "User", name: "alice" }], "dev"),
  binding(
    "RoleBinding",
    "app-edit",
    { kind: "ClusterRole", name: "edit" },
    [{ kind: "ServiceAccount", name: "app", namespace: "dev" }],
    "dev",
  ),
  binding("ClusterRoleBinding", "ops-view", { kind: "ClusterRole", name: "view" }, [{ kind: "Group", name: "ops" }]),
  role("ClusterRole", "logs", [{ apiGroups: [""], resources: ["pods/log"], verbs: ["get"], resourceNames: ["web-0"] }]),
  binding("ClusterRoleBinding", "bob-logs", { kind: "ClusterRole", name: "logs" }, [{ kind: "User", name: "bob" }]),
]);

describe("canI", () => {
  const cases: {
    name: string;
    req: AccessRequest;
    who: RbacSubject;
    allowed: boolean;
    by?: string;
    message?: string;
  }[] = [
    {
      name: "Role through a RoleBinding grants in its namespace",
      req: { verb: "list", resource: "pods", namespace: "dev" },
      who: alice,
      allowed: true,
      by: "RoleBinding/dev/read-pods → Role/pod-reader",
    },
    {
      name: "the same Role does not grant in another namespace (upstream Forbidden text, list without name)",
      req: { verb: "list", resource: "pods", namespace: "prod" },
      who: alice,
      allowed: false,
      message: 'pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "prod"',
    },
    {
      name: "verbs not in the rule are refused, with the name in the message",
      req: { verb: "delete", resource: "pods", namespace: "dev", name: "web" },
      who: alice,
      allowed: false,
      message:
        'pods "web" is forbidden: User "alice" cannot delete resource "pods" in API group "" in the namespace "dev"',
    },
    {
      name: "ClusterRole edit through a RoleBinding grants deployments in that namespace",
      req: { verb: "create", resource: "deployments", group: "apps", namespace: "dev" },
      who: appSa,
      allowed: true,
      by: "RoleBinding/dev/app-edit → ClusterRole/edit",
    },
    {
      name: "a service account's refusal names system:serviceaccount and the qualified resource",
      req: { verb: "list", resource: "deployments", group: "apps", namespace: "kube-system" },
      who: appSa,
      allowed: false,
      message:
        'deployments.apps is forbidden: User "system:serviceaccount:dev:app" cannot list resource "deployments" in API group "apps" in the namespace "kube-system"',
    },
    {
      name: "ClusterRoleBinding to a group grants everywhere",
      req: { verb: "get", resource: "services", namespace: "kube-system", name: "kube-dns" },
      who: { kind: "User", name: "carol", groups: ["ops"] },
      allowed: true,
      by: "ClusterRoleBinding/ops-view → ClusterRole/view",
    },
    {
      name: "view cannot read secrets",
      req: { verb: "get", resource: "secrets", namespace: "dev" },
      who: { kind: "Group", name: "ops" },
      allowed: false,
    },
    {
      name: "cluster-scoped refusal ends with at the cluster scope",
      req: { verb: "list", resource: "nodes" },
      who: alice,
      allowed: false,
      message: 'nodes is forbidden: User "alice" cannot list resource "nodes" in API group "" at the cluster scope',
    },
    {
      name: "system:masters holds cluster-admin through the bootstrap binding",
      req: { verb: "delete", resource: "nodes", name: "node-a" },
      who: { kind: "User", name: "root", groups: ["system:masters"] },
      allowed: true,
      by: "ClusterRoleBinding/cluster-admin → ClusterRole/cluster-admin",
    },
    {
      name: "every authenticated user may read discovery paths",
      req: { verb: "get", nonResourceURL: "/apis/apps" },
      who: alice,
      allowed: true,
      by: "ClusterRoleBinding/system:discovery → ClusterRole/system:discovery",
    },
    {
      name: "resourceNames limit a subresource grant to the named object",
      req: { verb: "get", resource: "pods", subresource: "log", namespace: "dev", name: "web-0" },
      who: { kind: "User", name: "bob" },
      allowed: true,
    },
    {
      name: "… and refuse any other name, showing resource/subresource",
      req: { verb: "get", resource: "pods", subresource: "log", namespace: "dev", name: "web-1" },
      who: { kind: "User", name: "bob" },
      allowed: false,
      message:
        'pods "web-1" is forbidden: User "bob" cannot get resource "pods/log" in API group "" in the namespace "dev"',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const d = canI(c.req, c.who, fixture);
      expect(d.allowed).toBe(c.allowed);
      if (c.by) expect(d.by).toBe(c.by);
      if (c.message) expect(d.message).toBe(c.message);
      if (c.allowed) expect(d.message).toBe("yes");
    });
  }

  it("aggregated ClusterRoles collect the rules of the roles their selectors match", () => {
    const store = storeOf([
      role("ClusterRole", "monitoring", [], undefined, {
        aggregationRule: {
          clusterRoleSelectors: [{ matchLabels: { "rbac.example.com/aggregate-to-monitoring": "true" } }],
        },
      }),
      {
        ...role("ClusterRole", "monitoring-endpoints", [{ apiGroups: [""], resources: ["endpoints"], verbs: ["get"] }]),
        metadata: { name: "monitoring-endpoints", labels: { "rbac.example.com/aggregate-to-monitoring": "true" } },
      },
      binding("ClusterRoleBinding", "mon", { kind: "ClusterRole", name: "monitoring" }, [
        { kind: "User", name: "prom" },
      ]),
    ]);
    const d = canI({ verb: "get", resource: "endpoints", namespace: "x" }, { kind: "User", name: "prom" }, store);
    expect(d).toEqual({ allowed: true, by: "ClusterRoleBinding/mon → ClusterRole/monitoring", message: "yes" });
  });
});

describe("rbacFindings", () => {
  it("flags wildcards, escalation verbs, cluster-admin bindings, default SA grants and missing roles", () => {
    const store = storeOf([
      role("ClusterRole", "god", [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }]),
      role("ClusterRole", "binder", [
        { apiGroups: ["rbac.authorization.k8s.io"], resources: ["clusterroles"], verbs: ["bind", "escalate"] },
      ]),
      binding(
        "RoleBinding",
        "ci-admin",
        { kind: "ClusterRole", name: "cluster-admin" },
        [{ kind: "ServiceAccount", name: "deployer", namespace: "ci" }],
        "ci",
      ),
      binding(
        "RoleBinding",
        "default-edit",
        { kind: "ClusterRole", name: "edit" },
        [{ kind: "ServiceAccount", name: "default", namespace: "web" }],
        "web",
      ),
      binding("RoleBinding", "ghost", { kind: "Role", name: "nope" }, [{ kind: "User", name: "x" }], "web"),
    ]);
    const messages = rbacFindings(store).map((f) => `${f.object}: ${f.message}`);
    expect(messages.some((m) => m.startsWith("ClusterRole/god: grants every verb"))).toBe(true);
    expect(messages.some((m) => m.startsWith('ClusterRole/binder: grants "bind"'))).toBe(true);
    expect(messages.some((m) => m.startsWith('ClusterRole/binder: grants "escalate"'))).toBe(true);
    expect(
      messages.some((m) => m.startsWith("RoleBinding/ci/ci-admin: binds cluster-admin to ServiceAccount ci/deployer")),
    ).toBe(true);
    expect(messages.some((m) => m.includes("default ServiceAccount of web"))).toBe(true);
    expect(messages.some((m) => m.startsWith("RoleBinding/web/ghost: refers to Role/nope, which does not exist"))).toBe(
      true,
    );
  });

  it("names the escalation path of pod creation next to a cluster-admin service account", () => {
    const store = storeOf([
      binding("ClusterRoleBinding", "robot-admin", { kind: "ClusterRole", name: "cluster-admin" }, [
        { kind: "ServiceAccount", name: "robot", namespace: "tools" },
      ]),
      binding(
        "RoleBinding",
        "dev-edit",
        { kind: "ClusterRole", name: "edit" },
        [{ kind: "User", name: "dave" }],
        "tools",
      ),
    ]);
    const path = rbacFindings(store).find((f) => f.message.includes("escalation path"));
    expect(path?.message).toBe(
      'User "dave" can create pods in tools, where ServiceAccount robot holds cluster-admin: a pod that names serviceAccountName: robot gets it (escalation path)',
    );
  });

  it("says nothing about the cluster's own bootstrap roles", () => {
    expect(rbacFindings(new ObjectStore())).toEqual([]);
  });
});
