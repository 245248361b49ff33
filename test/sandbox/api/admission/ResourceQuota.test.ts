import { describe, expect, it } from "vitest";
import { ResourceQuota } from "../../../../src/sandbox/api/admission/ResourceQuota.js";
import type { KubeObject } from "../../../../src/sandbox/model/object.js";
import { attrs, container, context, pod, quota } from "./fixtures.js";

function check(stored: KubeObject[], object: KubeObject) {
  const ctx = context();
  for (const o of stored) ctx.store.add(o);
  return ResourceQuota.validate?.(attrs(object), ctx);
}

const sized = (name: string, cpu: string, memory = "64Mi", extra: Record<string, unknown> = {}) =>
  pod(name, [container({ requests: { cpu, memory }, limits: { cpu, memory } })], extra);

describe("ResourceQuota exceeded", () => {
  it("GIVEN requests.cpu=1 and 800m used THEN a 400m pod gets upstream's exact text", () => {
    const got = check(
      [quota("compute", { "requests.cpu": "1" }), sized("a", "400m"), sized("b", "400m")],
      pod("api-7c9d8f6b5-x2x7q", [container({ requests: { cpu: "400m" } })]),
    );
    expect(got).toEqual({
      reason: "Forbidden",
      message:
        'pods "api-7c9d8f6b5-x2x7q" is forbidden: exceeded quota: compute, requested: requests.cpu=400m, used: requests.cpu=800m, limited: requests.cpu=1',
    });
  });

  it("GIVEN two exceeded resources THEN they are listed sorted and comma-joined, the others left out", () => {
    const got = check(
      [quota("q", { "requests.memory": "1Gi", "limits.cpu": "1", pods: "10" }), sized("a", "800m", "768Mi")],
      sized("b", "400m", "512Mi"),
    );
    expect(got?.message).toBe(
      'pods "b" is forbidden: exceeded quota: q, requested: limits.cpu=400m,requests.memory=512Mi, used: limits.cpu=800m,requests.memory=768Mi, limited: limits.cpu=1,requests.memory=1Gi',
    );
  });

  it.each([
    [
      "pods count",
      { pods: "2" },
      [sized("a", "1"), sized("b", "1")],
      "requested: pods=1, used: pods=2, limited: pods=2",
    ],
    [
      "count/pods",
      { "count/pods": "1" },
      [sized("a", "1")],
      "requested: count/pods=1, used: count/pods=1, limited: count/pods=1",
    ],
    ["cpu alias", { cpu: "1" }, [sized("a", "1")], "requested: cpu=1, used: cpu=1, limited: cpu=1"],
  ])("GIVEN a quota on %s THEN the next pod is refused", (_name, hard, stored, tail) => {
    expect(check([quota("q", hard), ...stored], sized("c", "1"))?.message).toBe(
      `pods "c" is forbidden: exceeded quota: q, ${tail}`,
    );
  });

  it("GIVEN terminal pods THEN they do not use compute quota", () => {
    const done = { ...sized("done", "1"), status: { phase: "Succeeded" } };
    expect(check([quota("q", { "requests.cpu": "1", pods: "1" }), done], sized("c", "1"))).toBeUndefined();
  });

  it("GIVEN other namespaces' pods THEN they are not counted", () => {
    const elsewhere = pod("x", [container({ requests: { cpu: "1" }, limits: { cpu: "1" } })], {}, "other");
    expect(check([quota("q", { "requests.cpu": "1" }), elsewhere], sized("c", "1"))).toBeUndefined();
  });
});

describe("ResourceQuota constraints", () => {
  it("GIVEN a quota on cpu and memory THEN containers without them are named", () => {
    const p = pod("web", [container({ name: "app", requests: { cpu: "100m" } }), container({ name: "log" })]);
    expect(check([quota("compute", { "requests.cpu": "1", "limits.memory": "1Gi" })], p)).toEqual({
      reason: "Forbidden",
      message:
        'pods "web" is forbidden: failed quota: compute: must specify limits.memory for: app,log; requests.cpu for: log',
    });
  });

  it("GIVEN a quota only on pods THEN no container needs resources", () => {
    expect(check([quota("count", { pods: "5" })], pod("web"))).toBeUndefined();
  });
});

