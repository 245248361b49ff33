import { describe, expect, it } from "vitest";
import { SchedulerCache } from "../../../src/sandbox/scheduler/cache.js";
import { node } from "./builders.js";

const ZONE = "topology.kubernetes.io/zone";

describe("SchedulerCache.domainIndex", () => {
  it("gives each node slot its domain id (−1 without the key) and follows node changes", () => {
    const cache = new SchedulerCache();
    cache.addNode(node("a", { zone: "z1" }).build());
    cache.addNode(node("b").build());
    cache.addNode(node("c", { zone: "z2" }).build());
    cache.addNode(node("d", { zone: "z1" }).build());
    const first = cache.domainIndex(ZONE);
    const zoneOf = (name: string) => {
      const d = cache.domainIndex(ZONE);
      const id = d.ids[cache.nodeInfo(name)?.slot ?? -1] ?? -1;
      return id < 0 ? null : d.values[id];
    };
    expect(["a", "b", "c", "d"].map(zoneOf)).toEqual(["z1", null, "z2", "z1"]);
    expect(cache.domainIndex(ZONE)).toBe(first);
    cache.updateNode(node("b", { zone: "z3" }).build());
    expect(zoneOf("b")).toBe("z3");
    cache.addNode(node("e", { zone: "z2" }).build());
    expect(zoneOf("e")).toBe("z2");
    cache.removeNode("a");
    expect(cache.domainIndex(ZONE).values).toEqual(["z3", "z2", "z1"]);
  });
});
