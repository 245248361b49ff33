/**
 * Table-driven Filter tests for the node-level plugins, in the manner of upstream's
 * node_unschedulable_test.go, node_name_test.go, taint_toleration_test.go, node_affinity_test.go,
 * node_ports_test.go and fit_test.go: pod + nodes → per-node verdict with the upstream reason.
 */
import { describe, expect, it } from "vitest";
import * as NodeAffinity from "../../../../src/sandbox/scheduler/plugins/NodeAffinity.js";
import * as NodeName from "../../../../src/sandbox/scheduler/plugins/NodeName.js";
import * as NodePorts from "../../../../src/sandbox/scheduler/plugins/NodePorts.js";
import * as NodeResourcesFit from "../../../../src/sandbox/scheduler/plugins/NodeResourcesFit.js";
import * as NodeUnschedulable from "../../../../src/sandbox/scheduler/plugins/NodeUnschedulable.js";
import * as TaintToleration from "../../../../src/sandbox/scheduler/plugins/TaintToleration.js";
import { node, pod } from "../builders.js";
import { OK, runFilter } from "../plugin-harness.js";

const rej = (reasons: string[], code = "UnschedulableAndUnresolvable") => ({ code, reasons });

describe("NodeUnschedulable Filter", () => {
  const cases = [
    { name: "schedulable node", pod: pod("p"), node: node("n"), want: OK },
    {
      name: "cordoned node",
      pod: pod("p"),
      node: node("n").unschedulable(),
      want: rej([NodeUnschedulable.ERR_REASON_UNSCHEDULABLE]),
    },
    {
      name: "cordoned node, pod tolerates node.kubernetes.io/unschedulable",
      pod: pod("p").tolerations({ key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule" }),
      node: node("n").unschedulable(),
      want: OK,
    },
  ];
  it.each(cases)("$name", (c) => {
    expect(runFilter(NodeUnschedulable.create, c.pod.build(), [c.node.build()]).n).toEqual(c.want);
  });
  it("uses the upstream text", () =>
    expect(NodeUnschedulable.ERR_REASON_UNSCHEDULABLE).toBe("node(s) were unschedulable"));
});

describe("NodeName Filter", () => {
  it.each([
    { name: "no nodeName", pod: pod("p"), want: { a: OK, b: OK } },
    { name: "nodeName a", pod: pod("p").node("a"), want: { a: OK, b: rej([NodeName.ERR_REASON]) } },
  ])("$name", (c) => {
    expect(runFilter(NodeName.create, c.pod.build(), [node("a").build(), node("b").build()])).toEqual(c.want);
  });
});

describe("TaintToleration Filter", () => {
  const tainted = (effect: string) => node("n").taint("dedicated", "gpu", effect);
  const cases = [
    { name: "no taints", pod: pod("p"), node: node("n"), want: OK },
    {
      name: "NoSchedule untolerated",
      pod: pod("p"),
      node: tainted("NoSchedule"),
      want: rej([TaintToleration.ERR_REASON_UNTOLERATED]),
    },
    {
      name: "NoExecute untolerated",
      pod: pod("p"),
      node: tainted("NoExecute"),
      want: rej([TaintToleration.ERR_REASON_UNTOLERATED]),
    },
    { name: "PreferNoSchedule is ignored by Filter", pod: pod("p"), node: tainted("PreferNoSchedule"), want: OK },
    {
      name: "Equal toleration with matching value",
      pod: pod("p").tolerations({ key: "dedicated", operator: "Equal", value: "gpu", effect: "NoSchedule" }),
      node: tainted("NoSchedule"),
      want: OK,
    },
    {
      name: "Equal toleration with another value",
      pod: pod("p").tolerations({ key: "dedicated", value: "cpu", effect: "NoSchedule" }),
      node: tainted("NoSchedule"),
      want: rej([TaintToleration.ERR_REASON_UNTOLERATED]),
    },
    {
      name: "Exists ignores value",
      pod: pod("p").tolerations({ key: "dedicated", operator: "Exists" }),
      node: tainted("NoExecute"),
      want: OK,
    },
    {
      name: "empty key Exists tolerates all",
      pod: pod("p").tolerations({ operator: "Exists" }),
      node: tainted("NoSchedule"),
      want: OK,
    },
    {
      name: "effect mismatch",
      pod: pod("p").tolerations({ key: "dedicated", operator: "Exists", effect: "NoExecute" }),
      node: tainted("NoSchedule"),
      want: rej([TaintToleration.ERR_REASON_UNTOLERATED]),
    },
  ];
  it.each(cases)("$name", (c) => {
    expect(runFilter(TaintToleration.create, c.pod.build(), [c.node.build()]).n).toEqual(c.want);
  });
  it("prints the v1.34.2+ text without key or value", () => {
    expect(TaintToleration.ERR_REASON_UNTOLERATED).toBe("node(s) had untolerated taint(s)");
  });
});

describe("NodeAffinity Filter and PreFilter", () => {
  const nodes = () => [
    node("a", { zone: "zone-a" }).labels({ disk: "ssd" }).build(),
    node("b", { zone: "zone-b" }).build(),
  ];
  const required = (terms: unknown[]) => ({
    nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } },
  });
  const no = rej([NodeAffinity.ERR_REASON_POD]);
  const cases = [
    { name: "no constraints", pod: pod("p"), want: { a: OK, b: OK } },
    { name: "nodeSelector disk=ssd", pod: pod("p").nodeSelector({ disk: "ssd" }), want: { a: OK, b: no } },
    { name: "nodeSelector nobody has", pod: pod("p").nodeSelector({ gpu: "true" }), want: { a: no, b: no } },
    {
      name: "required In zone-b",
      pod: pod("p").affinity(
        required([{ matchExpressions: [{ key: "topology.kubernetes.io/zone", operator: "In", values: ["zone-b"] }] }]),
      ),
      want: { a: no, b: OK },
    },
    {
      name: "terms are ORed",
      pod: pod("p").affinity(
        required([
          { matchExpressions: [{ key: "disk", operator: "Exists" }] },
          { matchExpressions: [{ key: "topology.kubernetes.io/zone", operator: "In", values: ["zone-b"] }] },
        ]),
      ),
      want: { a: OK, b: OK },
    },
    {
      name: "nodeSelector and affinity must both match",
      pod: pod("p")
        .nodeSelector({ disk: "ssd" })
        .affinity(
          required([
            { matchExpressions: [{ key: "topology.kubernetes.io/zone", operator: "NotIn", values: ["zone-a"] }] },
          ]),
        ),
      want: { a: no, b: no },
    },
    {
      name: "matchFields metadata.name narrows at PreFilter, Filter still checks",
      pod: pod("p").affinity(required([{ matchFields: [{ key: "metadata.name", operator: "In", values: ["b"] }] }])),
      want: { a: no, b: OK },
    },
  ];
  it.each(cases)("$name", (c) => {
    expect(runFilter(NodeAffinity.create, c.pod.build(), nodes())).toEqual(c.want);
  });
  it("conflicting matchFields terms reject at PreFilter", () => {
    const p = pod("p").affinity(
      required([
        {
          matchFields: [
            { key: "metadata.name", operator: "In", values: ["a"] },
            { key: "metadata.name", operator: "In", values: ["b"] },
          ],
        },
      ]),
    );
    expect(runFilter(NodeAffinity.create, p.build(), nodes())).toEqual({
      "*": rej([NodeAffinity.ERR_REASON_CONFLICT]),
    });
  });
});

