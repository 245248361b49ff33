import { describe, expect, it } from "vitest";
import { createCluster } from "../../../../src/sandbox/cluster/cluster.js";
import { makeNode } from "../../../../src/sandbox/cluster/default-cluster.js";
import type { KubeObject } from "../../../../src/sandbox/model/object.js";
import { nodeRequests } from "../../../../src/sandbox/render/picture/node-usage.js";

function pod(name: string, node: string | null, phase: string, spec: Record<string, unknown>): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "default", uid: name },
    spec: { ...(node ? { nodeName: node } : {}), ...spec },
    status: { phase },
  };
}

const container = (requests: Record<string, string>, limits?: Record<string, string>) => ({
  name: "c",
  image: "nginx",
  resources: { requests, ...(limits ? { limits } : {}) },
});

describe("nodeRequests", () => {
  it("sums the effective requests of the non-terminal pods bound to each node", () => {
    const cluster = createCluster({ nodes: [makeNode("a"), makeNode("b"), makeNode("idle")] });
    const add = (p: KubeObject) => cluster.store.add(p);
    add(pod("web-1", "a", "Running", { containers: [container({ cpu: "500m", memory: "256Mi" })] }));
    add(
      pod("web-2", "a", "Pending", {
        containers: [container({ cpu: "250m" }), container({}, { memory: "1Gi" })],
      }),
    );
    // The larger init container sets the pod's request (PodRequests: max(sum, init)).
    add(
      pod("init", "b", "Running", {
        initContainers: [container({ cpu: "2" })],
        containers: [container({ cpu: "1" })],
      }),
    );
    add(pod("done", "b", "Succeeded", { containers: [container({ cpu: "3" })] }));
    add(pod("failed", "b", "Failed", { containers: [container({ cpu: "3" })] }));
    add(pod("waiting", null, "Pending", { containers: [container({ cpu: "3" })] }));
    expect(nodeRequests(cluster.store)).toEqual({
      a: { cpuMilli: 750, memoryBytes: 256 * 2 ** 20 + 2 ** 30 },
      b: { cpuMilli: 2000, memoryBytes: 0 },
      idle: { cpuMilli: 0, memoryBytes: 0 },
    });
  });
});
