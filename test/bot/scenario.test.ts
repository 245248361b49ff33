import { describe, expect, it } from "vitest";
import { parseFollowUp } from "../../src/bot/follow-up.js";
import type { Scenario } from "../../src/bot/paste-store.js";
import { followUps, resetScenario, withSteps } from "../../src/bot/scenario.js";
import { LIMITS } from "../../src/core/limits.js";
import { simulate } from "../../src/sandbox/simulate.js";

const PASTE = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: app, image: nginx:1.27}]}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: data}
spec:
  replicas: 1
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: pg, image: postgres:17}, {name: exporter, image: exporter:1}]}
`;

function grow(s: Scenario, text: string) {
  const parsed = parseFollowUp(text);
  if (!parsed?.ok) throw new Error(`not a follow-up: ${text}`);
  return withSteps(s, parsed.steps);
}

function grown(s: Scenario, text: string): Scenario {
  const r = grow(s, text);
  if (!r.ok) throw new Error(r.message);
  return r.scenario;
}

describe("a thread's scenario grown by typed follow-ups", () => {
  it.each([
    ["what if node-b goes down", "1m: node-down node-b", 660],
    ["what if I drain node-b", "1m: kubectl drain node-b --ignore-daemonsets --delete-emptydir-data", 660],
    ["scale web to 5", "1m: kubectl scale deployment/web --replicas=5", 660],
    ["scale db to 3", "1m: kubectl scale statefulset/db --replicas=3 -n data", 660],
    ["set image of web to nginx:1.28", "1m: kubectl set image deployment/web app=nginx:1.28", 660],
    ["roll back web", "1m: kubectl rollout undo deployment/web", 660],
    ["what if web hits 180% cpu", "1m: load deployment/web cpu=180%", 660],
    // A name the paste lacks goes on as a Deployment: the simulation says it is not found.
    ["scale api to 2", "1m: kubectl scale deployment/api --replicas=2", 660],
    ["kubectl drain node-c", "1m: kubectl drain node-c", 660],
    ["at 30s: kubectl cordon node-a", "30s: kubectl cordon node-a", 630],
  ])("%j becomes %j, simulated to %i s", (text, action, horizon) => {
    const s = grown({ manifests: PASTE }, text);
    expect(s.actions).toEqual([action]);
    expect(s.atSeconds).toBe(horizon);
  });

  it("adds each follow-up after the previous one and keeps what the paste itself had", () => {
    const paste: Scenario = { manifests: PASTE, atSeconds: 300, actions: ["2m: kubectl cordon node-c"] };
    const first = grown(paste, "what if node-b goes down");
    const second = grown(first, "after 90s: scale web to 4");
    const third = grown(second, "at 1m: kubectl uncordon node-c");
    expect(third.actions).toEqual([
      "2m: kubectl cordon node-c",
      "3m: node-down node-b",
      "4m30s: kubectl scale deployment/web --replicas=4",
      "1m: kubectl uncordon node-c",
    ]);
    expect(third.atSeconds).toBe(270 + 600);
    expect(followUps(third)).toEqual(third.actions?.slice(1));
    expect(resetScenario(third)).toEqual(paste);
  });

  it("applies YAML as a file of the scenario, numbered per thread", () => {
    const parsed = parseFollowUp(
      "then apply at 2m:\n```yaml\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra}\n```",
    );
    if (!parsed?.ok) throw new Error("not a follow-up");
    const r = withSteps({ manifests: PASTE }, parsed.steps);
    if (!r.ok) throw new Error(r.message);
    expect(r.scenario.actions).toEqual(["2m: kubectl apply -f then-apply-1.yaml"]);
    expect(r.scenario.files).toEqual({
      "then-apply-1.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra}",
    });
    const again = withSteps(r.scenario, parsed.steps);
    expect(again.ok && again.scenario.actions?.[1]).toBe("2m: kubectl apply -f then-apply-2.yaml");
    // The sandbox runs it: the ConfigMap exists at the horizon.
    const result = simulate({
      manifests: PASTE,
      actions: r.scenario.actions ?? [],
      files: r.scenario.files ?? {},
      atSeconds: r.scenario.atSeconds ?? 0,
    });
    expect(result.objects).toContainEqual(expect.objectContaining({ kind: "ConfigMap", name: "extra" }));
  });

  it("finds a workload in YAML applied earlier in the thread", () => {
    const withApi = grown(
      { manifests: PASTE },
      "then apply\n```yaml\napiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: api}\nspec: {selector: {matchLabels: {a: b}}, serviceName: api, template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c, image: x}]}}}\n```",
    );
    expect(grown(withApi, "scale api to 2").actions?.[1]).toBe("2m: kubectl scale statefulset/api --replicas=2");
  });

  it.each([
    ["set image of db to postgres:18", "has the containers pg, exporter"],
    ["then apply\n```yaml\nkind: [\n```", "then-apply-1.yaml"],
    ["at 25h: node-down node-a", "past the simulated horizon limit (24h)"],
  ])("refuses %j with why", (text, message) => {
    const r = grow({ manifests: PASTE }, text);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain(message);
  });

  it("refuses a thread at the actions limit, naming it", () => {
    const full = {
      manifests: PASTE,
      actions: Array.from({ length: LIMITS.actions }, () => "1m: kubectl cordon node-a"),
    };
    const r = grow(full, "kubectl uncordon node-a");
    expect(!r.ok && r.message).toContain("actions per simulation limit (100)");
  });

  it("refuses YAML that would take the thread past the paste size limit", () => {
    const big = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata: {x: "${"y".repeat(LIMITS.pasteBytes)}"}`;
    const r = grow({ manifests: PASTE }, `then apply\n${big}`);
    expect(!r.ok && r.message).toContain("paste size limit");
  });
});