describe("ResourceQuota scopes", () => {
  const best = pod("be");
  const burst = sized("burst", "100m");
  it.each([
    ["BestEffort quota, best-effort pod", { scopes: ["BestEffort"] }, [best], best, true],
    ["BestEffort quota, burstable pod", { scopes: ["BestEffort"] }, [best], burst, false],
    ["NotBestEffort quota, burstable pod", { scopes: ["NotBestEffort"] }, [burst], sized("b2", "100m"), true],
    ["Terminating quota, pod without deadline", { scopes: ["Terminating"] }, [best], pod("p2"), false],
    [
      "Terminating quota, pod with deadline",
      { scopes: ["Terminating"] },
      [pod("j1", undefined, { activeDeadlineSeconds: 60 })],
      pod("j2", undefined, { activeDeadlineSeconds: 60 }),
      true,
    ],
    [
      "PriorityClass In selector, matching pod",
      { scopeSelector: { matchExpressions: [{ scopeName: "PriorityClass", operator: "In", values: ["high"] }] } },
      [pod("h1", undefined, { priorityClassName: "high" })],
      pod("h2", undefined, { priorityClassName: "high" }),
      true,
    ],
    [
      "PriorityClass In selector, other pod",
      { scopeSelector: { matchExpressions: [{ scopeName: "PriorityClass", operator: "In", values: ["high"] }] } },
      [pod("h1", undefined, { priorityClassName: "high" })],
      pod("l1", undefined, { priorityClassName: "low" }),
      false,
    ],
  ])("GIVEN %s THEN refused=%s", (_name, extra, stored, object, refused) => {
    const got = check([quota("scoped", { pods: "1" }, extra), ...stored], object);
    expect(got !== undefined).toBe(refused);
    if (refused) expect(got?.message).toContain("exceeded quota: scoped, requested: pods=1, used: pods=1");
  });
});

describe("ResourceQuota other kinds", () => {
  const svc = (name: string, type = "ClusterIP", ports = 1): KubeObject => ({
    apiVersion: "v1",
    kind: "Service",
    metadata: { name, namespace: "default" },
    spec: { type, ports: Array.from({ length: ports }, (_, i) => ({ port: 80 + i })) },
  });

  it.each([
    [
      "services",
      { services: "1" },
      [svc("a")],
      svc("b"),
      "requested: services=1, used: services=1, limited: services=1",
    ],
    [
      "services.nodeports",
      { "services.nodeports": "2" },
      [svc("a", "NodePort")],
      svc("b", "NodePort", 2),
      "requested: services.nodeports=2, used: services.nodeports=1, limited: services.nodeports=2",
    ],
    [
      "services.loadbalancers",
      { "services.loadbalancers": "0" },
      [],
      svc("lb", "LoadBalancer"),
      "requested: services.loadbalancers=1, used: services.loadbalancers=0, limited: services.loadbalancers=0",
    ],
    [
      "count/configmaps",
      { "count/configmaps": "1" },
      [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a", namespace: "default" } }],
      { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "b", namespace: "default" } },
      "requested: count/configmaps=1, used: count/configmaps=1, limited: count/configmaps=1",
    ],
    [
      "count/deployments.apps",
      { "count/deployments.apps": "0" },
      [],
      { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "d", namespace: "default" }, spec: {} },
      "requested: count/deployments.apps=1, used: count/deployments.apps=0, limited: count/deployments.apps=0",
    ],
  ])("GIVEN a quota on %s THEN the object is refused", (_name, hard, stored, object, tail) => {
    const got = check([quota("q", hard), ...stored], object);
    expect(got?.message).toBe(
      `${object.kind === "Deployment" ? "deployments.apps" : `${object.kind.toLowerCase()}s`} "${object.metadata.name}" is forbidden: exceeded quota: q, ${tail}`,
    );
  });

  it("GIVEN requests.storage THEN claims add up", () => {
    const claim = (name: string, size: string): KubeObject => ({
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: { name, namespace: "default" },
      spec: { storageClassName: "fast", resources: { requests: { storage: size } } },
    });
    const got = check(
      [quota("storage", { "requests.storage": "10Gi", persistentvolumeclaims: "5" }), claim("a", "8Gi")],
      claim("b", "4Gi"),
    );
    expect(got?.message).toBe(
      'persistentvolumeclaims "b" is forbidden: exceeded quota: storage, requested: requests.storage=4Gi, used: requests.storage=8Gi, limited: requests.storage=10Gi',
    );
    const byClass = check(
      [quota("fast", { "fast.storageclass.storage.k8s.io/requests.storage": "5Gi" })],
      claim("c", "6Gi"),
    );
    expect(byClass?.message).toContain("requested: fast.storageclass.storage.k8s.io/requests.storage=6Gi");
  });
});
