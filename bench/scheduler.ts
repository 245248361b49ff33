/**
 * Scheduler benchmark (issue "The cluster comes alive", BENCHMARKS.md): pods scheduled per second
 * by the simulated kube-scheduler with the default plugins, on a store filled with nodes and
 * pods. Pods are written straight into the object store (bypassing the API server's admission and
 * validation, which are measured elsewhere), so the figures are the scheduler's own: queueing,
 * PreFilter/Filter/Score, binding (a store patch) and the events it records.
 */
import { createCluster } from "../src/sandbox/cluster/cluster.js";
import { makeNode } from "../src/sandbox/cluster/default-cluster.js";
import type { KubeObject } from "../src/sandbox/model/object.js";
import { createScheduler } from "../src/sandbox/scheduler/index.js";

/** kube-scheduler's published CI floors (perf-anchors.md §1a, scheduler_perf, main 2026). */
const KUBE_FLOOR_BASIC = 680;
/** Feature throughput relative to SchedulingBasic in scheduler_perf (perf-anchors.md §2). */
const KUBE_RATIO: Record<string, number> = {
  "hard zone spread": 0.68,
  "preferred anti-affinity": 0.13,
  "tainted pools + tolerations": 0.4,
};

type Shape = "plain" | "spread" | "anti" | "tainted";

function nodes(n: number): KubeObject[] {
  const out: KubeObject[] = [];
  for (let i = 0; i < n; i++) {
    const node = makeNode(`node-${i}`, { zone: `zone-${i % 3}`, cpu: "32", memory: "128Gi", pods: "110" });
    if (i % 5 === 0) {
      node.spec.taints = [{ key: "pool", value: "gpu", effect: "NoSchedule" }];
      (node.metadata.labels as Record<string, string>).pool = "gpu";
    }
    out.push(node);
  }
  return out;
}

function pod(i: number, shape: Shape): KubeObject {
  const app = `${shape}-${i % 10}`;
  const spec: Record<string, unknown> = {
    containers: [
      { name: "c", image: "registry.k8s.io/pause:3.10", resources: { requests: { cpu: "100m", memory: "128Mi" } } },
    ],
  };
  if (shape === "spread") {
    spec.topologySpreadConstraints = [
      {
        maxSkew: 1,
        topologyKey: "topology.kubernetes.io/zone",
        whenUnsatisfiable: "DoNotSchedule",
        labelSelector: { matchLabels: { app } },
      },
    ];
  } else if (shape === "anti") {
    spec.affinity = {
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          {
            weight: 100,
            podAffinityTerm: { topologyKey: "kubernetes.io/hostname", labelSelector: { matchLabels: { app } } },
          },
        ],
      },
    };
  } else if (shape === "tainted") {
    spec.tolerations = [{ key: "pool", operator: "Equal", value: "gpu", effect: "NoSchedule" }];
    spec.nodeSelector = { pool: "gpu" };
  }
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: `p-${i}`, namespace: "default", uid: `uid-${i}`, labels: { app } },
    spec,
    status: { phase: "Pending" },
  };
}

interface Run {
  pods: number;
  nodes: number;
  seconds: number;
  scheduled: number;
  /** Heap in use right after the run (MiB). */
  heapMiB: number;
  /** Highest heap in use seen during the run, sampled every 1,000 bindings (MiB). */
  peakHeapMiB: number;
}

const MIB = 1024 * 1024;

