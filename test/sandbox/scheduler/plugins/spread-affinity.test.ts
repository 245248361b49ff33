/**
 * Table-driven tests of PodTopologySpread and InterPodAffinity Filter and Score, in the manner of
 * upstream's podtopologyspread/filtering_test.go, scoring_test.go and interpodaffinity/*_test.go.
 */
import { describe, expect, it } from "vitest";
import * as InterPodAffinity from "../../../../src/sandbox/scheduler/plugins/InterPodAffinity.js";
import * as PodTopologySpread from "../../../../src/sandbox/scheduler/plugins/PodTopologySpread.js";
import { node, pod } from "../builders.js";
import { OK, runFilter, runScore } from "../plugin-harness.js";

const zones = () => [
  node("a1", { zone: "zone-a" }).build(),
  node("a2", { zone: "zone-a" }).build(),
  node("b1", { zone: "zone-b" }).build(),
];
const on = (name: string, nodeName: string, labels: Record<string, string> = { app: "web" }) =>
  pod(name).node(nodeName).labels(labels).build();
const notMatch = { code: "Unschedulable", reasons: [PodTopologySpread.ERR_REASON_CONSTRAINTS_NOT_MATCH] };

describe("PodTopologySpread Filter", () => {
  const cases = [
    {
      name: "balanced zones accept both",
      pod: pod("p").labels({ app: "web" }).spread("topology.kubernetes.io/zone", 1, { app: "web" }),
      existing: [on("e1", "a1"), on("e2", "b1")],
      want: { a1: OK, a2: OK, b1: OK },
    },
    {
      name: "zone-a ahead by one rejects zone-a at maxSkew 1",
      pod: pod("p").labels({ app: "web" }).spread("topology.kubernetes.io/zone", 1, { app: "web" }),
      existing: [on("e1", "a1")],
      want: { a1: notMatch, a2: notMatch, b1: OK },
    },
    {
      name: "maxSkew 2 tolerates it",
      pod: pod("p").labels({ app: "web" }).spread("topology.kubernetes.io/zone", 2, { app: "web" }),
      existing: [on("e1", "a1")],
      want: { a1: OK, a2: OK, b1: OK },
    },
    {
      name: "other namespaces and labels are not counted",
      pod: pod("p").labels({ app: "web" }).spread("topology.kubernetes.io/zone", 1, { app: "web" }),
      existing: [on("e1", "a1", { app: "db" }), pod("e2", "other").node("a1").labels({ app: "web" }).build()],
      want: { a1: OK, a2: OK, b1: OK },
    },
    {
      name: "node without the topology label",
      pod: pod("p").labels({ app: "web" }).spread("rack", 1, { app: "web" }),
      existing: [],
      want: Object.fromEntries(
        ["a1", "a2", "b1"].map((n) => [
          n,
          { code: "UnschedulableAndUnresolvable", reasons: [PodTopologySpread.ERR_REASON_NODE_LABEL_NOT_MATCH] },
        ]),
      ),
    },
    {
      name: "nodeAffinityPolicy Honor: only domains of nodes the pod may use count",
      pod: pod("p")
        .labels({ app: "web" })
        .nodeSelector({ "topology.kubernetes.io/zone": "zone-a" })
        .spread("topology.kubernetes.io/zone", 1, { app: "web" }),
      existing: [on("e1", "a1")],
      want: { a1: OK, a2: OK, b1: OK },
    },
    {
      name: "without the nodeSelector the empty zone-b is the minimum",
      pod: pod("p").labels({ app: "web" }).spread("topology.kubernetes.io/zone", 1, { app: "web" }),
      existing: [on("e1", "a1"), on("e2", "a2")],
      want: { a1: notMatch, a2: notMatch, b1: OK },
    },
    {
      name: "two constraints: zone and hostname",
      pod: pod("p")
        .labels({ app: "web" })
        .spread("topology.kubernetes.io/zone", 2, { app: "web" })
        .spread("kubernetes.io/hostname", 1, { app: "web" }),
      existing: [on("e1", "a1")],
      want: { a1: notMatch, a2: OK, b1: OK },
    },
    {
      name: "ScheduleAnyway constraints do not filter",
      pod: pod("p").labels({ app: "web" }).spread("topology.kubernetes.io/zone", 1, { app: "web" }, "ScheduleAnyway"),
      existing: [on("e1", "a1"), on("e2", "a2")],
      want: { a1: OK, a2: OK, b1: OK },
    },
  ];
  it.each(cases)("$name", (c) => {
    expect(runFilter(PodTopologySpread.create, c.pod.build(), zones(), c.existing)).toEqual(c.want);
  });
});