describe("NodePorts Filter", () => {
  const existing = (port: number, protocol = "TCP", ip?: string) =>
    pod(`e${port}${protocol}`).node("n").hostPort(port, protocol, ip).build();
  const cases = [
    { name: "no host ports", pod: pod("p"), existing: [existing(80)], want: OK },
    {
      name: "same port and protocol",
      pod: pod("p").hostPort(80),
      existing: [existing(80)],
      want: rej([NodePorts.ERR_REASON], "Unschedulable"),
    },
    { name: "other protocol", pod: pod("p").hostPort(80, "UDP"), existing: [existing(80)], want: OK },
    { name: "other port", pod: pod("p").hostPort(8080), existing: [existing(80)], want: OK },
    {
      name: "distinct host IPs do not conflict",
      pod: pod("p").hostPort(80, "TCP", "10.0.0.2"),
      existing: [existing(80, "TCP", "10.0.0.1")],
      want: OK,
    },
    {
      name: "0.0.0.0 conflicts with a specific IP",
      pod: pod("p").hostPort(80),
      existing: [existing(80, "TCP", "10.0.0.1")],
      want: rej([NodePorts.ERR_REASON], "Unschedulable"),
    },
  ];
  it.each(cases)("$name", (c) => {
    expect(runFilter(NodePorts.create, c.pod.build(), [node("n").build()], c.existing).n).toEqual(c.want);
  });
});

