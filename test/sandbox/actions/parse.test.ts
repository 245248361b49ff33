import { describe, expect, it } from "vitest";
import { parseAction } from "../../../src/sandbox/actions/index.js";

describe("parseAction", () => {
  it.each([
    [
      "2m: kubectl scale deployment/web --replicas=5",
      { verb: "scale", kind: "Deployment", name: "web", namespace: "default", replicas: 5, at: 120 },
    ],
    [
      "30s: kubectl scale deploy web --replicas 0 -n shop",
      { verb: "scale", kind: "Deployment", name: "web", namespace: "shop", replicas: 0 },
    ],
    ["1m: kubectl cordon node-b", { verb: "cordon", node: "node-b", at: 60 }],
    ["1m: kubectl uncordon node/node-b", { verb: "uncordon", node: "node-b" }],
    [
      "2m: kubectl drain node-b --ignore-daemonsets --delete-emptydir-data",
      {
        verb: "drain",
        node: "node-b",
        ignoreDaemonsets: true,
        deleteEmptydirData: true,
        force: false,
        gracePeriod: null,
      },
    ],
    [
      "1m: kubectl set image deployment/web web=nginx:1.28",
      { verb: "set-image", kind: "Deployment", name: "web", images: { web: "nginx:1.28" } },
    ],
    [
      "1m: kubectl delete pod web-0 web-1",
      {
        verb: "delete",
        targets: [
          { kind: "Pod", name: "web-0", namespace: "default" },
          { kind: "Pod", name: "web-1", namespace: "default" },
        ],
        gracePeriod: null,
      },
    ],
    [
      "3m: kubectl rollout undo deployment/web --to-revision=1",
      { verb: "rollout-undo", kind: "Deployment", name: "web", toRevision: 1 },
    ],
    [
      "1m: kubectl label nodes node-a disktype=ssd tier-",
      { verb: "label", kind: "Node", name: "node-a", set: { disktype: "ssd" }, remove: ["tier"], overwrite: false },
    ],
    [
      "1m: kubectl taint nodes node-a dedicated=gpu:NoSchedule",
      { verb: "taint", node: "node-a", add: [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }], remove: [] },
    ],
    [
      "1m: kubectl taint node node-a dedicated:NoSchedule-",
      { verb: "taint", node: "node-a", add: [], remove: [{ key: "dedicated", effect: "NoSchedule" }] },
    ],
    ["90s: node-down node-b", { verb: "node-down", node: "node-b", at: 90 }],
    [
      "1m: load deployment/web cpu=90%,memory=40",
      { verb: "load", kind: "Deployment", name: "web", cpu: 90, memory: 40 },
    ],
    ["1m: kubectl apply -f v2.yaml", { verb: "apply", file: "v2.yaml", namespace: null }],
  ])("%s", (text, want) => {
    const r = parseAction(text, { "v2.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n" });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.action).toMatchObject(want);
  });

  it.each([
    ["kubectl cordon node-b", "expected 'DURATION: COMMAND'"],
    ["soon: kubectl cordon node-b", 'time: invalid duration "soon"'],
    ["1m: kubectl scale deployment/web", "--replicas=COUNT"],
    ["1m: kubectl frobnicate x", 'unsupported action "kubectl frobnicate"'],
    ["1m: kubectl scale widgets/x --replicas=1", 'the server doesn\'t have a resource type "widgets"'],
    ["1m: kubectl apply -f missing.yaml", 'the path "missing.yaml" does not exist'],
    ["1m: kubectl taint nodes node-a bad", "invalid taint spec: bad"],
    ["1m: load deployment/web", "USAGE: load"],
  ])("%s is refused", (text, fragment) => {
    const r = parseAction(text, {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(fragment);
  });
});
