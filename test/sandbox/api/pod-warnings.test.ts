/**
 * Pod-spec warnings (pkg/api/pod/warnings.go) through the API server: texts, field paths (with the
 * template prefix of each workload kind), order, and when a write gets them.
 */
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { warningsForPodSpecAndMeta } from "../../../src/sandbox/api/pod-warnings.js";
import { ApiServer } from "../../../src/sandbox/api/server.js";
import { ObjectStore } from "../../../src/sandbox/api/store.js";
import type { ApiOutcome } from "../../../src/sandbox/api/types.js";
import { SeededRandom } from "../../../src/sandbox/model/random.js";

function server(): ApiServer {
  return new ApiServer({ store: new ObjectStore(), random: new SeededRandom(1), now: () => 0 });
}

function warningsOf(out: ApiOutcome): string[] {
  if (!out.ok) throw new Error(out.message);
  return out.warnings;
}

const memPod = `
apiVersion: v1
kind: Pod
metadata: {name: mem}
spec:
  containers:
  - name: app
    image: nginx:1.25
    resources:
      requests: {memory: 500m, cpu: "0.5"}
      limits: {memory: 0.5Gi, cpu: 500m}
`;

describe("pod-spec warnings", () => {
  it("warns about a fractional memory request of a pod, in canonical form", () => {
    const out = server().apply(load(memPod), { origin: "user" });
    expect(warningsOf(out)).toEqual([
      'spec.containers[0].resources.requests[memory]: fractional byte value "500m" is invalid, must be an integer',
    ]);
  });

  it("prints the quantity as Quantity.String() does (0.5 is 500m)", () => {
    const spec = { containers: [{ name: "a", resources: { limits: { "ephemeral-storage": 0.5 } } }] };
    expect(warningsForPodSpecAndMeta("", spec, {})).toEqual([
      'spec.containers[0].resources.limits[ephemeral-storage]: fractional byte value "500m" is invalid, must be an integer',
    ]);
  });

  it("checks limits before requests and init containers before containers, plus overhead", () => {
    const spec = {
      overhead: { memory: "1.5" },
      initContainers: [{ name: "i", resources: { requests: { memory: "100m" } } }],
      containers: [{ name: "a", resources: { limits: { memory: "2500m" }, requests: { memory: "1m" } } }],
    };
    expect(warningsForPodSpecAndMeta("", spec, {})).toEqual([
      'spec.overhead[memory]: fractional byte value "1500m" is invalid, must be an integer',
      'spec.initContainers[0].resources.requests[memory]: fractional byte value "100m" is invalid, must be an integer',
      'spec.containers[0].resources.limits[memory]: fractional byte value "2500m" is invalid, must be an integer',
      'spec.containers[0].resources.requests[memory]: fractional byte value "1m" is invalid, must be an integer',
    ]);
  });

  it("does not warn for whole byte values or fractional cpu", () => {
    const spec = { containers: [{ name: "a", resources: { requests: { memory: "0.5Gi", cpu: "0.1" } } }] };
    expect(warningsForPodSpecAndMeta("", spec, {})).toEqual([]);
  });

  it("a pod with only a fractional limit warns twice: its request is defaulted from the limit", () => {
    const pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p" },
      spec: { containers: [{ name: "a", image: "nginx:1.27", resources: { limits: { memory: "500m" } } }] },
    };
    expect(warningsOf(server().apply(pod, { origin: "user" }))).toEqual([
      'spec.containers[0].resources.limits[memory]: fractional byte value "500m" is invalid, must be an integer',
      'spec.containers[0].resources.requests[memory]: fractional byte value "500m" is invalid, must be an integer',
    ]);
  });

  it("prefixes a workload's template path, and warns again only when the spec changes", () => {
    const api = server();
    const deployment = (replicas: number) => ({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web" },
      spec: {
        replicas,
        selector: { matchLabels: { app: "web" } },
        template: {
          metadata: { labels: { app: "web" } },
          spec: { containers: [{ name: "web", image: "nginx:1.27", resources: { requests: { memory: "64m" } } }] },
        },
      },
    });
    const text =
      'spec.template.spec.containers[0].resources.requests[memory]: fractional byte value "64m" is invalid, must be an integer';
    expect(warningsOf(api.apply(deployment(1), { origin: "user" }))).toEqual([text]);
    expect(warningsOf(api.apply(deployment(1), { origin: "user" }))).toEqual([]);
    expect(warningsOf(api.apply(deployment(2), { origin: "user" }))).toEqual([text]);
  });

  it("uses spec.jobTemplate.spec.template for a CronJob", () => {
    const cron = {
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: { name: "c" },
      spec: {
        schedule: "*/5 * * * *",
        jobTemplate: {
          spec: {
            template: {
              spec: {
                restartPolicy: "OnFailure",
                containers: [{ name: "c", image: "busybox:1.36", resources: { limits: { memory: "10m" } } }],
              },
            },
          },
        },
      },
    };
    expect(warningsOf(server().apply(cron, { origin: "user" }))).toEqual([
      'spec.jobTemplate.spec.template.spec.containers[0].resources.limits[memory]: fractional byte value "10m" is invalid, must be an integer',
    ]);
  });

  it("gives a controller's write no warnings (only the learner sees them)", () => {
    expect(warningsOf(server().apply(load(memPod), { origin: "controller" }))).toEqual([]);
  });

  it("warns about deprecated node labels, null selectors, duplicate env and a negative grace period", () => {
    const spec = {
      nodeSelector: { "beta.kubernetes.io/os": "linux", "kubernetes.io/os": "linux" },
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: "failure-domain.beta.kubernetes.io/zone" }] }],
          },
        },
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: "kubernetes.io/hostname" }],
        },
      },
      topologySpreadConstraints: [{ topologyKey: "kubernetes.io/hostname", maxSkew: 1 }],
      terminationGracePeriodSeconds: -5,
      containers: [
        {
          name: "a",
          env: [
            { name: "X", value: "1" },
            { name: "X", value: "$(X)2" },
            { name: "X", value: "3" },
          ],
        },
      ],
    };
    expect(warningsForPodSpecAndMeta("spec.template", spec, {})).toEqual([
      'spec.template.spec.nodeSelector[beta.kubernetes.io/os]: deprecated since v1.14; use "kubernetes.io/os" instead',
      'spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key: failure-domain.beta.kubernetes.io/zone is deprecated since v1.17; use "topology.kubernetes.io/zone" instead',
      "spec.template.spec.topologySpreadConstraints[0].labelSelector: a null labelSelector results in matching no pod",
      'spec.template.spec.containers[0].env[2]: hides previous definition of "X", which may be dropped when using apply',
      "spec.template.spec.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1",
      "spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector: a null labelSelector results in matching no pod",
    ]);
  });

  it("warns about ports two containers both declare", () => {
    const spec = {
      containers: [
        { name: "a", ports: [{ containerPort: 80 }] },
        {
          name: "b",
          ports: [
            { containerPort: 80, protocol: "TCP" },
            { containerPort: 80, hostPort: 8080 },
          ],
        },
      ],
    };
    expect(warningsForPodSpecAndMeta("", spec, {})).toEqual([
      "spec.containers[1].ports[0]: duplicate port definition with spec.containers[0].ports[0]",
      "spec.containers[1].ports[1]: overlapping port definition with spec.containers[0].ports[0]",
      "spec.containers[1].ports[1]: overlapping port definition with spec.containers[1].ports[0]",
    ]);
  });
});
