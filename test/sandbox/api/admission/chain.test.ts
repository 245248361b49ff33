import { describe, expect, it } from "vitest";
import { admissionChain } from "../../../../src/sandbox/api/admission/chain.js";
import { ApiServer } from "../../../../src/sandbox/api/server.js";
import { ObjectStore } from "../../../../src/sandbox/api/store.js";
import type { AdmissionPlugin } from "../../../../src/sandbox/api/types.js";
import { SeededRandom } from "../../../../src/sandbox/model/random.js";
import { container, limitRange, namespace, pod, quota } from "./fixtures.js";

function server(extra: AdmissionPlugin[] = []): ApiServer {
  return new ApiServer({
    store: new ObjectStore(),
    random: new SeededRandom(1),
    now: () => 0,
    admission: [...admissionChain(), ...extra],
  });
}

describe("admissionChain", () => {
  it("GIVEN the default chain THEN plugins follow kube-apiserver's AllOrderedPlugins", () => {
    expect(admissionChain().map((p) => p.name)).toEqual([
      "NamespaceLifecycle",
      "LimitRanger",
      "ServiceAccount",
      "PodSecurity",
      "Priority",
      "DefaultTolerationSeconds",
      "DefaultStorageClass",
      "PersistentVolumeClaimResize",
      "RuntimeClass",
      "ResourceQuota",
    ]);
  });
});

describe("admission through the ApiServer", () => {
  it("GIVEN a pod in a namespace nobody created THEN the API answers NotFound", () => {
    const api = server();
    expect(api.create(pod("web", undefined, {}, "team-a"), { origin: "user" })).toEqual({
      ok: false,
      reason: "NotFound",
      message: 'namespaces "team-a" not found',
      kind: "Pod",
      name: "web",
      namespace: "team-a",
    });
    api.create(namespace("team-a"), { origin: "user" });
    expect(api.create(pod("web", undefined, {}, "team-a"), { origin: "user" }).ok).toBe(true);
  });

  it("GIVEN a plain pod THEN the stored pod carries every mutation", () => {
    const api = server();
    api.store.add(limitRange([{ type: "Container", default: { memory: "128Mi" } }]));
    const out = api.create(pod("web"), { origin: "user" });
    if (!out.ok) throw new Error(out.message);
    const spec = out.object.spec;
    expect(spec.serviceAccountName).toBe("default");
    expect(spec.priority).toBe(0);
    expect(spec.containers[0].resources).toEqual({ requests: { memory: "128Mi" }, limits: { memory: "128Mi" } });
    expect(spec.tolerations.map((t: { key: string }) => t.key)).toEqual([
      "node.kubernetes.io/not-ready",
      "node.kubernetes.io/unreachable",
    ]);
    expect(spec.volumes[0].name).toMatch(/^kube-api-access-/);
  });

  it("GIVEN the LimitRange trap THEN pod validation refuses the defaulted limit below the request", () => {
    const api = server();
    api.store.add(limitRange([{ type: "Container", default: { cpu: "500m" } }]));
    const out = api.create(pod("web", [container({ requests: { cpu: "750m" } })]), { origin: "user" });
    expect(out).toMatchObject({
      ok: false,
      reason: "Invalid",
      message:
        'The Pod "web" is invalid: spec.containers[0].resources.requests: Invalid value: "750m": must be less than or equal to cpu limit of 500m',
    });
  });

  it("GIVEN a quota THEN the pod that would exceed it is refused as Forbidden", () => {
    const api = server();
    api.store.add(quota("compute", { "requests.cpu": "1" }));
    const first = api.create(pod("a", [container({ requests: { cpu: "800m" } })]), { origin: "user" });
    expect(first.ok).toBe(true);
    const second = api.create(pod("b", [container({ requests: { cpu: "400m" } })]), { origin: "controller" });
    expect(second).toMatchObject({
      ok: false,
      reason: "Forbidden",
      message:
        'pods "b" is forbidden: exceeded quota: compute, requested: requests.cpu=400m, used: requests.cpu=800m, limited: requests.cpu=1',
    });
  });

  it("GIVEN enforce=restricted THEN a Deployment is created with a warning and its pod is refused", () => {
    const api = server();
    api.create(namespace("secure", { "pod-security.kubernetes.io/enforce": "restricted" }), { origin: "user" });
    const deployment = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", namespace: "secure" },
      spec: {
        selector: { matchLabels: { app: "web" } },
        template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx" }] } },
      },
    };
    const created = api.create(deployment, { origin: "user" });
    expect(created.ok).toBe(true);
    expect(created.ok && created.warnings[0]).toMatch(/^would violate PodSecurity "restricted:latest": /);
    const refused = api.create(pod("web-1", undefined, {}, "secure"), { origin: "controller" });
    expect(refused).toMatchObject({ ok: false, reason: "Forbidden" });
    expect(refused.ok ? "" : refused.message).toMatch(
      /^pods "web-1" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false/,
    );
  });

  it("GIVEN an unknown PriorityClass THEN the pod is refused before validation", () => {
    const api = server();
    const out = api.create(pod("web", undefined, { priorityClassName: "gold" }), { origin: "user" });
    expect(out).toMatchObject({
      ok: false,
      message: 'pods "web" is forbidden: no PriorityClass with name gold was found',
    });
  });
});
