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
import { type SimulationInput, simulate, usageProblems } from "../src/sandbox/simulate.js";
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

/**
 * A `--cluster` file of `count` Ready nodes, 110 pods each, spread over three zones: one `List`
 * document, as `kubectl get nodes -o yaml` prints it (separate documents would stop at the
 * documents-per-paste limit, 500, and the run would only report that usage error).
 */
export function clusterOf(count: number): string {
  const items: string[] = [];
  for (let i = 0; i < count; i++) {
    items.push(`  - apiVersion: v1
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
  return `apiVersion: v1\nkind: List\nitems:\n${items.join("\n")}\n`;
}

/** A timed input must be a valid request: a usage error would only time its rejection. */
function checked(input: SimulationInput): SimulationInput {
  const problems = usageProblems(input);
  if (problems.length > 0) throw new Error(`bench input rejected: ${problems.join("; ")}`);
  return input;
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
  const typicalInput = checked({ manifests: TYPICAL_PASTE });
  // The first run in this process pays for compiling the simulator (worker threads live long,
  // so later requests find it warm); it is reported on its own.
  const cold = timeRuns(1, () => simulate(typicalInput))[0] as number;
  const warmUp = 500;
  for (let i = 0; i < warmUp; i++) simulate(typicalInput);
  const runs = 2000;
  const typical = timeRuns(runs, () => simulate(typicalInput)).sort((a, b) => a - b);

  // Warm like a long-lived worker (the first thousands of creates run unoptimised code), then
  // the median of several batches.
  for (let i = 0; i < 3; i++) podCreateMs(2000);
  const perCreate = median(Array.from({ length: 5 }, () => podCreateMs(2000)));

  const curve: string[] = [];
  for (const [pods, nodes] of [
    [100, 10],
    [1_000, 100],
    [10_000, 1_000],
  ] as const) {
    const input = checked({ manifests: deploymentPaste(pods), cluster: clusterOf(nodes), atSeconds: 120 });
    let running = 0;
    const ms = timeRuns(1, () => {
      running = simulate(input).pods.filter((p) => p.phase === "Running").length;
    })[0] as number;
    if (running !== pods) throw new Error(`growth ${pods} × ${nodes}: ${running} pods Running, not ${pods}`);
    curve.push(`| ${fmt(pods, 0)} × ${fmt(nodes, 0)} | ${fmt(ms, 0)} | ${fmt((ms / pods) * 1000, 1)} |`);
  }
  const billionInput = checked({ manifests: deploymentPaste(1_000_000_000) });
  const billion = timeRuns(1, () => simulate(billionInput))[0] as number;

  return {
    name: "Simulate (issues 2 and 3)",
    lines: [
      `Typical paste (Deployment of 3 + Service + ConfigMap, default cluster, 600 simulated seconds), in-process: the first (cold) run, then ${fmt(runs, 0)} runs after ${warmUp} warm-up runs:`,
      "",
      "| cold ms | p50 ms | p99 ms | max ms |",
      "|---:|---:|---:|---:|",
      `| ${fmt(cold, 1)} | ${fmt(median(typical), 2)} | ${fmt(percentile(typical, 99), 2)} | ${fmt(typical[typical.length - 1] as number, 2)} |`,
      "",
      `**p99 ${fmt(percentile(typical, 99), 2)} ms** (goal < 5 ms). One pod through \`ApiServer.create\`: ${fmt(perCreate, 3)} ms (goal ≤ 0.05 ms).`,
      "",
      "Growth: a Deployment of N replicas (1m CPU, 1Mi each) on a custom cluster of M nodes (one `List` document), 120 simulated seconds (every pod Running), one run each.",
      "",
      "| pods × nodes | total ms | µs per pod |",
      "|---|---:|---:|",
      ...curve,
      "",
      `\`replicas: 1000000000\` on the default cluster (stops at the pods limit): ${fmt(billion / 1000, 2)} s.`,
    ],
  };
}
