/** Cluster DNS names of Services and StatefulSet pods. */
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../../src/sandbox/model/object.js";
import { podDnsNames, resolveDns, statefulSetDnsNames } from "../../../src/sandbox/network/dns.js";
import { serviceDnsName } from "../../../src/sandbox/network/service.js";
import { addAll, pod, service, storeWith } from "./builders.js";

const sts = (serviceName: string): KubeObject => ({
  apiVersion: "apps/v1",
  kind: "StatefulSet",
  metadata: { name: "web", namespace: "default" },
  spec: { serviceName, replicas: 2 },
});

describe("DNS", () => {
  it("names a Service <svc>.<ns>.svc.cluster.local and answers with its ClusterIP", () => {
    const store = storeWith();
    const s = service("web", { app: "web" }, [{ port: 80 }], { clusterIP: "10.96.12.34" });
    addAll(store, [s]);
    expect(serviceDnsName(s)).toBe("web.default.svc.cluster.local");
    expect(resolveDns("web.default.svc.cluster.local.", store)).toMatchObject({ type: "A", answers: ["10.96.12.34"] });
    expect(resolveDns("api.default.svc.cluster.local", store).type).toBe("NXDOMAIN");
  });

  it("a headless Service answers with ready pod IPs, an ExternalName with a CNAME", () => {
    const store = storeWith();
    addAll(store, [
      service("nginx", { app: "nginx" }, [{ port: 80 }], { clusterIP: "None" }),
      service("db", undefined, [], { type: "ExternalName", externalName: "db.example.com" }),
      pod("a", { app: "nginx" }, { ip: "10.244.1.5" }),
      pod("b", { app: "nginx" }, { ip: "10.244.2.5", ready: false }),
    ]);
    expect(resolveDns("nginx.default.svc.cluster.local", store)).toMatchObject({ type: "A", answers: ["10.244.1.5"] });
    expect(resolveDns("db.default.svc.cluster.local", store)).toMatchObject({
      type: "CNAME",
      answers: ["db.example.com"],
    });
  });

  it("StatefulSet pods get <pod>.<governing svc>.<ns>.svc.cluster.local through a headless Service", () => {
    const store = storeWith();
    const p = pod("web-0", { app: "nginx" }, { ip: "10.244.1.9", hostname: "web-0", subdomain: "nginx" });
    addAll(store, [service("nginx", { app: "nginx" }, [{ port: 80 }], { clusterIP: "None" }), p]);
    expect(statefulSetDnsNames(sts("nginx"), store)).toEqual({
      names: ["web-0.nginx.default.svc.cluster.local", "web-1.nginx.default.svc.cluster.local"],
      problem: null,
    });
    expect(podDnsNames(p, store)).toEqual(["web-0.nginx.default.svc.cluster.local"]);
    expect(resolveDns("web-0.nginx.default.svc.cluster.local", store)).toMatchObject({
      type: "A",
      answers: ["10.244.1.9"],
    });
  });

  it.each([
    ["missing", [], "does not exist"],
    ["not headless", [service("nginx", { app: "nginx" }, [{ port: 80 }])], "is not headless"],
  ])("a governing Service that is %s breaks per-pod names", (_n, extra, text) => {
    const store = storeWith();
    addAll(store, extra);
    expect(statefulSetDnsNames(sts("nginx"), store).problem).toContain(text);
  });
});