function run(numNodes: number, numPods: number, shapes: readonly Shape[]): Run {
  const scheduler = createScheduler();
  const c = createCluster({ nodes: nodes(numNodes), controllers: [scheduler] });
  let peak = process.memoryUsage().heapUsed;
  let bound = 0;
  c.store.watch("Pod", (e) => {
    if (e.type === "MODIFIED" && e.object.spec?.nodeName && !e.old?.spec?.nodeName && ++bound % 1000 === 0) {
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
  });
  const t0 = performance.now();
  for (let i = 0; i < numPods; i++) c.store.add(pod(i, shapes[i % shapes.length] as Shape));
  c.clock.runUntil(0);
  const seconds = (performance.now() - t0) / 1000;
  let scheduled = 0;
  for (const p of c.store.list("Pod")) if (p.spec?.nodeName) scheduled++;
  const heap = process.memoryUsage().heapUsed;
  return {
    pods: numPods,
    nodes: numNodes,
    seconds,
    scheduled,
    heapMiB: heap / MIB,
    peakHeapMiB: Math.max(peak, heap) / MIB,
  };
}

/** The better of `n` runs (the machine is shared: the fastest run is the least disturbed one). */
function best(n: number, numNodes: number, numPods: number, shapes: readonly Shape[]): Run {
  return bestInterleaved(n, numNodes, numPods, [shapes])[0] as Run;
}

/**
 * The best of `n` runs of each workload, taken in rounds (each round runs every workload once), so
 * that a slow spell on the shared machine hits all workloads alike instead of skewing their ratios.
 */
function bestInterleaved(
  n: number,
  numNodes: number,
  numPods: number,
  workloads: readonly (readonly Shape[])[],
): Run[] {
  const out: Run[] = [];
  for (let i = 0; i < n; i++) {
    workloads.forEach((shapes, w) => {
      const r = run(numNodes, numPods, shapes);
      const prev = out[w];
      if (prev === undefined || r.seconds < prev.seconds) out[w] = r;
    });
  }
  return out;
}

const fmt = (n: number, d = 0) => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
const rate = (r: Run) => r.scheduled / r.seconds;

/** Issue goals (issue 3): pods per second on 1,000 nodes, and the 5,000-node envelope. */
const GOAL_PLAIN = 6_800;
const GOAL_MIX = 3_400;
const GOAL_ENVELOPE_SECONDS = 15;
const GOAL_ENVELOPE_HEAP_MIB = 1024;

/** Runs the scheduler benchmark; returns markdown lines. */
export async function benchScheduler(): Promise<{ name: string; lines: string[] }> {
  const lines: string[] = [];
  const repeats = Number(process.env.BENCH_REPEATS ?? 3);
  run(100, 1000, ["plain"]);
  const [plain, spread, anti, tainted, mix] = bestInterleaved(repeats, 1000, 10_000, [
    ["plain"],
    ["spread"],
    ["anti"],
    ["tainted"],
    ["plain", "spread", "anti", "tainted"],
  ]) as [Run, Run, Run, Run, Run];
  lines.push("### (a) Throughput, 10,000 pods onto 1,000 nodes, default plugins");
  lines.push("");
  lines.push(
    `Best of ${repeats} runs each, in rounds that run every workload once. A feature's slowdown is its pods/s over plain pods' pods/s; the goal is a slowdown no worse than kube-scheduler's (scheduler_perf).`,
  );
  lines.push("");
  lines.push(
    "| workload | scheduled | seconds | pods/s | goal | × kube floor 680 | slowdown vs plain | kube-scheduler's slowdown | no worse than kube |",
  );
  lines.push("|---|---|---|---|---|---|---|---|---|");
  const row = (label: string, r: Run, goal: number | null) => {
    const ratio = rate(r) / rate(plain);
    const kube = KUBE_RATIO[label];
    lines.push(
      `| ${label} | ${fmt(r.scheduled)} | ${fmt(r.seconds, 3)} | ${fmt(rate(r))} | ${goal === null ? "" : `≥ ${fmt(goal)} ${rate(r) >= goal ? "✓" : "✗"}`} | ${fmt(rate(r) / KUBE_FLOOR_BASIC, 1)}× | ${r === plain ? "1.00" : fmt(ratio, 2)}× | ${kube === undefined ? "" : `${fmt(kube, 2)}×`} | ${kube === undefined ? "" : ratio >= kube ? "✓" : "✗"} |`,
    );
  };
  row("plain", plain, GOAL_PLAIN);
  row("hard zone spread", spread, null);
  row("preferred anti-affinity", anti, null);
  row("tainted pools + tolerations", tainted, null);
  row("mix (plain, spread, anti-affinity, tainted)", mix, GOAL_MIX);
  lines.push("");
  const big = run(5000, 50_000, ["plain"]);
  lines.push("### (b) Scalability envelope: 50,000 new pods onto 5,000 nodes");
  lines.push("");
  lines.push("| scheduled | seconds | pods/s | peak heap (MiB) | heap after (MiB) | goal | met |");
  lines.push("|---|---|---|---|---|---|---|");
  const met = big.seconds < GOAL_ENVELOPE_SECONDS && big.peakHeapMiB < GOAL_ENVELOPE_HEAP_MIB;
  lines.push(
    `| ${fmt(big.scheduled)} | ${fmt(big.seconds, 2)} | ${fmt(rate(big))} | ${fmt(big.peakHeapMiB)} | ${fmt(big.heapMiB)} | < ${GOAL_ENVELOPE_SECONDS} s, < ${fmt(GOAL_ENVELOPE_HEAP_MIB)} MiB | ${met ? "✓" : "✗"} |`,
  );
  lines.push("");
  lines.push("### (c) Time per pod as the cluster grows (plain pods)");
  lines.push("");
  lines.push(
    "Per-pod work is bounded by the nodes filtered and scored (percentageOfNodesToScore), so µs per pod per node must not grow.",
  );
  lines.push("");
  lines.push("| pods × nodes | µs per pod | µs per pod per node |");
  lines.push("|---|---|---|");
  for (const [p, n] of [
    [100, 10],
    [1000, 100],
    [10_000, 1000],
  ] as const) {
    const r = best(repeats, n, p, ["plain"]);
    const us = (r.seconds * 1e6) / p;
    lines.push(`| ${fmt(p)} × ${fmt(n)} | ${fmt(us, 1)} | ${fmt(us / n, 3)} |`);
  }
  return { name: "scheduler", lines };
}

if (process.argv[1]?.endsWith("scheduler.ts")) {
  const { lines } = await benchScheduler();
  console.log(lines.join("\n"));
}
