import { describe, expect, it } from "vitest";
import { errorsOf, updateErrorsOf } from "./check.js";

const GROUP = "rbac.authorization.k8s.io";

function role(rules: unknown[], kind = "Role") {
  return { apiVersion: `${GROUP}/v1`, kind, metadata: { name: "r" }, rules };
}

function binding(subjects: unknown[], roleRef: Record<string, unknown>, kind = "RoleBinding") {
  return { apiVersion: `${GROUP}/v1`, kind, metadata: { name: "b" }, subjects, roleRef };
}

const podReader = { kind: "Role", name: "pod-reader", apiGroup: GROUP };

describe("RBAC validation (pkg/apis/rbac/validation)", () => {
  it("GIVEN a complete resource rule THEN the Role is valid", () => {
    expect(errorsOf(role([{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }]))).toEqual([]);
  });

  it("GIVEN a resource rule without apiGroups or verbs THEN both are required", () => {
    expect(errorsOf(role([{ resources: ["pods"] }]))).toEqual([
      "rules[0].verbs: Required value: verbs must contain at least one value",
      "rules[0].apiGroups: Required value: resource rules must supply at least one api group",
    ]);
  });

  it("GIVEN a rule without resources and resourceNames over two resources THEN each is reported", () => {
    expect(errorsOf(role([{ apiGroups: [""], verbs: ["get"] }]))).toEqual([
      "rules[0].resources: Required value: resource rules must supply at least one resource",
    ]);
    expect(
      errorsOf(role([{ apiGroups: [""], resources: ["pods", "secrets"], resourceNames: ["x"], verbs: ["get"] }])),
    ).toEqual(["rules[0].resourceNames: Required value: resource names cannot apply to multiple resources"]);
  });

  it("GIVEN nonResourceURLs THEN a Role refuses them and a ClusterRole refuses mixing them with resources", () => {
    expect(errorsOf(role([{ nonResourceURLs: ["/healthz"], verbs: ["get"] }]))).toEqual([
      'rules[0].nonResourceURLs: Invalid value: []string{"/healthz"}: namespaced rules cannot apply to non-resource URLs',
    ]);
    expect(errorsOf(role([{ nonResourceURLs: ["/healthz"], verbs: ["get"] }], "ClusterRole"))).toEqual([]);
    expect(
      errorsOf(role([{ nonResourceURLs: ["/healthz"], resources: ["pods"], verbs: ["get"] }], "ClusterRole")),
    ).toEqual([
      'rules[0].nonResourceURLs: Invalid value: []string{"/healthz"}: rules cannot apply to both regular resources and non-resource URLs',
    ]);
  });

  it("GIVEN a RoleBinding to a ServiceAccount without apiGroup on roleRef THEN defaulting makes it valid", () => {
    expect(
      errorsOf(binding([{ kind: "ServiceAccount", name: "reader" }], { kind: "Role", name: "pod-reader" })),
    ).toEqual([]);
  });

  it("GIVEN a lower-case subject kind THEN it is not supported", () => {
    expect(errorsOf(binding([{ kind: "serviceaccount", name: "reader" }], podReader))).toEqual([
      'subjects[0].kind: Unsupported value: "serviceaccount": supported values: "ServiceAccount", "User", "Group"',
    ]);
  });

  it("GIVEN a ClusterRoleBinding ServiceAccount subject without namespace THEN namespace is required", () => {
    const crb = binding(
      [{ kind: "ServiceAccount", name: "reader" }],
      { kind: "ClusterRole", name: "view", apiGroup: GROUP },
      "ClusterRoleBinding",
    );
    expect(errorsOf(crb)).toEqual(["subjects[0].namespace: Required value"]);
  });

  it("GIVEN a ClusterRoleBinding to a Role and a User in the core group THEN both are unsupported", () => {
    const crb = binding([{ kind: "User", name: "jane", apiGroup: "" }], podReader, "ClusterRoleBinding");
    expect(errorsOf(crb)).toEqual([
      'roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"',
      'subjects[0].apiGroup: Unsupported value: "": supported values: "rbac.authorization.k8s.io"',
    ]);
  });

  it("GIVEN a roleRef in another group and without name THEN both are reported", () => {
    expect(errorsOf(binding([], { kind: "Role", apiGroup: "example.com" }))).toEqual([
      'roleRef.apiGroup: Unsupported value: "example.com": supported values: "rbac.authorization.k8s.io"',
      "roleRef.name: Required value",
    ]);
  });

  it("GIVEN an existing binding WHEN its roleRef changes THEN the update is invalid", () => {
    const before = binding([{ kind: "User", name: "jane" }], podReader);
    const after = binding([{ kind: "User", name: "jane" }], { ...podReader, name: "other" });
    expect(updateErrorsOf(before, after)).toEqual([
      'roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"Role", Name:"other"}: cannot change roleRef',
    ]);
    expect(updateErrorsOf(before, before)).toEqual([]);
  });
});
