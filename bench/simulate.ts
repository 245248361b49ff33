/**
 * Issues 2 and 3: the whole simulator in-process. (b) A typical chat paste (Deployment of 3 +
 * Service + ConfigMap, default cluster, ten simulated minutes): p50/p99 over warm runs, goal
 * p99 < 5 ms. (c) The growth curve: time per pod for a Deployment of N replicas with small
 * requests on a custom cluster of M nodes (two simulated minutes), plus the `replicas:
 * 1000000000` paste that stops at the pods limit, and one pod's cost through `ApiServer.create`.
 */
import { ApiServer } from "../src/sandbox/api/server.js";
import { ObjectStore } from "../src/sandbox/api/store.js";
import { SeededRandom } from "../src/sandbox/model/random.js";
import { simulate } from "../src/sandbox/simulate.js";
import { type BenchSection, fmt, median, percentile, timeRuns } from "./stats.js";

/** The typical paste of the goal: a Deployment of 3, its Service and a ConfigMap. */
export const TYPICAL_PASTE = `apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
data:
  GREETING: hello
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - containerPort: 80
          envFrom:
            - configMapRef:
                name: web-config
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              memory: 256Mi
          readinessProbe:
            httpGet:
              path: /
              port: 80
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - port: 80
      targetPort: 80
`;

/** A Deployment of `replicas` pods with small requests (so capacity is never the limit). */
export function deploymentPaste(replicas: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: many
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: many
  template:
    metadata:
      labels:
        app: many
    spec:
      containers:
        - name: app
          image: nginx:1.27
          resources:
            requests:
              cpu: 1m
              memory: 1Mi
`;
}

/** A `--cluster` file of `count` Ready nodes, 110 pods each, spread over three zones. */
export function clusterOf(count: number): string {
  const docs: string[] = [];
  for (let i = 0; i < count; i++) {
    docs.push(`apiVersion: v1
kind: Node
metadata:
  name: node-${i}
  labels:
    topology.kubernetes.io/zone: zone-${i % 3}
status:
  allocatable:
    cpu: "8"
    memory: 32Gi
    pods: "110"`);
  }
  return docs.join("\n---\n");
}

/** Cost of one pod through the API server's whole write path (no controllers). */
function podCreateMs(count: number): number {
  const api = new ApiServer({ store: new ObjectStore(), random: new SeededRandom(1), now: () => 0 });
  const pod = (i: number) => ({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: `p-${i}`, namespace: "default", labels: { app: "p" } },
    spec: { containers: [{ name: "app", image: "nginx:1.27", resources: { requests: { cpu: "1m" } } }] },
  });
  const t = performance.now();
  for (let i = 0; i < count; i++) api.create(pod(i), { origin: "controller" });
  return (performance.now() - t) / count;
}

export async function benchSimulate(): Promise<BenchSection> {
  for (let i = 0; i < 30; i++) simulate({ manifests: TYPICAL_PASTE });
  const runs = 300;
  const typical = timeRuns(runs, () => simulate({ manifests: TYPICAL_PASTE })).sort((a, b) => a - b);

  podCreateMs(200);
  const perCreate = podCreateMs(2000);

  const curve: string[] = [];
  for (const [pods, nodes] of [
    [100, 10],
    [1_000, 100],
    [10_000, 1_000],
  ] as const) {
    const cluster = clusterOf(nodes);
    const manifests = deploymentPaste(pods);
    const ms = timeRuns(1, () => simulate({ manifests, cluster, atSeconds: 120 }))[0] as number;
    curve.push(`| ${fmt(pods, 0)} × ${fmt(nodes, 0)} | ${fmt(ms, 0)} | ${fmt((ms / pods) * 1000, 1)} |`);
  }
  const billion = timeRuns(1, () => simulate({ manifests: deploymentPaste(1_000_000_000) }))[0] as number;

  return {
    name: "Simulate (issues 2 and 3)",
    lines: [
      `Typical paste (Deployment of 3 + Service + ConfigMap, default cluster, 600 simulated seconds), ${runs} warm runs in-process:`,
      "",
      "| p50 ms | p99 ms | max ms |",
      "|---:|---:|---:|",
      `| ${fmt(median(typical), 2)} | ${fmt(percentile(typical, 99), 2)} | ${fmt(typical[typical.length - 1] as number, 2)} |`,
      "",
      `**p99 ${fmt(percentile(typical, 99), 2)} ms** (goal < 5 ms). One pod through \`ApiServer.create\`: ${fmt(perCreate, 3)} ms (goal ≤ 0.05 ms).`,
      "",
      "Growth: a Deployment of N replicas (1m CPU, 1Mi each) on a custom cluster of M nodes, 120 simulated seconds, one run each.",
      "",
      "| pods × nodes | total ms | µs per pod |",
      "|---|---:|---:|",
      ...curve,
      "",
      `\`replicas: 1000000000\` on the default cluster (stops at the pods limit): ${fmt(billion / 1000, 2)} s.`,
    ],
  };
}
