/** The EndpointSlice and Endpoints controllers in a simulated cluster. */
import { describe, expect, it } from "vitest";
import { type Cluster, createCluster } from "../../../src/sandbox/cluster/cluster.js";
import {
  ENDPOINTSLICE_CONTROLLER,
  endpointSliceController,
  endpointsController,
  LABEL_HEADLESS,
  LABEL_MANAGED_BY,
  LABEL_SERVICE_NAME,
} from "../../../src/sandbox/controllers/endpointslice.js";
import type { KubeObject } from "../../../src/sandbox/model/object.js";
import { pod, service } from "../network/builders.js";

function cluster(...objs: KubeObject[]): Cluster {
  const c = createCluster({ seed: 7, controllers: [endpointSliceController(), endpointsController()] });
  for (const o of objs) c.store.add(o);
  c.clock.runUntil(1);
  return c;
}

/** The fields of an EndpointSlice these tests read. */
type Slice = KubeObject & {
  endpoints: any[];
  ports: { name: string; port: number; protocol: string }[];
  addressType: string;
};
const slices = (c: Cluster, svc = "web") =>
  c.store.list("EndpointSlice", "default").filter((s) => s.metadata.labels?.[LABEL_SERVICE_NAME] === svc) as Slice[];
const addresses = (s: Slice | undefined) => (s?.endpoints ?? []).map((e: { addresses: string[] }) => e.addresses[0]);

describe("endpointSliceController", () => {
  it("writes one slice named <svc>-<5 chars> with labels, owner, conditions and ports", () => {
    const c = cluster(
      service("web", { app: "web" }, [{ name: "http", port: 80, targetPort: 8080, protocol: "TCP" }], {
        type: "ClusterIP",
      }),
      pod("web-1", { app: "web" }, { ip: "10.244.1.2" }),
      pod("web-2", { app: "web" }, { ip: "10.244.1.3", ready: false }),
    );
    const [s] = slices(c);
    expect(slices(c)).toHaveLength(1);
    expect(s?.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(s?.metadata.labels).toMatchObject({
      [LABEL_SERVICE_NAME]: "web",
      [LABEL_MANAGED_BY]: ENDPOINTSLICE_CONTROLLER,
    });
    expect(s?.metadata.ownerReferences?.[0]).toMatchObject({ kind: "Service", name: "web", controller: true });
    expect(s?.addressType).toBe("IPv4");
    expect(s?.ports).toEqual([{ name: "http", port: 8080, protocol: "TCP" }]);
    expect(s?.endpoints.map((e: { conditions: unknown }) => e.conditions)).toEqual([
      { ready: true, serving: true, terminating: false },
      { ready: false, serving: false, terminating: false },
    ]);
    expect(s?.endpoints[0].targetRef).toMatchObject({ kind: "Pod", name: "web-1" });
  });

  it("splits endpoints by resolved named ports", () => {
    const c = cluster(
      service("web", { app: "web" }, [{ name: "http", port: 80, targetPort: "http" }]),
      pod("v1", { app: "web" }, { ip: "10.244.1.2", ports: [{ name: "http", containerPort: 8080 }] }),
      pod("v2", { app: "web" }, { ip: "10.244.1.3", ports: [{ name: "http", containerPort: 9090 }] }),
    );
    const byPort = Object.fromEntries(slices(c).map((s) => [s.ports[0]?.port, addresses(s)]));
    expect(byPort).toEqual({ 8080: ["10.244.1.2"], 9090: ["10.244.1.3"] });
  });

  it("keeps an empty placeholder slice when nothing matches, and follows pods as they come and go", () => {
    const c = cluster(service("web", { app: "web" }, [{ port: 80 }]));
    expect(slices(c).map((s) => [s.endpoints, s.ports])).toEqual([[[], []]]);
    c.store.add(pod("late", { app: "web" }, { ip: "10.244.2.2" }));
    c.clock.runUntil(2);
    expect(slices(c).flatMap(addresses)).toEqual(["10.244.2.2"]);
    c.store.remove("Pod", "default", "late");
    c.clock.runUntil(3);
    expect(slices(c).flatMap(addresses)).toEqual([]);
  });

  it("writes nothing for a Service without selector or of type ExternalName, and removes slices of a deleted Service", () => {
    const c = cluster(
      service("manual", undefined, [{ port: 80 }]),
      service("ext", { app: "web" }, [], { type: "ExternalName", externalName: "example.com" }),
      service("web", { app: "web" }, [{ port: 80 }]),
    );
    expect(slices(c, "manual")).toEqual([]);
    expect(slices(c, "ext")).toEqual([]);
    c.store.remove("Service", "default", "web");
    c.clock.runUntil(2);
    expect(slices(c)).toEqual([]);
    expect(c.store.get("Endpoints", "default", "web")).toBeUndefined();
  });

  it("labels the slices of a headless Service and sets hostnames of its subdomain pods", () => {
    const c = cluster(
      service("nginx", { app: "nginx" }, [{ port: 80 }], { clusterIP: "None" }),
      pod("web-0", { app: "nginx" }, { hostname: "web-0", subdomain: "nginx" }),
    );
    const [s] = slices(c, "nginx");
    expect(s?.metadata.labels?.[LABEL_HEADLESS]).toBe("");
    expect(s?.endpoints[0].hostname).toBe("web-0");
  });
});

describe("endpointsController", () => {
  it("puts ready pods under addresses and the others under notReadyAddresses", () => {
    const c = cluster(
      service("web", { app: "web" }, [{ name: "http", port: 80, targetPort: 8080 }]),
      pod("a", { app: "web" }, { ip: "10.244.1.2" }),
      pod("b", { app: "web" }, { ip: "10.244.1.3", ready: false }),
    );
    const ep = c.store.get("Endpoints", "default", "web");
    expect(ep?.subsets).toEqual([
      {
        addresses: [
          {
            ip: "10.244.1.2",
            nodeName: "node-a",
            targetRef: { kind: "Pod", namespace: "default", name: "a", uid: "uid-a" },
          },
        ],
        notReadyAddresses: [
          {
            ip: "10.244.1.3",
            nodeName: "node-a",
            targetRef: { kind: "Pod", namespace: "default", name: "b", uid: "uid-b" },
          },
        ],
        ports: [{ name: "http", port: 8080, protocol: "TCP" }],
      },
    ]);
  });

  it("publishNotReadyAddresses lists every pod as ready", () => {
    const c = cluster(
      service("web", { app: "web" }, [{ port: 80 }], { publishNotReadyAddresses: true }),
      pod("b", { app: "web" }, { ready: false }),
    );
    expect(
      ((c.store.get("Endpoints", "default", "web")?.subsets ?? []) as { addresses: unknown[] }[])[0]?.addresses,
    ).toHaveLength(1);
  });
});
