import { describe, expect, it } from "vitest";
import { Discovery } from "../../../src/sandbox/api/discovery.js";
import { REMOVED_VERSIONS } from "../../../src/sandbox/api/schema/removed-versions.js";
import { apiVersionOf, SERVED_KINDS } from "../../../src/sandbox/api/schema/served-kinds.js";

const noMatch = (kind: string, apiVersion: string) => `no matches for kind "${kind}" in version "${apiVersion}"`;

describe("Discovery.lookup of removed versions", () => {
  const cases = [
    {
      apiVersion: "extensions/v1beta1",
      kind: "Deployment",
      hint: "Deployment moved to apps/v1 (extensions/v1beta1 was removed in Kubernetes 1.16)",
    },
    {
      apiVersion: "apps/v1beta2",
      kind: "StatefulSet",
      hint: "StatefulSet moved to apps/v1 (apps/v1beta2 was removed in Kubernetes 1.16)",
    },
    {
      apiVersion: "extensions/v1beta1",
      kind: "DaemonSet",
      hint: "DaemonSet moved to apps/v1 (extensions/v1beta1 was removed in Kubernetes 1.16)",
    },
    {
      apiVersion: "extensions/v1beta1",
      kind: "NetworkPolicy",
      hint: "NetworkPolicy moved to networking.k8s.io/v1 (extensions/v1beta1 was removed in Kubernetes 1.16)",
    },
    {
      apiVersion: "extensions/v1beta1",
      kind: "Ingress",
      hint: "Ingress moved to networking.k8s.io/v1 (extensions/v1beta1 was removed in Kubernetes 1.22)",
    },
    {
      apiVersion: "networking.k8s.io/v1beta1",
      kind: "Ingress",
      hint: "Ingress moved to networking.k8s.io/v1 (networking.k8s.io/v1beta1 was removed in Kubernetes 1.22)",
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1beta1",
      kind: "ClusterRoleBinding",
      hint: "ClusterRoleBinding moved to rbac.authorization.k8s.io/v1 (rbac.authorization.k8s.io/v1beta1 was removed in Kubernetes 1.22)",
    },
    {
      apiVersion: "apiextensions.k8s.io/v1beta1",
      kind: "CustomResourceDefinition",
      hint: "CustomResourceDefinition moved to apiextensions.k8s.io/v1 (apiextensions.k8s.io/v1beta1 was removed in Kubernetes 1.22)",
    },
    {
      apiVersion: "batch/v1beta1",
      kind: "CronJob",
      hint: "CronJob moved to batch/v1 (batch/v1beta1 was removed in Kubernetes 1.25)",
    },
    {
      apiVersion: "autoscaling/v2beta1",
      kind: "HorizontalPodAutoscaler",
      hint: "HorizontalPodAutoscaler moved to autoscaling/v2 (autoscaling/v2beta1 was removed in Kubernetes 1.25)",
    },
    {
      apiVersion: "autoscaling/v2beta2",
      kind: "HorizontalPodAutoscaler",
      hint: "HorizontalPodAutoscaler moved to autoscaling/v2 (autoscaling/v2beta2 was removed in Kubernetes 1.26)",
    },
    {
      apiVersion: "policy/v1beta1",
      kind: "PodDisruptionBudget",
      hint: "PodDisruptionBudget moved to policy/v1 (policy/v1beta1 was removed in Kubernetes 1.25)",
    },
    {
      apiVersion: "policy/v1beta1",
      kind: "PodSecurityPolicy",
      hint: "PodSecurityPolicy was removed in Kubernetes 1.25 with no replacement kind; use Pod Security Admission instead: label the namespace with pod-security.kubernetes.io/enforce=baseline (or restricted)",
    },
  ];
  it.each(cases)("$kind in $apiVersion → no matches + hint", ({ apiVersion, kind, hint }) => {
    expect(new Discovery().lookup(apiVersion, kind)).toEqual({ error: noMatch(kind, apiVersion), hint });
  });

  it("every removed version is unserved and its replacement is served", () => {
    const d = new Discovery();
    for (const r of REMOVED_VERSIONS) {
      expect("error" in d.lookup(r.apiVersion, r.kind)).toBe(true);
      if (r.replacement) expect(d.lookup(r.replacement, r.kind)).toHaveProperty("info.kind", r.kind);
    }
  });
});

