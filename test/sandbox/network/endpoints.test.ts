/** Endpoint selection and conditions (endpointslice/utils.go podToEndpoint, ShouldPodBeInEndpoints). */
import { describe, expect, it } from "vitest";
import { serviceEndpoints } from "../../../src/sandbox/network/endpoints.js";
import { pod, service } from "./builders.js";

const web = (extra: Record<string, unknown> = {}) =>
  service("web", { app: "web" }, [{ name: "http", port: 80, targetPort: "http" }], extra);

describe("serviceEndpoints", () => {
  it.each([
    ["ready pod", pod("a", { app: "web" }), { ready: true, serving: true, terminating: false }],
    ["not-ready pod", pod("b", { app: "web" }, { ready: false }), { ready: false, serving: false, terminating: false }],
    [
      "terminating ready pod",
      pod("c", { app: "web" }, { terminating: true }),
      { ready: false, serving: true, terminating: true },
    ],
  ])("%s: conditions", (_n, p, want) => {
    const [ep] = serviceEndpoints(web(), [p]);
    expect({ ready: ep?.ready, serving: ep?.serving, terminating: ep?.terminating }).toEqual(want);
  });

  it("publishNotReadyAddresses marks every endpoint ready", () => {
    const eps = serviceEndpoints(web({ publishNotReadyAddresses: true }), [
      pod("b", { app: "web" }, { ready: false }),
      pod("c", { app: "web" }, { terminating: true }),
    ]);
    expect(eps.map((e) => e.ready)).toEqual([true, true]);
  });

  it("leaves out pods without an IP, finished pods, other namespaces and other labels", () => {
    const eps = serviceEndpoints(web(), [
      pod("pending", { app: "web" }, { ip: null }),
      pod("done", { app: "web" }, { phase: "Succeeded" }),
      pod("elsewhere", { app: "web" }, { namespace: "other" }),
      pod("api", { app: "api" }),
      pod("ok", { app: "web", tier: "x" }),
    ]);
    expect(eps.map((e) => e.pod.metadata.name)).toEqual(["ok"]);
  });

  it("legacy Endpoints mode drops terminating pods unless publishNotReadyAddresses", () => {
    const t = pod("t", { app: "web" }, { terminating: true });
    expect(serviceEndpoints(web(), [t], true)).toHaveLength(0);
    expect(serviceEndpoints(web({ publishNotReadyAddresses: true }), [t], true)).toHaveLength(1);
  });

  it("resolves a named targetPort per pod; a pod without it gets no port", () => {
    const eps = serviceEndpoints(web(), [
      pod("v1", { app: "web" }, { ports: [{ name: "http", containerPort: 8080 }] }),
      pod("v2", { app: "web" }, { ports: [{ name: "http", containerPort: 9090 }] }),
      pod("old", { app: "web" }, { ports: [{ name: "web", containerPort: 80 }] }),
    ]);
    expect(eps.map((e) => e.ports)).toEqual([
      [{ name: "http", port: 8080, protocol: "TCP" }],
      [{ name: "http", port: 9090, protocol: "TCP" }],
      [],
    ]);
  });

  it("targetPort defaults to port", () => {
    const [ep] = serviceEndpoints(service("s", { app: "web" }, [{ port: 8080 }]), [pod("a", { app: "web" })]);
    expect(ep?.ports).toEqual([{ name: "", port: 8080, protocol: "TCP" }]);
  });
});
