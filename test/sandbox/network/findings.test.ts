/** Network findings: Services, Ingresses and NetworkPolicies. */
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../../src/sandbox/model/object.js";
import { networkFindings } from "../../../src/sandbox/network/findings.js";
import { addAll, objects, pod, service, storeWith } from "./builders.js";

function findings(list: KubeObject[]) {
  const store = storeWith();
  addAll(store, list);
  return networkFindings({ store });
}

const ingress = (spec: Record<string, unknown>): KubeObject => ({
  apiVersion: "networking.k8s.io/v1",
  kind: "Ingress",
  metadata: { name: "shop" },
  spec,
});
const route = (name: string, port: Record<string, unknown>) => ({
  http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name, port } } }] },
});
const nginxClass: KubeObject = {
  apiVersion: "networking.k8s.io/v1",
  kind: "IngressClass",
  metadata: { name: "nginx", annotations: { "ingressclass.kubernetes.io/is-default-class": "true" } },
  spec: { controller: "k8s.io/ingress-nginx" },
};

describe("networkFindings: Services", () => {
  it("a selector that matches nothing names the selector and the closest pods", () => {
    const f = findings([service("web", { app: "web" }, [{ port: 80 }]), pod("webapp-1", { app: "webapp" })]);
    const hit = f.find((x) => x.object === "Service/web");
    expect(hit).toMatchObject({ severity: "warning", layer: "network" });
    expect(hit?.message).toContain("selects app=web, but no pod in namespace default has those labels");
    expect(hit?.message).toContain("closest: pod webapp-1 (app=webapp)");
  });

  it("names each closest label set once, a workload's pods by their workload, without generated labels", () => {
    const deploy: KubeObject = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "webapp" },
      spec: { template: { metadata: { labels: { app: "webapp" } } } },
    };
    const f = findings([
      service("web", { app: "web" }, [{ port: 80 }]),
      deploy,
      pod("webapp-5d-a", { app: "webapp", "pod-template-hash": "5d" }),
      pod("webapp-5d-b", { app: "webapp", "pod-template-hash": "5d" }),
    ]);
    expect(f.find((x) => x.object === "Service/web")?.message).toMatch(
      /closest: pods of Deployment\/webapp \(app=webapp\)$/,
    );
  });

  it("pods selected but none Ready", () => {
    const f = findings([service("web", { app: "web" }, [{ port: 80 }]), pod("w", { app: "web" }, { ready: false })]);
    expect(f.some((x) => x.message.includes("none Ready"))).toBe(true);
  });

  it.each([
    ["a named targetPort the pods lack", { name: "http", port: 80, targetPort: "http" }, "do not declare"],
    [
      "a numeric targetPort the pods do not expose",
      { port: 80, targetPort: 8080 },
      "which the selected pods do not expose (they declare 80)",
    ],
  ])("%s", (_n, port, text) => {
    const f = findings([
      service("web", { app: "web" }, [port]),
      pod("w", { app: "web" }, { ports: [{ name: "web", containerPort: 80 }] }),
    ]);
    expect(f.some((x) => x.object === "Service/web" && x.message.includes(text))).toBe(true);
  });

  it("no finding for a healthy Service", () => {
    const f = findings([
      service("web", { app: "web" }, [{ port: 80, targetPort: 8080 }]),
      pod("w", { app: "web" }, { ports: [{ containerPort: 8080 }] }),
    ]);
    expect(f).toEqual([]);
  });

  it("LoadBalancer stays <pending>, said plainly, with its NodePort", () => {
    const f = findings([
      service("web", { app: "web" }, [{ port: 80, nodePort: 30080 }], { type: "LoadBalancer" }),
      pod("w", { app: "web" }),
    ]);
    expect(f.find((x) => x.message.includes("EXTERNAL-IP stays <pending>"))?.message).toContain("NodePort 30080");
  });

  it("a selectorless Service without its own endpoints goes nowhere", () => {
    expect(findings([service("ext", undefined, [{ port: 80 }])])[0]?.message).toContain(
      "no selector and no EndpointSlice",
    );
  });
});

describe("networkFindings: Ingress", () => {
  it.each([
    ["a missing Service", [nginxClass], route("api", { number: 80 }), "Service api, which does not exist"],
    [
      "a missing port",
      [nginxClass, service("web", { app: "web" }, [{ port: 80 }]), pod("w", { app: "web" })],
      route("web", { number: 8080 }),
      "which has no such port (its ports: 80)",
    ],
    [
      "no ready endpoints",
      [nginxClass, service("web", { app: "web" }, [{ port: 80 }])],
      route("web", { number: 80 }),
      "no ready endpoints",
    ],
    [
      "no class and no default class",
      [service("web", { app: "web" }, [{ port: 80 }]), pod("w", { app: "web" })],
      route("web", { number: 80 }),
      "no default IngressClass",
    ],
  ])("%s", (_n, extra, rule, text) => {
    const f = findings([...(extra as KubeObject[]), ingress({ rules: [rule] })]);
    expect(f.some((x) => x.object === "Ingress/shop" && x.message.includes(text))).toBe(true);
  });

  it("a healthy route only gets the no-controller note", () => {
    const f = findings([
      nginxClass,
      service("web", { app: "web" }, [{ name: "http", port: 80 }]),
      pod("w", { app: "web" }),
      ingress({ rules: [route("web", { name: "http" })] }),
    ]);
    expect(f.filter((x) => x.object === "Ingress/shop").map((x) => x.severity)).toEqual(["info"]);
    expect(f.find((x) => x.object === "Ingress/shop")?.message).toContain("for class nginx");
  });
});

describe("networkFindings: NetworkPolicy", () => {
  const denyAll = objects(
    "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-all}\nspec: {podSelector: {}, policyTypes: [Ingress, Egress]}",
  );

  it("default deny all: DNS blocked and the Service unreachable, each named", () => {
    const f = findings([
      ...denyAll,
      service("web", { app: "web" }, [{ port: 80 }]),
      pod("w", { app: "web" }),
      pod("c", { app: "client" }),
    ]);
    expect(f.find((x) => x.message.includes("cannot resolve names"))).toMatchObject({
      severity: "error",
      layer: "network",
    });
    expect(f.find((x) => x.message.includes("reachable from no source"))?.message).toContain("by policy deny-all");
  });

  it("a policy that selects nothing has no effect", () => {
    const np = objects(
      "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: typo}\nspec: {podSelector: {matchLabels: {app: wbe}}}",
    );
    expect(
      findings([...np, pod("w", { app: "web" })]).some((x) => x.message.includes("NetworkPolicy/typo selects no pod")),
    ).toBe(true);
  });
});