describe("Discovery.lookup of other unserved pairs", () => {
  const cases = [
    {
      name: "unknown kind",
      apiVersion: "monitoring.coreos.com/v1",
      kind: "ServiceMonitor",
      hint: "no such kind in Kubernetes v1.34; if it is a custom resource, include its CRD",
    },
    {
      name: "known kind in the wrong group",
      apiVersion: "v1",
      kind: "Deployment",
      hint: "Deployment is served as apps/v1; v1 is not one of its versions",
    },
    {
      name: "kind with two served versions",
      apiVersion: "autoscaling/v3",
      kind: "HorizontalPodAutoscaler",
      hint: "HorizontalPodAutoscaler is served as autoscaling/v2 or autoscaling/v1; autoscaling/v3 is not one of its versions",
    },
    {
      name: "wrong case",
      apiVersion: "apps/v1",
      kind: "deployment",
      hint: 'kinds are case-sensitive: did you mean "Deployment" (apps/v1)?',
    },
  ];
  it.each(cases)("$name", ({ apiVersion, kind, hint }) => {
    expect(new Discovery().lookup(apiVersion, kind)).toEqual({ error: noMatch(kind, apiVersion), hint });
  });
});

describe("served kinds", () => {
  it("every served kind is found by its apiVersion and kind", () => {
    const d = new Discovery();
    for (const k of SERVED_KINDS) {
      const found = d.lookup(apiVersionOf(k), k.kind);
      expect(found).toHaveProperty("info.resource", k.resource);
    }
  });

  const table = [
    { apiVersion: "v1", kind: "ReplicationController", resource: "replicationcontrollers", namespaced: true },
    { apiVersion: "v1", kind: "Endpoints", resource: "endpoints", namespaced: true },
    { apiVersion: "v1", kind: "PersistentVolume", resource: "persistentvolumes", namespaced: false },
    { apiVersion: "v1", kind: "Namespace", resource: "namespaces", namespaced: false },
    { apiVersion: "networking.k8s.io/v1", kind: "Ingress", resource: "ingresses", namespaced: true },
    { apiVersion: "networking.k8s.io/v1", kind: "IngressClass", resource: "ingressclasses", namespaced: false },
    { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", resource: "networkpolicies", namespaced: true },
    { apiVersion: "storage.k8s.io/v1", kind: "StorageClass", resource: "storageclasses", namespaced: false },
    { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", resource: "clusterroles", namespaced: false },
    { apiVersion: "scheduling.k8s.io/v1", kind: "PriorityClass", resource: "priorityclasses", namespaced: false },
    { apiVersion: "policy/v1", kind: "PodDisruptionBudget", resource: "poddisruptionbudgets", namespaced: true },
    {
      apiVersion: "apiextensions.k8s.io/v1",
      kind: "CustomResourceDefinition",
      resource: "customresourcedefinitions",
      namespaced: false,
    },
  ];
  it.each(table)("$kind ($apiVersion) is $resource", ({ apiVersion, kind, resource, namespaced }) => {
    expect(new Discovery().lookup(apiVersion, kind)).toMatchObject({ info: { resource, namespaced } });
  });

  it("byKind returns the preferred version", () => {
    const d = new Discovery();
    expect(d.byKind("HorizontalPodAutoscaler")?.version).toBe("v2");
    expect(d.byKind("Event")?.group).toBe("");
    expect(d.byKind("deployment")).toBeUndefined();
  });

  it.each([
    ["deploy", "Deployment"],
    ["Deployments", "Deployment"],
    ["deployments.apps", "Deployment"],
    ["svc", "Service"],
    ["hpa", "HorizontalPodAutoscaler"],
    ["pvc", "PersistentVolumeClaim"],
    ["netpol", "NetworkPolicy"],
    ["cronjob", "CronJob"],
  ])("resolve(%s) → %s", (name, kind) => {
    expect(new Discovery().resolve(name)?.kind).toBe(kind);
  });

  it("resolve of an unknown name is undefined", () => {
    expect(new Discovery().resolve("widgets")).toBeUndefined();
  });
});

describe("Discovery instances", () => {
  it("start from the same built-in kinds and keep their own registrations", () => {
    const a = new Discovery();
    const b = new Discovery();
    expect(a.all()).toEqual(b.all());
    expect(a.all().length).toBeGreaterThan(0);
    const custom = {
      ...SERVED_KINDS[0],
      group: "example.com",
      version: "v1",
      kind: "Widget",
      resource: "widgets",
      shortNames: [],
    };
    a.register(custom as (typeof SERVED_KINDS)[number]);
    expect("info" in a.lookup("example.com/v1", "Widget")).toBe(true);
    expect("info" in b.lookup("example.com/v1", "Widget")).toBe(false);
    expect(new Discovery().resolve("widgets")).toBeUndefined();
    expect(a.resolve("widgets")?.kind).toBe("Widget");
  });
});
