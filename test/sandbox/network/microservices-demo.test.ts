/**
 * The shared corpus' microservices-demo with its network-policies component: the intended
 * traffic (each service admits exactly its callers on its port) is allowed, everything else denied.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { ObjectStore } from "../../../src/sandbox/api/store.js";
import type { KubeObject } from "../../../src/sandbox/model/object.js";
import { dnsReachability } from "../../../src/sandbox/network/dns.js";
import { networkFindings } from "../../../src/sandbox/network/findings.js";
import { canReach } from "../../../src/sandbox/network/reachability.js";
import { corpusRoot } from "../../support/paths.js";
import { addAll, objects, pod, podPeer, storeWith } from "./builders.js";

const demo = join(corpusRoot, "microservices-demo");
let store: ObjectStore;
const pods = new Map<string, KubeObject>();

beforeAll(() => {
  store = storeWith();
  const manifests = objects(readFileSync(join(demo, "release/kubernetes-manifests.yaml"), "utf8"));
  const policyDir = join(demo, "kustomize/components/network-policies");
  const policies = readdirSync(policyDir)
    .filter((f) => f.startsWith("network-policy-"))
    .flatMap((f) => objects(readFileSync(join(policyDir, f), "utf8")));
  for (const d of manifests.filter((o) => o.kind === "Deployment")) {
    const labels = d.spec.template.metadata.labels as Record<string, string>;
    const p = pod(`${d.metadata.name}-0`, labels, {
      ports: d.spec.template.spec.containers.flatMap((c: { ports?: unknown[] }) => c.ports ?? []),
    });
    pods.set(d.metadata.name ?? "", p);
    addAll(store, [p]);
  }
  addAll(
    store,
    manifests.filter((o) => o.kind === "Service"),
  );
  addAll(store, policies);
});

const svc = (name: string) => {
  const s = store.get("Service", "default", name);
  if (!s) throw new Error(`no Service ${name}`);
  return { kind: "service", service: s } as const;
};
const from = (name: string) => podPeer(pods.get(name) as KubeObject);

describe("microservices-demo network policies", () => {
  it.each([
    ["frontend", "cartservice", 7070, true],
    ["checkoutservice", "cartservice", 7070, true],
    ["recommendationservice", "cartservice", 7070, false],
    ["cartservice", "redis-cart", 6379, true],
    ["frontend", "redis-cart", 6379, false],
    ["frontend", "checkoutservice", 5050, true],
    ["cartservice", "checkoutservice", 5050, false],
    ["frontend", "productcatalogservice", 3550, true],
    ["recommendationservice", "productcatalogservice", 3550, true],
    ["emailservice", "productcatalogservice", 3550, false],
    ["checkoutservice", "paymentservice", 50051, true],
    ["frontend", "paymentservice", 50051, false],
    ["checkoutservice", "emailservice", 5000, true],
    ["frontend", "adservice", 9555, true],
    ["loadgenerator", "frontend", 80, true],
  ] as const)("%s → %s:%i allowed: %s", (src, dst, port, allowed) => {
    const v = canReach(from(src), svc(dst), port, "TCP", store);
    expect(v.allowed, v.reason).toBe(allowed);
  });

  it("a denial names the policy isolating the receiver", () => {
    const v = canReach(from("frontend"), svc("redis-cart"), 6379, "TCP", store);
    expect(v.reason).toContain(
      "redis-cart is isolated for ingress by policies deny-all, redis-cart, and no policy allows ingress from app=frontend",
    );
  });

  it("the frontend is open to the outside through frontend-external", () => {
    expect(canReach({ kind: "external", ip: "203.0.113.10" }, svc("frontend-external"), 80, "TCP", store).allowed).toBe(
      true,
    );
  });

  it("every workload keeps DNS (each policy allows all egress)", () => {
    for (const p of pods.values()) expect(dnsReachability(p, store).udp.allowed).toBe(true);
  });

  it("findings report no DNS breakage and no unreachable Service", () => {
    const f = networkFindings({ store });
    expect(f.filter((x) => x.message.includes("cannot resolve names"))).toEqual([]);
    expect(f.filter((x) => x.message.includes("reachable from no source"))).toEqual([]);
    expect(f.some((x) => x.object === "Service/frontend-external" && x.message.includes("<pending>"))).toBe(true);
  });
});