describe("NodeResourcesFit Filter", () => {
  const n = () => node("n", { cpu: "2", memory: "4Gi", pods: "3" }).build();
  const on = (name: string, cpu: string, mem = "0") => pod(name).node("n").req({ cpu, memory: mem }).build();
  const cases = [
    { name: "fits", pod: pod("p").req({ cpu: "1", memory: "1Gi" }), existing: [on("e", "500m")], want: OK },
    {
      name: "short of cpu (preemption may help)",
      pod: pod("p").req({ cpu: "1" }),
      existing: [on("e", "1500m")],
      want: rej([NodeResourcesFit.insufficient("cpu")], "Unschedulable"),
    },
    {
      name: "more than allocatable is unresolvable",
      pod: pod("p").req({ cpu: "3" }),
      existing: [],
      want: rej(["Insufficient cpu"]),
    },
    {
      name: "every short resource is listed",
      pod: pod("p").req({ cpu: "1", memory: "3Gi" }),
      existing: [on("e", "1500m", "2Gi")],
      want: rej(["Insufficient cpu", "Insufficient memory"], "Unschedulable"),
    },
    {
      name: "pod count comes first; a pod requesting nothing is only counted",
      pod: pod("p"),
      existing: [on("e1", "0"), on("e2", "0"), on("e3", "0")],
      want: rej([NodeResourcesFit.REASON_TOO_MANY_PODS], "Unschedulable"),
    },
    {
      name: "extended resource the node lacks",
      pod: pod("p").req({ "nvidia.com/gpu": "1" }),
      existing: [],
      want: rej(["Insufficient nvidia.com/gpu"]),
    },
    {
      name: "limits only: requests default to limits",
      pod: pod("p").limits({ cpu: "2500m" }),
      existing: [],
      want: rej(["Insufficient cpu"]),
    },
    {
      name: "regular init container does not add to app containers",
      pod: pod("p")
        .req({ cpu: "1500m" })
        .init({ name: "i", image: "busybox", resources: { requests: { cpu: "1500m" } } }),
      existing: [],
      want: OK,
    },
    {
      name: "sidecar adds to app containers",
      pod: pod("p")
        .req({ cpu: "1500m" })
        .init({ name: "s", image: "envoy", restartPolicy: "Always", resources: { requests: { cpu: "1" } } }),
      existing: [],
      want: rej(["Insufficient cpu"]),
    },
    {
      name: "overhead counts",
      pod: pod("p")
        .req({ cpu: "1900m" })
        .spec({ overhead: { cpu: "200m" } }),
      existing: [],
      want: rej(["Insufficient cpu"]),
    },
  ];
  it.each(cases)("$name", (c) => {
    expect(runFilter(NodeResourcesFit.create, c.pod.build(), [n()], c.existing).n).toEqual(c.want);
  });
});
