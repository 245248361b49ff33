import { describe, expect, it } from "vitest";
import { parseFollowUp } from "../../src/bot/follow-up.js";
import { durationSeconds, takeTiming } from "../../src/bot/follow-up-time.js";

const next = { mode: "next" };
const command = (c: string, timing: object = next) => ({
  ok: true,
  steps: [{ intent: { verb: "command", command: c }, timing }],
});
const plain = (intent: object, timing: object = next) => ({ ok: true, steps: [{ intent, timing }] });

describe("typed follow-ups", () => {
  it.each([
    // Every CONTRACT `--then` command, as typed.
    ["kubectl drain node-b --ignore-daemonsets", command("kubectl drain node-b --ignore-daemonsets")],
    ["kubectl set image deployment/web web=nginx:1.28", command("kubectl set image deployment/web web=nginx:1.28")],
    ["kubectl scale deploy/web --replicas=5", command("kubectl scale deploy/web --replicas=5")],
    ["kubectl rollout undo deployment/web", command("kubectl rollout undo deployment/web")],
    ["kubectl cordon node-a", command("kubectl cordon node-a")],
    ["kubectl uncordon node-a", command("kubectl uncordon node-a")],
    ["kubectl taint nodes node-a gpu=true:NoSchedule", command("kubectl taint nodes node-a gpu=true:NoSchedule")],
    ["kubectl label node node-a disk=ssd", command("kubectl label node node-a disk=ssd")],
    ["kubectl delete pod web-1 --now", command("kubectl delete pod web-1 --now")],
    ["node-down node-b", command("node-down node-b")],
    ["load deployment/web cpu=180%", command("load deployment/web cpu=180%")],
    // As inline code, with a question mark, after "then".
    ["`kubectl cordon node-a`", command("kubectl cordon node-a")],
    ["then kubectl cordon node-a?", command("kubectl cordon node-a")],
    // Times.
    ["at 2m: kubectl drain node-b", command("kubectl drain node-b", { mode: "at", seconds: 120 })],
    ["2m: node-down node-c", command("node-down node-c", { mode: "at", seconds: 120 })],
    ["after 90s kubectl cordon node-a", command("kubectl cordon node-a", { mode: "after", seconds: 90 })],
    ["kubectl cordon node-a at 1h30m", command("kubectl cordon node-a", { mode: "at", seconds: 5400 })],
    // Plain language.
    ["what if node-b goes down?", plain({ verb: "node-down", node: "node-b" })],
    ["What if I drain node-b", plain({ verb: "drain", node: "node-b" })],
    ["what if we cordon node node-c", plain({ verb: "cordon", node: "node-c" })],
    ["what if node-a dies", plain({ verb: "node-down", node: "node-a" })],
    ["take node-a down", plain({ verb: "node-down", node: "node-a" })],
    [
      "what if node-b goes down in 5 minutes",
      plain({ verb: "node-down", node: "node-b" }, { mode: "after", seconds: 300 }),
    ],
    ["scale web to 5", plain({ verb: "scale", name: "web", replicas: 5 })],
    ["scale statefulset/db to 3 replicas", plain({ verb: "scale", kind: "statefulset", name: "db", replicas: 3 })],
    ["what if I scale sts db to 0", plain({ verb: "scale", kind: "statefulset", name: "db", replicas: 0 })],
    ["set image of web to nginx:1.28", plain({ verb: "image", name: "web", image: "nginx:1.28" })],
    ["what if web runs registry.local/App:V2", plain({ verb: "image", name: "web", image: "registry.local/App:V2" })],
    ["update deploy/web to nginx:1.28", plain({ verb: "image", kind: "deployment", name: "web", image: "nginx:1.28" })],
    ["roll back web", plain({ verb: "rollback", name: "web" })],
    ["what if I undo the rollout of ds/agent", plain({ verb: "rollback", kind: "daemonset", name: "agent" })],
    ["what if web hits 180% cpu", plain({ verb: "load", name: "web", cpu: 180 })],
    ["reset scenario", plain({ verb: "reset" })],
    ["start over from the paste", plain({ verb: "reset" })],
    // Several lines: several steps.
    [
      "kubectl cordon node-a\nat 5m: kubectl drain node-a",
      {
        ok: true,
        steps: [
          { intent: { verb: "command", command: "kubectl cordon node-a" }, timing: next },
          { intent: { verb: "command", command: "kubectl drain node-a" }, timing: { mode: "at", seconds: 300 } },
        ],
      },
    ],
  ])("%j", (text, want) => {
    expect(parseFollowUp(text)).toEqual(want);
  });

  it.each([
    ["then apply\n```yaml\nkind: ConfigMap\n```", next],
    ["what if I apply this at 3m:\n```yaml\nkind: ConfigMap\n```", { mode: "at", seconds: 180 }],
    ["after 2m then kubectl apply:\nkind: ConfigMap", { mode: "after", seconds: 120 }],
  ])("takes %j as applying its YAML", (text, timing) => {
    expect(parseFollowUp(text)).toEqual(plain({ verb: "apply", manifests: "kind: ConfigMap" }, timing));
  });

  it("applies an attached file after a bare 'then apply'", () => {
    expect(parseFollowUp("then apply", "kind: Secret\n")).toEqual(plain({ verb: "apply", manifests: "kind: Secret" }));
  });

  it.each([
    ["kubectl drian node-b", 'error: unsupported action "kubectl drian": use scale, cordon'],
    ["kubectl scale deploy/web", "--replicas=COUNT flag is required"],
    ["kubectl get pods", 'unsupported action "kubectl get"'],
    ["kubectl apply -f app.yaml", 'write "then apply" followed by the YAML'],
    ["node-down", "USAGE: node-down NODE"],
    ["what if the moon falls", "I don't know this what-if"],
    ["at 2m: make coffee", "I don't know this what-if"],
    ["then apply", "there is no YAML after it"],
    ["kubectl cordon node-a\nmake coffee", "I don't know this what-if"],
    [`kubectl label node node-a ${"x=y ".repeat(300)}`, "over 900 characters"],
  ])("explains why %j cannot be used", (text, problem) => {
    const r = parseFollowUp(text);
    expect(r?.ok).toBe(false);
    expect(r && !r.ok && r.problem).toContain(problem);
  });

  it.each([
    "help",
    "next",
    "b",
    "what is a pod",
    "hello there",
    "reset",
    "```yaml\nkind: Pod\n```",
    "apiVersion: v1\nkind: Pod\nmetadata: {name: p}",
    "kubectl apply this please\n```yaml\nkind: Pod\n```",
  ])("leaves %j to the tutor and the paste route", (text) => {
    expect(parseFollowUp(text)).toBeUndefined();
  });

  it("leaves a message with a YAML file and no 'then apply' to the paste route", () => {
    expect(parseFollowUp("kubectl drain node-b", "kind: Pod")).toBeUndefined();
  });
});

describe("follow-up times", () => {
  it.each([
    ["90s", 90],
    ["1m30s", 90],
    ["1.5h", 5400],
    ["2 minutes", 120],
    ["90 seconds", 90],
    ["1 hour", 3600],
    ["soon", null],
  ])("%s is %s seconds", (text, seconds) => {
    expect(durationSeconds(text)).toBe(seconds);
  });

  it("never reads a leading number without its colon as a time", () => {
    expect(takeTiming("5m kubectl cordon node-a")).toEqual({ timing: next, rest: "5m kubectl cordon node-a" });
  });
});
