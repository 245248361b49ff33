import { describe, expect, it } from "vitest";
import { LIMIT_RANGER_ANNOTATION, LimitRanger } from "../../../../src/sandbox/api/admission/LimitRanger.js";
import { attrs, container, context, limitRange, pod } from "./fixtures.js";

function admit(items: Record<string, unknown>[], p = pod("web")) {
  const ctx = context();
  ctx.store.add(limitRange(items));
  const a = attrs(p);
  const mutated = LimitRanger.mutate?.(a, ctx);
  return { pod: p, mutated, validated: LimitRanger.validate?.(a, ctx) };
}

const forbidden = (text: string) => ({ reason: "Forbidden", message: `pods "web" is forbidden: ${text}` });

describe("LimitRanger defaults", () => {
  it("GIVEN default and defaultRequest THEN missing values are filled and explicit ones kept", () => {
    const { pod: p } = admit(
      [{ type: "Container", default: { cpu: "500m", memory: "256Mi" }, defaultRequest: { cpu: "100m" } }],
      pod("web", [container({ limits: { memory: "1Gi" } })]),
    );
    expect(p.spec.containers[0].resources).toEqual({
      requests: { cpu: "100m", memory: "256Mi" },
      limits: { memory: "1Gi", cpu: "500m" },
    });
    expect(p.metadata.annotations?.[LIMIT_RANGER_ANNOTATION]).toBe(
      "LimitRanger plugin set: cpu, memory request for container web; cpu limit for container web",
    );
  });

  it("GIVEN only max THEN the LimitRange's own defaulting gives a limit and a request of max", () => {
    const { pod: p, validated } = admit([{ type: "Container", max: { cpu: "1" } }]);
    expect(p.spec.containers[0].resources).toEqual({ requests: { cpu: "1" }, limits: { cpu: "1" } });
    expect(validated).toBeUndefined();
  });

  it("GIVEN only min THEN the request defaults to min", () => {
    const { pod: p } = admit([{ type: "Container", min: { memory: "64Mi" } }]);
    expect(p.spec.containers[0].resources).toEqual({ requests: { memory: "64Mi" } });
  });

  it("GIVEN init containers THEN they are defaulted and named in the annotation", () => {
    const { pod: p } = admit(
      [{ type: "Container", default: { cpu: "200m" } }],
      pod("web", [container()], { initContainers: [container({ name: "init" })] }),
    );
    expect(p.spec.initContainers[0].resources.limits).toEqual({ cpu: "200m" });
    expect(p.metadata.annotations?.[LIMIT_RANGER_ANNOTATION]).toBe(
      "LimitRanger plugin set: cpu request for container web; cpu limit for container web; cpu request for init container init; cpu limit for init container init",
    );
  });

  it("GIVEN the trap (default 500m, request 750m) THEN the defaulted limit sits below the request", () => {
    const { pod: p, validated } = admit(
      [{ type: "Container", default: { cpu: "500m" } }],
      pod("web", [container({ requests: { cpu: "750m" } })]),
    );
    expect(p.spec.containers[0].resources).toEqual({ requests: { cpu: "750m" }, limits: { cpu: "500m" } });
    expect(validated).toBeUndefined();
  });
});

