/** `podsensei simulate` as CONTRACT.md specifies it: output forms and exit statuses. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { simulateCommand } from "../../src/cli/simulate-command.js";
import { simulationResultSchema } from "../../src/sandbox/result.js";
import { runCli } from "../support/run-cli.js";

const dir = mkdtempSync(join(tmpdir(), "podsensei-cli-"));
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}
function run(args: string[]) {
  let stdout = "";
  let stderr = "";
  const code = simulateCommand(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const POD =
  "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n";
const REMOVED = "apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  name: old\nspec: {}\n";

describe("podsensei simulate", () => {
  it("accepts a valid pod: exit 0 and a JSON result of the contract's shape", () => {
    const r = run([file("pod.yaml", POD), "--json"]);
    expect(r.code).toBe(0);
    const result = simulationResultSchema.parse(JSON.parse(r.stdout));
    expect(result.objects).toEqual([
      { kind: "Pod", apiVersion: "v1", name: "web", namespace: "default", generated: false, deleted: false },
    ]);
    expect(result.cluster.nodes.map((n) => n.name)).toEqual(["node-a", "node-b", "node-c"]);
  });

  it("exits 1 with the document index and line of a rejected object, and still describes the rest", () => {
    const r = run([file("mixed.yaml", `${POD}---\n${REMOVED}`), "--json"]);
    expect(r.code).toBe(1);
    const result = simulationResultSchema.parse(JSON.parse(r.stdout));
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]).toMatchObject({ document: 2, line: 10, kind: "Deployment", name: "old" });
    expect(result.rejected[0]?.message).toContain('no matches for kind "Deployment" in version "extensions/v1beta1"');
    expect(result.objects.map((o) => o.name)).toEqual(["web"]);
  });

  it("prints the human report by default", () => {
    const r = run([file("pod2.yaml", POD)]);
    expect(r.stdout).toContain("pod/web created");
    expect(r.stdout).toContain("$ kubectl get pods -o wide");
  });

  it.each([
    [["--at", "ten minutes"], "is not a duration"],
    [["--bogus"], "Unknown option"],
    [["--cluster", "/nonexistent/cluster.yaml"], "cannot read --cluster"],
    [["/nonexistent/input.yaml"], "cannot read /nonexistent/input.yaml"],
    [["--at", "48h"], "simulated horizon limit"],
  ])("exits 2 on wrong usage %j", (args, text) => {
    const r = run([...args, ...(args[0]?.startsWith("/") ? [] : [file("u.yaml", POD)])]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(text);
    expect(r.stdout).toBe("");
  });

  it("names a bad --then action once, with kubectl's words", () => {
    const r = run([file("u2.yaml", POD), "--then", "1m: kubectl frobnicate x"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'error: --then "1m: kubectl frobnicate x": error: unsupported action "kubectl frobnicate"',
    );
    expect(r.stderr.split('--then "1m').length - 1).toBe(1);
  });

  it("reads a custom cluster from --cluster", () => {
    const cluster = file(
      "cluster.yaml",
      "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Node\n  metadata:\n    name: big\n  status:\n    allocatable: {cpu: '16', memory: 64Gi, pods: '110'}\n",
    );
    const r = run([file("pod3.yaml", POD), "--cluster", cluster, "--json"]);
    const result = simulationResultSchema.parse(JSON.parse(r.stdout));
    expect(result.cluster.nodes).toEqual([
      { name: "big", ready: true, unschedulable: false, allocatable: { cpu: "16", memory: "64Gi", pods: "110" } },
    ]);
  });

  it("rejects a cluster file that holds something other than Nodes (exit 2)", () => {
    const r = run([file("pod4.yaml", POD), "--cluster", file("notnodes.yaml", POD)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("expected kind Node");
  });

  it("gives the same JSON byte for byte for the same input", () => {
    const p = file("same.yaml", POD);
    expect(run([p, "--json"]).stdout).toBe(run([p, "--json"]).stdout);
  });

  it("adds each HPA's replicas over time to the JSON result, and a get hpa section to the report", () => {
    const manifests = [
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n      - {name: web, image: 'nginx:1.27', resources: {requests: {cpu: 100m}}}\n",
      "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 2\n  maxReplicas: 10\n  metrics:\n  - type: Resource\n    resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}\n",
    ].join("---\n");
    const path = file("hpa.yaml", manifests);
    const args = [path, "--at", "5m", "--then", "2m: load deployment/web cpu=180%"];
    const result = simulationResultSchema.parse(JSON.parse(run([...args, "--json"]).stdout));
    expect(result.autoscaling).toHaveLength(1);
    const replicas = result.autoscaling[0]?.points.map((p) => p.replicas) ?? [];
    expect(replicas[0]).toBe(2);
    expect(Math.max(...replicas)).toBe(8);
    expect(run(args).stdout).toContain("$ kubectl get hpa");
  });

  it("works as the contract invokes it: the real binary reading standard input", () => {
    const r = runCli(["simulate", "--json"], POD);
    expect(r.status).toBe(0);
    expect(simulationResultSchema.parse(JSON.parse(r.stdout)).objects[0]?.name).toBe("web");
  });
});
