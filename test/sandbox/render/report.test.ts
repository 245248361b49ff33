import { describe, expect, it } from "vitest";
import { reportExtras } from "../../../src/sandbox/explain/report-extras.js";
import { applySection, findingLines, layeredExplanation, renderReport } from "../../../src/sandbox/render/report.js";
import type { Finding } from "../../../src/sandbox/result.js";
import { runSimulation } from "../../../src/sandbox/simulate.js";
import { run } from "../explain/harness.js";

const YAML = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: "nginx:1.27", resources: {requests: {cpu: 100m}}}]
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 6
---
apiVersion: v1
kind: Pod
metadata: {name: huge}
spec:
  containers: [{name: app, image: "nginx:1.27", resources: {requests: {memory: 64Gi}}}]
`;

describe("renderReport", () => {
  const r = run(YAML, 300, ["1m: load deployment/web cpu=200%"]);
  const text = renderReport(r.result, reportExtras(r.cluster));

  it("reads like a kubectl session, in order, then the layered explanation", () => {
    const order = [
      "$ kubectl apply -f -",
      "$ kubectl get pods -o wide",
      "$ kubectl get hpa",
      "$ kubectl get events (timeline)",
      "$ kubectl describe pod huge",
      "What it means, layer by layer:",
    ].map((h) => text.indexOf(h));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it("shows kubectl get hpa with TARGETS and the replicas over time", () => {
    const hpa = text.slice(text.indexOf("$ kubectl get hpa"), text.indexOf("$ kubectl get events"));
    expect(hpa).toMatch(/NAME\s+REFERENCE\s+TARGETS\s+MINPODS\s+MAXPODS\s+REPLICAS/);
    // demand 2 × 200% spread over the ready pods: 4 pods at 100% → ceil(4 × 100 / 80) = 5 pods at 80%
    expect(hpa).toMatch(/web\s+Deployment\/web\s+cpu: 80%\/80%\s+2\s+6\s+5/);
    expect(hpa).toContain("web: replicas over time: 15s 2 → 1m 4 (cpu 200%) → 1m15s 5 (cpu 100%) → 1m30s 5 (cpu 80%)");
  });

  it("describes the pending pod with its events and the scheduler's per-node view", () => {
    const d = text.slice(text.indexOf("$ kubectl describe pod huge"), text.indexOf("What it means"));
    expect(d).toContain("Status:       Pending");
    expect(d).toContain("Reason:       Unschedulable");
    expect(d).toMatch(/Warning\s+FailedScheduling/);
    expect(d).toContain("Scheduler's view:");
    expect(d).toContain("    node-a, node-b, node-c: NodeResourcesFit: Insufficient memory");
  });

  it("leaves out kubectl get hpa when there is no HPA", () => {
    const plain = run(YAML.split("---")[2] as string, 30);
    expect(renderReport(plain.result, reportExtras(plain.cluster))).not.toContain("kubectl get hpa");
  });
});

describe("layeredExplanation", () => {
  const f = (
    severity: Finding["severity"],
    layer: Finding["layer"],
    message: string,
    hint: string | null = null,
  ): Finding => ({
    severity,
    layer,
    object: "Deployment/web",
    message,
    hint,
  });

  it("groups findings under their layer's heading in debugging order and names the clear layers", () => {
    const out = layeredExplanation([f("error", "security", "s"), f("warning", "scheduling", "c", "do x")]);
    expect(out.split("\n")).toEqual([
      "Scheduling (where pods go):",
      "  ! Deployment/web: c",
      "      hint: do x",
      "Security (RBAC, Pod Security, securityContext):",
      "  ✖ Deployment/web: s",
      "Nothing to report in: spec, api, node, runtime, network, storage.",
    ]);
  });

  it("says so when nothing was found", () => {
    expect(layeredExplanation([])).toBe("No problems found in any layer.");
  });

  it("keeps the one-line form for chat replies", () => {
    expect(findingLines([f("info", "node", "m", "h")])).toBe("i [node] Deployment/web: m\n    hint: h");
  });
});

describe("applySection", () => {
  it("prints each object's API warnings as kubectl does, before its line", () => {
    const r = runSimulation({
      manifests: `apiVersion: v1
kind: ConfigMap
metadata: {name: cfg}
---
apiVersion: v1
kind: Pod
metadata: {name: mem}
spec:
  containers: [{name: app, image: "nginx:1.27", resources: {requests: {memory: 500m}}}]
`,
    });
    expect(applySection(r.result, r.warnings).split("\n")).toEqual([
      "configmap/cfg created",
      'Warning: spec.containers[0].resources.requests[memory]: fractional byte value "500m" is invalid, must be an integer',
      "pod/mem created",
    ]);
    expect(applySection(r.result)).not.toContain("Warning:");
  });
});