describe("LimitRanger constraints", () => {
  it.each([
    [
      "limit above Container max",
      [{ type: "Container", max: { cpu: "1" } }],
      [container({ limits: { cpu: "2" } })],
      "maximum cpu usage per Container is 1, but limit is 2",
    ],
    [
      "request above Container max",
      [{ type: "Container", max: { cpu: "1" }, default: { cpu: "1" } }],
      [container({ requests: { cpu: "1500m" } })],
      "maximum cpu usage per Container is 1, but request is 1500m",
    ],
    [
      "request below Container min",
      [{ type: "Container", min: { memory: "64Mi" } }],
      [container({ requests: { memory: "32Mi" } })],
      "minimum memory usage per Container is 64Mi, but request is 32Mi",
    ],
    [
      "limit below Container min",
      [{ type: "Container", min: { memory: "64Mi" } }],
      [container({ requests: { memory: "64Mi" }, limits: { memory: "32Mi" } })],
      "minimum memory usage per Container is 64Mi, but limit is 32Mi",
    ],
    [
      "limit/request ratio",
      [{ type: "Container", maxLimitRequestRatio: { cpu: "2" } }],
      [container({ requests: { cpu: "250m" }, limits: { cpu: "1" } })],
      "cpu max limit to request ratio per Container is 2, but provided ratio is 4.000000",
    ],
    [
      "ratio without a request",
      [{ type: "Container", maxLimitRequestRatio: { cpu: "2" } }],
      [container({ limits: { cpu: "1" } })],
      "cpu max limit to request ratio per Container is 2, but no request is specified or request is 0",
    ],
    [
      "Pod max over the sum of containers",
      [{ type: "Pod", max: { memory: "1Gi" } }],
      [container({ limits: { memory: "768Mi" } }), container({ name: "b", limits: { memory: "512Mi" } })],
      "maximum memory usage per Pod is 1Gi, but limit is 1280Mi",
    ],
    [
      "Pod max over a sum in milli-CPU",
      [{ type: "Pod", max: { cpu: "2" } }],
      [
        container({ limits: { cpu: "1" } }),
        container({ name: "b" }),
        container({ name: "c", limits: { cpu: "1500m" } }),
      ],
      "maximum cpu usage per Pod is 2, but limit is 2500m",
    ],
    [
      "several violations, joined as an aggregate",
      [{ type: "Container", max: { cpu: "1", memory: "1Gi" } }],
      [container({ limits: { cpu: "2", memory: "2Gi" } })],
      "[maximum cpu usage per Container is 1, but limit is 2, maximum memory usage per Container is 1Gi, but limit is 2Gi]",
    ],
  ])("GIVEN %s THEN the pod is forbidden", (_name, items, containers, text) => {
    expect(admit(items, pod("web", containers)).validated).toEqual(forbidden(text));
  });

  it("GIVEN Pod max and no limit anywhere THEN the two-space text appears", () => {
    const ctx = context();
    ctx.store.add(limitRange([{ type: "Pod", max: { cpu: "1" } }]));
    expect(LimitRanger.validate?.(attrs(pod("web")), ctx)).toEqual(
      forbidden("maximum cpu usage per Pod is 1.  No limit is specified"),
    );
  });

  it.each([
    [
      "10Gi",
      'persistentvolumeclaims "data" is forbidden: maximum storage usage per PersistentVolumeClaim is 5Gi, but request is 10Gi',
    ],
    [
      "500Mi",
      'persistentvolumeclaims "data" is forbidden: minimum storage usage per PersistentVolumeClaim is 1Gi, but request is 500Mi',
    ],
    ["2Gi", undefined],
  ])("GIVEN a claim for %s THEN %s", (size, message) => {
    const ctx = context();
    ctx.store.add(limitRange([{ type: "PersistentVolumeClaim", min: { storage: "1Gi" }, max: { storage: "5Gi" } }]));
    const pvc = {
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: { name: "data", namespace: "default" },
      spec: { resources: { requests: { storage: size } } },
    };
    const want = message ? { reason: "Forbidden", message } : undefined;
    expect(LimitRanger.validate?.(attrs(pvc), ctx)).toEqual(want);
  });

  it("GIVEN no LimitRange or an update THEN nothing happens", () => {
    const p = pod("web");
    expect(LimitRanger.mutate?.(attrs(p), context())).toBeUndefined();
    expect(p.spec.containers[0].resources).toBeUndefined();
    const ctx = context();
    ctx.store.add(limitRange([{ type: "Container", max: { cpu: "1" } }]));
    expect(LimitRanger.validate?.(attrs(p, "UPDATE", p), ctx)).toBeUndefined();
  });
});