describe("PodTopologySpread Score", () => {
  it("prefers the domain with fewer matching pods (ScheduleAnyway)", () => {
    const p = pod("p")
      .labels({ app: "web" })
      .spread("topology.kubernetes.io/zone", 1, { app: "web" }, "ScheduleAnyway");
    const got = runScore(PodTopologySpread.create, p.build(), zones(), [on("e1", "a1"), on("e2", "a2")]);
    if (got === "skip") throw new Error("skipped");
    // zone-a: 2 × log(2+2) = 2.77 → 3; zone-b: 0 → normalised 100 × (3 + 0 − s) / 3.
    expect(got).toEqual({ a1: [3, 0], a2: [3, 0], b1: [0, 100] });
  });
  it("system default spreading applies to pods selected by a Service", () => {
    const svc = {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "web", namespace: "default" },
      spec: { selector: { app: "web" } },
    };
    const got = runScore(
      PodTopologySpread.create,
      pod("p").labels({ app: "web" }).build(),
      zones(),
      [on("e1", "a1")],
      [svc],
    );
    if (got === "skip") throw new Error("skipped");
    expect(got.b1?.[1]).toBe(100);
    expect(got.a1?.[1]).toBeLessThan(got.a2?.[1] ?? 0);
  });
  it("a pod no Service or controller selects is not spread by default", () => {
    expect(runScore(PodTopologySpread.create, pod("p").labels({ app: "web" }).build(), zones(), [on("e1", "a1")])).toBe(
      "skip",
    );
  });
});

describe("InterPodAffinity Filter", () => {
  const cases = [
    {
      name: "required anti-affinity keeps away from matching pods' hosts",
      pod: pod("p").labels({ app: "web" }).podAntiAffinityRequired("kubernetes.io/hostname", { app: "web" }),
      existing: [on("e1", "a1")],
      want: {
        a1: { code: "Unschedulable", reasons: [InterPodAffinity.ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH] },
        a2: OK,
        b1: OK,
      },
    },
    {
      name: "zone anti-affinity rejects the whole zone",
      pod: pod("p").podAntiAffinityRequired("topology.kubernetes.io/zone", { app: "web" }),
      existing: [on("e1", "a1")],
      want: {
        a1: { code: "Unschedulable", reasons: [InterPodAffinity.ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH] },
        a2: { code: "Unschedulable", reasons: [InterPodAffinity.ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH] },
        b1: OK,
      },
    },
    {
      name: "existing pods' anti-affinity is symmetric",
      pod: pod("p").labels({ app: "web" }),
      existing: [
        pod("e1")
          .node("b1")
          .labels({ app: "db" })
          .podAntiAffinityRequired("kubernetes.io/hostname", { app: "web" })
          .build(),
      ],
      want: {
        a1: OK,
        a2: OK,
        b1: { code: "Unschedulable", reasons: [InterPodAffinity.ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH] },
      },
    },
    {
      name: "required affinity needs a matching pod in the domain",
      pod: pod("p").podAffinityRequired("topology.kubernetes.io/zone", { app: "cache" }),
      existing: [on("e1", "b1", { app: "cache" })],
      want: {
        a1: { code: "UnschedulableAndUnresolvable", reasons: [InterPodAffinity.ERR_REASON_AFFINITY_RULES_NOT_MATCH] },
        a2: { code: "UnschedulableAndUnresolvable", reasons: [InterPodAffinity.ERR_REASON_AFFINITY_RULES_NOT_MATCH] },
        b1: OK,
      },
    },
    {
      name: "first pod of a self-affine group may go anywhere",
      pod: pod("p").labels({ app: "cache" }).podAffinityRequired("topology.kubernetes.io/zone", { app: "cache" }),
      existing: [],
      want: { a1: OK, a2: OK, b1: OK },
    },
  ];
  it.each(cases)("$name", (c) => {
    expect(runFilter(InterPodAffinity.create, c.pod.build(), zones(), c.existing)).toEqual(c.want);
  });
});

describe("InterPodAffinity Score", () => {
  it("preferred anti-affinity scores hosts with matching pods lowest", () => {
    const p = pod("p").affinity({
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          {
            weight: 100,
            podAffinityTerm: { topologyKey: "kubernetes.io/hostname", labelSelector: { matchLabels: { app: "web" } } },
          },
        ],
      },
    });
    const got = runScore(InterPodAffinity.create, p.build(), zones(), [on("e1", "a1"), on("e2", "a1")]);
    expect(got).toEqual({ a1: [-200, 0], a2: [0, 100], b1: [0, 100] });
  });
  it("skips when nobody has affinity terms", () => {
    expect(runScore(InterPodAffinity.create, pod("p").build(), zones(), [on("e1", "a1")])).toBe("skip");
  });
});
