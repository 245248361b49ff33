/**
 * The cost of what explains a simulation — findings, the human report, the picture (SVG and PNG)
 * — against the cost of the simulation itself, measured in the same run on the same results, for
 * a typical paste and for 50 nodes × 500 pods.
 */
import { renderPng } from "../src/render-png.js";
import { collectFindings } from "../src/sandbox/explain/findings.js";
import { clusterSvg } from "../src/sandbox/render/picture/cluster-svg.js";
import { nodeRequests } from "../src/sandbox/render/picture/node-usage.js";
import { renderReport } from "../src/sandbox/render/report.js";
import { runSimulation, type SimulationInput } from "../src/sandbox/simulate.js";
import { largeResult } from "../test/sandbox/render/picture/results.js";
import { type BenchSection, fmt, median } from "./stats.js";

const TYPICAL = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        ports: [{containerPort: 80}]
        resources: {requests: {cpu: 500m, memory: 256Mi}}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 80}]
---
apiVersion: v1
kind: Pod
metadata: {name: big}
spec:
  containers:
  - name: c
    image: nginx:1.27
    resources: {requests: {cpu: "8"}}
`;

/** 50 nodes of 8 cpu / 32Gi, as `kubectl get nodes -o yaml` would list them. */
function largeCluster(): string {
  return Array.from(
    { length: 50 },
    (_, i) => `apiVersion: v1
kind: Node
metadata:
  name: node-${String(i).padStart(2, "0")}
  labels: {kubernetes.io/hostname: node-${String(i).padStart(2, "0")}, topology.kubernetes.io/zone: zone-${i % 3}}
status:
  allocatable: {cpu: "8", memory: 32Gi, pods: "110"}
  conditions: [{type: Ready, status: "True"}]
`,
  ).join("---\n");
}

/** Ten Deployments of 50 replicas: 500 pods. */
function largeManifests(): string {
  return Array.from(
    { length: 10 },
    (_, i) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: svc-${i}}
spec:
  replicas: 50
  selector: {matchLabels: {app: svc-${i}}}
  template:
    metadata: {labels: {app: svc-${i}}}
    spec:
      containers:
      - name: app
        image: nginx:1.27
        resources: {requests: {cpu: 100m, memory: 128Mi}}
`,
  ).join("---\n");
}

/** resvg drawing the text itself from the font files: how every picture was drawn before. */
const RESVG_TEXT = {
  fontFiles: ["DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf"].map((f) => `/usr/share/fonts/truetype/dejavu/${f}`),
};

interface Timings {
  simulation: number[];
  findings: number[];
  report: number[];
  svg: number[];
  png: number[];
  pngResvgText: number[];
  pods: number;
  nodes: number;
}

function time<T>(into: number[], fn: () => T): T {
  const started = performance.now();
  const out = fn();
  into.push(performance.now() - started);
  return out;
}

function measure(input: SimulationInput, runs: number, warmup: number): Timings {
  const t: Timings = {
    simulation: [],
    findings: [],
    report: [],
    svg: [],
    png: [],
    pngResvgText: [],
    pods: 0,
    nodes: 0,
  };
  const scratch: Timings = { ...t, simulation: [], findings: [], report: [], svg: [], png: [], pngResvgText: [] };
  for (let i = 0; i < warmup + runs; i++) {
    const into = i < warmup ? scratch : t;
    const run = time(into.simulation, () => runSimulation(input));
    time(into.findings, () => collectFindings(run.cluster, run.result.rejected, run.warnings));
    time(into.report, () => renderReport(run.result));
    const svg = time(into.svg, () => clusterSvg(run.result, nodeRequests(run.cluster.store)));
    time(into.png, () => renderPng(svg));
    time(into.pngResvgText, () => renderPng(svg, RESVG_TEXT));
    t.pods = run.result.pods.filter((p) => !p.deleted).length;
    t.nodes = run.result.cluster.nodes.length;
  }
  return t;
}

function rows(label: string, t: Timings): string[] {
  const sim = median(t.simulation);
  const row = (name: string, values: number[]) => {
    const ms = median(values);
    return `| ${label} | ${name} | ${fmt(ms)} | ${fmt(ms / sim)}× |`;
  };
  return [
    row("simulation (`runSimulation`)", t.simulation),
    row("findings (`collectFindings`, again)", t.findings),
    row("human report (`renderReport`)", t.report),
    row("picture SVG (`clusterSvg` + `nodeRequests`)", t.svg),
    row("picture PNG (`renderPng`: resvg shapes, glyph-cache text, own encoder)", t.png),
    row("picture PNG as before (resvg draws the text from the font files)", t.pngResvgText),
  ];
}

/** Runs the benchmark and returns its section of BENCHMARKS.md. */
export async function benchPicture(): Promise<BenchSection> {
  const typical = measure({ manifests: TYPICAL }, 15, 3);
  const large = measure({ manifests: largeManifests(), cluster: largeCluster() }, 3, 1);
  const synthetic = largeResult();
  const svgTimes: number[] = [];
  const pngTimes: number[] = [];
  const oldPngTimes: number[] = [];
  for (let i = 0; i < 4; i++) {
    const svg = time(svgTimes, () => clusterSvg(synthetic.result, synthetic.requests));
    time(pngTimes, () => renderPng(svg));
    time(oldPngTimes, () => renderPng(svg, RESVG_TEXT));
  }
  return {
    name: "Findings, report and picture against the simulation (issue 4)",
    lines: [
      `Typical paste (a Deployment of 3, a Service, one pod too big for any node): ${typical.nodes} nodes, ${typical.pods} pods at the horizon; median of 15 runs after 3 warm-up runs.`,
      `Large: ${large.nodes} nodes, 10 Deployments of 50 replicas, ${large.pods} pods at the horizon; median of 3 runs after 1.`,
      "Each run simulates, then times findings, report and picture on that run's own result. The simulation's time includes its one findings pass; findings are timed again on their own.",
      "",
      "| input | step | ms | × simulation |",
      "| --- | --- | ---: | ---: |",
      ...rows("typical", typical),
      ...rows("50 × 500", large),
      "",
      `Picture alone on a fixed result of 50 nodes and 500 pods (test/sandbox/render/picture/results.ts), median of 4: SVG ${fmt(median(svgTimes))} ms, PNG ${fmt(median(pngTimes))} ms (${fmt(median(oldPngTimes))} ms with resvg drawing the text). resvg 2.6 reads the font file for every glyph it draws (thx/resvg-js#367), so text is drawn from a per-process glyph cache instead (src/render-png.ts).`,
    ],
  };
}
