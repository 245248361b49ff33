/** ClusterIP and NodePort allocation on Service writes. */
import { describe, expect, it } from "vitest";
import { fieldErrorText, invalidMessage, invalidStatusMessage } from "../../../src/sandbox/api/field-error.js";
import { allocateServiceAddresses, KUBE_DNS_SERVICE_IP } from "../../../src/sandbox/api/service-ip.js";
import { ObjectStore } from "../../../src/sandbox/api/store.js";
import { cidrContains } from "../../../src/sandbox/network/ip.js";
import { service } from "../network/builders.js";

function allocated(store: ObjectStore, ...svcs: ReturnType<typeof service>[]) {
  for (const s of svcs) {
    expect(allocateServiceAddresses(s, store)).toEqual([]);
    store.add(s);
  }
}

describe("allocateServiceAddresses", () => {
  it("gives a ClusterIP in 10.96.0.0/12, deterministic and distinct", () => {
    const a = service("a", { app: "a" }, [{ port: 80 }]);
    const b = service("b", { app: "b" }, [{ port: 80 }]);
    allocated(new ObjectStore(), a, b);
    expect(cidrContains("10.96.0.0/12", a.spec.clusterIP)).toBe(true);
    expect(a.spec.clusterIPs).toEqual([a.spec.clusterIP]);
    expect(a.spec.clusterIP).not.toBe(b.spec.clusterIP);
    const again = service("a", { app: "a" }, [{ port: 80 }]);
    allocateServiceAddresses(again, new ObjectStore());
    expect(again.spec.clusterIP).toBe(a.spec.clusterIP);
  });

  it("leaves headless and ExternalName Services without a virtual IP", () => {
    const h = service("h", { app: "h" }, [{ port: 80 }], { clusterIP: "None" });
    const e = service("e", undefined, [], { type: "ExternalName", externalName: "x.example.com" });
    allocated(new ObjectStore(), h, e);
    expect(h.spec.clusterIPs).toEqual(["None"]);
    expect(e.spec.clusterIP).toBeUndefined();
  });

  it("allocates node ports in 30000-32767 for NodePort and LoadBalancer", () => {
    const n = service("n", { app: "n" }, [{ port: 80 }, { port: 443 }], { type: "NodePort" });
    const l = service("l", { app: "l" }, [{ port: 80 }], { type: "LoadBalancer", externalTrafficPolicy: "Local" });
    allocated(new ObjectStore(), n, l);
    const ports = [...n.spec.ports, ...l.spec.ports].map((p: { nodePort: number }) => p.nodePort);
    for (const p of [...ports, l.spec.healthCheckNodePort]) expect(p >= 30000 && p <= 32767).toBe(true);
    expect(new Set(ports).size).toBe(3);
  });

  it("rejects a node port another Service holds, with kube-apiserver's text", () => {
    const store = new ObjectStore();
    allocated(store, service("web-nodeport", { app: "web" }, [{ port: 80, nodePort: 30080 }], { type: "NodePort" }));
    const dup = service("web-dup", { app: "web" }, [{ port: 80, nodePort: 30080 }], { type: "NodePort" });
    const errs = allocateServiceAddresses(dup, store);
    expect(errs.map(fieldErrorText)).toEqual([
      "spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated",
    ]);
    expect(invalidMessage("Service", "web-dup", errs)).toBe(
      'The Service "web-dup" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
    );
  });

  it("words the server's own Status message without kubectl's 'The', qualified by group, several errors as [a, b]", () => {
    const a = { type: "Required" as const, field: "spec.x" };
    const b = { type: "Required" as const, field: "spec.y" };
    expect(invalidStatusMessage("Pod", "", "p", [a])).toBe('Pod "p" is invalid: spec.x: Required value');
    expect(invalidStatusMessage("StatefulSet", "apps", "s", [a, b, a])).toBe(
      'StatefulSet.apps "s" is invalid: [spec.x: Required value, spec.y: Required value]',
    );
  });

  it.each([
    [
      "taken by kube-dns",
      KUBE_DNS_SERVICE_IP,
      `spec.clusterIPs: Invalid value: []string{"${KUBE_DNS_SERVICE_IP}"}: failed to allocate IP ${KUBE_DNS_SERVICE_IP}: provided IP is already allocated`,
    ],
    [
      "out of range",
      "10.0.0.5",
      'spec.clusterIPs: Invalid value: []string{"10.0.0.5"}: failed to allocate IP 10.0.0.5: the provided IP (10.0.0.5) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    ],
  ])("rejects a requested ClusterIP %s", (_n, ip, text) => {
    const errs = allocateServiceAddresses(
      service("x", { app: "x" }, [{ port: 80 }], { clusterIP: ip }),
      new ObjectStore(),
    );
    expect(errs.map(fieldErrorText)).toEqual([text]);
  });

  it("on update keeps the Service's own ClusterIP and node ports", () => {
    const store = new ObjectStore();
    const old = service("web", { app: "web" }, [{ port: 80 }], { type: "NodePort" });
    allocated(store, old);
    const next = service("web", { app: "web", v: "2" }, [{ port: 80 }], { type: "NodePort" });
    expect(allocateServiceAddresses(next, store, old)).toEqual([]);
    expect(next.spec.clusterIP).toBe(old.spec.clusterIP);
    expect(next.spec.ports[0].nodePort).toBe(old.spec.ports[0].nodePort);
  });
});
