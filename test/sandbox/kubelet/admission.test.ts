import { describe, expect, it } from "vitest";
import { admitPod } from "../../../src/sandbox/kubelet/admission.js";
import type { KubeObject } from "../../../src/sandbox/model/object.js";

const NODE: KubeObject = {
  apiVersion: "v1",
  kind: "Node",
  metadata: { name: "node-a", labels: { "kubernetes.io/hostname": "node-a" } },
  status: { allocatable: { cpu: "2", memory: "4Gi", pods: "110" } },
};

function pod(name: string, port: Record<string, unknown>, spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default" },
    spec: { nodeName: "node-a", containers: [{ name: "c", image: "nginx", ports: [port] }], ...spec },
  };
}

const NODE_PORTS = {
  reason: "NodePorts",
  message: "Predicate NodePorts failed: node(s) didn't have free ports for the requested pod ports",
};

describe("kubelet admission (pkg/kubelet/lifecycle/predicate.go generalFilter)", () => {
  it("GIVEN a pod holding hostPort 8080 WHEN a second pod asks for it THEN NodePorts refuses it", () => {
    const a = pod("a", { containerPort: 80, hostPort: 8080 });
    expect(admitPod(pod("b", { containerPort: 80, hostPort: 8080 }), NODE, [a])).toEqual(NODE_PORTS);
  });

  it("GIVEN hostPort 8080/TCP in use THEN 8080/UDP and another host IP's port are free", () => {
    const a = pod("a", { containerPort: 80, hostPort: 8080, hostIP: "10.0.0.1" });
    expect(admitPod(pod("u", { containerPort: 53, hostPort: 8080, protocol: "UDP" }), NODE, [a])).toBeNull();
    expect(admitPod(pod("i", { containerPort: 80, hostPort: 8080, hostIP: "10.0.0.2" }), NODE, [a])).toBeNull();
    expect(admitPod(pod("w", { containerPort: 80, hostPort: 8080 }), NODE, [a])).toEqual(NODE_PORTS);
  });

  it("GIVEN the holder has finished THEN its port is free again", () => {
    const a = { ...pod("a", { containerPort: 80, hostPort: 8080 }), status: { phase: "Succeeded" } };
    expect(admitPod(pod("b", { containerPort: 80, hostPort: 8080 }), NODE, [a])).toBeNull();
  });

  it("GIVEN a pod failing both resources and affinity THEN the resource failure is reported first", () => {
    const big = pod(
      "big",
      { containerPort: 80 },
      {
        nodeSelector: { disk: "ssd" },
        containers: [{ name: "c", image: "nginx", resources: { requests: { cpu: "3" } } }],
      },
    );
    expect(admitPod(big, NODE, [])?.reason).toBe("OutOfcpu");
  });
});
