/** Reachability explanations, named ports, Services, DNS egress and the connectivity matrix. */
import { describe, expect, it } from "vitest";
import { dnsReachability } from "../../../src/sandbox/network/dns.js";
import { OUTSIDE, reachabilityMatrix } from "../../../src/sandbox/network/matrix.js";
import { canReach } from "../../../src/sandbox/network/reachability.js";
import { addAll, ipPeer, objects, pod, podPeer, service, storeWith } from "./builders.js";

const DENY_INGRESS = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all}
spec: {podSelector: {}, policyTypes: [Ingress]}
`;

function shop() {
  const store = storeWith();
  const frontend = pod("frontend-1", { app: "frontend" });
  const cart = pod("cartservice-1", { app: "cartservice" }, { ports: [{ name: "grpc", containerPort: 7070 }] });
  addAll(store, [frontend, cart, service("cartservice", { app: "cartservice" }, [{ port: 7070, targetPort: "grpc" }])]);
  return { store, frontend, cart };
}

describe("canReach explanations", () => {
  it("names the isolating policy and the missing rule", () => {
    const { store, frontend, cart } = shop();
    addAll(store, objects(DENY_INGRESS));
    const v = canReach(podPeer(frontend), podPeer(cart), 7070, "TCP", store);
    expect(v.allowed).toBe(false);
    expect(v.reason).toBe(
      "frontend → cartservice:7070 denied: cartservice is isolated for ingress by policy deny-all, and no policy allows ingress from app=frontend",
    );
  });

  it("says when a rule admits the peer on other ports only", () => {
    const { store, frontend, cart } = shop();
    addAll(
      store,
      objects(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: cart-admin}
spec:
  podSelector: {matchLabels: {app: cartservice}}
  ingress:
  - from: [{podSelector: {matchLabels: {app: frontend}}}]
    ports: [{port: 9000}]
`),
    );
    const v = canReach(podPeer(frontend), podPeer(cart), 7070, "TCP", store);
    expect(v.allowed).toBe(false);
    expect(v.reason).toContain("on 7070/TCP (policy cart-admin allows it on other ports only)");
  });

  it("a named port in a policy matches the receiving pod's containerPort of that name", () => {
    const { store, frontend, cart } = shop();
    addAll(
      store,
      objects(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: cart-grpc}
spec:
  podSelector: {matchLabels: {app: cartservice}}
  ingress:
  - ports: [{port: grpc}]
`),
    );
    expect(canReach(podPeer(frontend), podPeer(cart), 7070, "TCP", store).allowed).toBe(true);
    expect(canReach(podPeer(frontend), podPeer(cart), 7071, "TCP", store).allowed).toBe(false);
    expect(canReach(podPeer(frontend), podPeer(cart), "grpc", "TCP", store).allowed).toBe(true);
  });

  it("policyTypes omitted: Ingress, plus Egress when the policy has egress rules", () => {
    const { store, frontend, cart } = shop();
    addAll(
      store,
      objects(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: frontend-out}
spec:
  podSelector: {matchLabels: {app: frontend}}
  egress:
  - to: [{podSelector: {matchLabels: {app: cartservice}}}]
`),
    );
    expect(canReach(podPeer(frontend), podPeer(cart), 7070, "TCP", store).allowed).toBe(true);
    expect(canReach(podPeer(frontend), ipPeer("8.8.8.8"), 443, "TCP", store).allowed).toBe(false);
    expect(canReach(podPeer(cart), podPeer(frontend), 8080, "TCP", store).allowed).toBe(false);
  });

  it("ingress: [] and a policy without rules deny all ingress; ingress: [{}] allows all", () => {
    const { store, frontend, cart } = shop();
    addAll(
      store,
      objects(
        `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: empty}\nspec: {podSelector: {matchLabels: {app: cartservice}}, ingress: []}`,
      ),
    );
    expect(canReach(podPeer(frontend), podPeer(cart), 7070, "TCP", store).allowed).toBe(false);
    addAll(
      store,
      objects(
        `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: open}\nspec: {podSelector: {matchLabels: {app: cartservice}}, ingress: [{}]}`,
      ),
    );
    expect(canReach(podPeer(frontend), podPeer(cart), 7070, "TCP", store).by).toEqual(["open"]);
  });
});

describe("through a Service", () => {
  it("resolves the Service port to each ready backend's target port", () => {
    const { store, frontend } = shop();
    const svc = store.get("Service", "default", "cartservice");
    if (!svc) throw new Error("fixture");
    const v = canReach(podPeer(frontend), { kind: "service", service: svc }, 7070, "TCP", store);
    expect(v.allowed).toBe(true);
    expect(v.backends).toHaveLength(1);
    expect(v.reason).toContain("via Service cartservice.default.svc.cluster.local:7070");
  });

  it("fails plainly for a missing port or no ready endpoints", () => {
    const { store, frontend } = shop();
    const svc = store.get("Service", "default", "cartservice");
    if (!svc) throw new Error("fixture");
    expect(canReach(podPeer(frontend), { kind: "service", service: svc }, 80, "TCP", store).reason).toContain(
      "has no port 80/TCP",
    );
    store.patch("Pod", "default", "cartservice-1", (p) => {
      p.status.conditions = [{ type: "Ready", status: "False" }];
    });
    const v = canReach(podPeer(frontend), { kind: "service", service: svc }, 7070, "TCP", store);
    expect(v.allowed).toBe(false);
    expect(v.reason).toContain("has no ready endpoints");
  });
});

describe("DNS egress", () => {
  const DENY_EGRESS = `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-egress}\nspec: {podSelector: {}, policyTypes: [Egress]}`;
  const ALLOW_DNS = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-dns}
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
  - to:
    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}
      podSelector: {matchLabels: {k8s-app: kube-dns}}
    ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]
`;
  it("a default-deny egress blocks DNS to the implicit kube-dns pods", () => {
    const { store, frontend } = shop();
    addAll(store, objects(DENY_EGRESS));
    const { udp } = dnsReachability(frontend, store);
    expect(udp.allowed).toBe(false);
    expect(udp.reason).toContain(
      "frontend is isolated for egress by policy deny-egress, and no policy allows egress to k8s-app=kube-dns in namespace kube-system",
    );
  });

  it("an egress rule to kube-dns on 53 restores it, UDP and TCP", () => {
    const { store, frontend } = shop();
    addAll(store, objects([DENY_EGRESS, ALLOW_DNS].join("\n---\n")));
    const { udp, tcp } = dnsReachability(frontend, store);
    expect(udp.allowed && tcp.allowed).toBe(true);
    expect(udp.by).toEqual(["allow-dns"]);
  });
});

describe("reachabilityMatrix", () => {
  it("has one column per workload plus the outside, and states per Service port", () => {
    const { store } = shop();
    addAll(store, objects(DENY_INGRESS));
    addAll(store, [service("web", { app: "frontend" }, [{ port: 80, targetPort: 8080 }], { type: "NodePort" })]);
    const m = reachabilityMatrix({ store });
    expect(m.sources).toEqual(["Pod/frontend-1", "Pod/cartservice-1", OUTSIDE]);
    expect(m.services).toEqual(["default/cartservice:7070/TCP", "default/web:80/TCP"]);
    const cell = (svc: string, src: string) => m.cells.find((c) => c.service === svc && c.source === src)?.state;
    expect(cell("default/cartservice:7070/TCP", "Pod/frontend-1")).toBe("denied");
    expect(cell("default/cartservice:7070/TCP", OUTSIDE)).toBe("not-exposed");
    expect(cell("default/web:80/TCP", OUTSIDE)).toBe("denied");
  });
});
