import { describe, expect, it } from "vitest";
import { ObjectStore, type WatchEvent } from "../../../src/sandbox/api/store.js";

const cm = (name: string, ns = "default") => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name, namespace: ns },
});

describe("ObjectStore", () => {
  it("stamps increasing resource versions and emits ADDED, MODIFIED and DELETED", () => {
    const s = new ObjectStore();
    const events: string[] = [];
    s.watch("ConfigMap", (e: WatchEvent) =>
      events.push(`${e.type}:${e.object.metadata.name}:${e.object.metadata.resourceVersion}`),
    );
    s.add(cm("a"));
    s.add(cm("b", "other"));
    s.patch("ConfigMap", "default", "a", (o) => {
      o.data = { k: "v" };
    });
    s.remove("ConfigMap", "other", "b");
    expect(events).toEqual(["ADDED:a:1", "ADDED:b:2", "MODIFIED:a:3", "DELETED:b:2"]);
    expect(s.list("ConfigMap").map((o) => o.metadata.name)).toEqual(["a"]);
    expect(s.list("ConfigMap", "other")).toEqual([]);
  });

  it("refuses a second object with the same key and leaves the stored one untouched by patch callers", () => {
    const s = new ObjectStore();
    const stored = s.add(cm("a"));
    expect(() => s.add(cm("a"))).toThrow(/already exists/);
    s.patch("ConfigMap", "default", "a", (o) => {
      o.data = { changed: "yes" };
    });
    expect(stored.data).toBeUndefined();
    expect(s.get("ConfigMap", "default", "a")?.data).toEqual({ changed: "yes" });
  });

  it("replaceStatus stores a new version with the new status, shares the rest and keeps the old one intact", () => {
    const s = new ObjectStore();
    s.add({ ...cm("a"), spec: { x: { deep: 1 } }, status: { phase: "Old" } });
    const events: WatchEvent[] = [];
    s.watch("ConfigMap", (e) => events.push(e));
    const before = s.get("ConfigMap", "default", "a");
    const after = s.replaceStatus("ConfigMap", "default", "a", { phase: "New" });
    expect(after?.status).toEqual({ phase: "New" });
    expect(after?.metadata.resourceVersion).toBe("2");
    expect(before?.status).toEqual({ phase: "Old" });
    expect(before?.metadata.resourceVersion).toBe("1");
    expect(after?.spec).toBe(before?.spec);
    expect(events.map((e) => [e.type, e.old?.status?.phase, e.object.status?.phase])).toEqual([
      ["MODIFIED", "Old", "New"],
    ]);
    expect(s.replaceStatus("ConfigMap", "default", "missing", {})).toBeUndefined();
  });

  it("lists in insertion order: an update keeps an object's place, a removed and re-added one goes last", () => {
    const s = new ObjectStore();
    for (const [name, ns] of [
      ["a", "x"],
      ["b", "y"],
      ["c", "x"],
      ["d", "y"],
      ["e", "x"],
    ] as const)
      s.add(cm(name, ns));
    s.patch("ConfigMap", "x", "a", (o) => {
      o.data = { v: "2" };
    });
    s.remove("ConfigMap", "x", "c");
    s.add(cm("c", "x"));
    const names = (ns?: string) => s.list("ConfigMap", ns).map((o) => o.metadata.name);
    expect(names()).toEqual(["a", "b", "d", "e", "c"]);
    expect(names("x")).toEqual(["a", "e", "c"]);
    expect(names("y")).toEqual(["b", "d"]);
    expect(names("")).toEqual([]);
    expect(s.list("ConfigMap", "x")[0]?.data).toEqual({ v: "2" });
    expect(s.count("ConfigMap")).toBe(5);
    // Same name in two namespaces, and a cluster-scoped kind looked up with and without one.
    s.add(cm("a", "y"));
    expect(s.get("ConfigMap", "y", "a")?.metadata.namespace).toBe("y");
    s.add({ apiVersion: "v1", kind: "Node", metadata: { name: "n" } });
    expect(s.get("Node", undefined, "n")?.metadata.name).toBe("n");
    expect(s.get("Node", "default", "n")).toBeUndefined();
    expect(() => s.update({ ...cm("zz", "x") })).toThrow("store: ConfigMap x/zz not found");
  });
});
