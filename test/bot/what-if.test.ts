import { describe, expect, it } from "vitest";
import { currentReplicas, parseWhatIf, withWhatIf } from "../../src/bot/what-if.js";
import { LIMITS } from "../../src/core/limits.js";
import { parseAction } from "../../src/sandbox/actions/index.js";

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: nginx}]}
`;

describe("what-if buttons", () => {
  it.each([
    { id: "whatif:drain:node-a", want: { verb: "drain", node: "node-a" } },
    { id: "whatif:node-down:node-b.example", want: { verb: "node-down", node: "node-b.example" } },
    { id: "whatif:scale:deployment/web", want: { verb: "scale", kind: "deployment", name: "web" } },
    { id: "whatif:scale:statefulset/db", want: { verb: "scale", kind: "statefulset", name: "db" } },
    { id: "whatif:drain:Node_A; rm -rf /", want: undefined },
    { id: "whatif:scale:pod/web", want: undefined },
    { id: "whatif:explode:node-a", want: undefined },
    { id: "drill:answer:A", want: undefined },
  ])("parses $id", ({ id, want }) => {
    expect(parseWhatIf(id)).toEqual(want);
  });

  it.each([
    { id: "whatif:drain:node-a", command: "kubectl drain node-a --ignore-daemonsets --delete-emptydir-data" },
    { id: "whatif:node-down:node-a", command: "node-down node-a" },
    { id: "whatif:scale:deployment/web", command: "kubectl scale deployment/web --replicas=6" },
  ])("appends a valid --then action for $id one minute in", ({ id, command }) => {
    const r = withWhatIf({ manifests: DEPLOYMENT }, id);
    if (!r.ok) throw new Error(r.message);
    expect(r.request.actions).toEqual([`1m: ${command}`]);
    expect(r.request.manifests).toBe(DEPLOYMENT);
    expect(r.request.atSeconds).toBe(660);
    const parsed = parseAction(r.request.actions?.[0] ?? "");
    expect(parsed.ok, JSON.stringify(parsed)).toBe(true);
  });

  it("chains follow-ups after the last action and keeps scaling from the last count", () => {
    const first = withWhatIf(
      { manifests: DEPLOYMENT, actions: ["5m: kubectl cordon node-c"] },
      "whatif:scale:deployment/web",
    );
    if (!first.ok) throw new Error(first.message);
    expect(first.request.actions?.[1]).toBe("6m: kubectl scale deployment/web --replicas=6");
    expect(first.label).toBe("what if web is scaled from 3 to 6 6m in");
    expect(currentReplicas(first.request, "deployment", "web")).toBe(6);
    const second = withWhatIf(first.request, "whatif:scale:deployment/web");
    expect(second.ok && second.request.actions?.[2]).toBe("7m: kubectl scale deployment/web --replicas=12");
  });

  it("counts a workload without replicas as 1", () => {
    expect(currentReplicas({ manifests: DEPLOYMENT.replace("  replicas: 3\n", "") }, "deployment", "web")).toBe(1);
  });

  it("refuses an unknown button and a thread past the actions limit with the limit's name", () => {
    expect(withWhatIf({ manifests: DEPLOYMENT }, "whatif:nope")).toMatchObject({ ok: false });
    const full = {
      manifests: DEPLOYMENT,
      actions: Array.from({ length: LIMITS.actions }, () => "1m: kubectl cordon node-a"),
    };
    const r = withWhatIf(full, "whatif:drain:node-a");
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain("actions per simulation limit (100)");
  });
});
