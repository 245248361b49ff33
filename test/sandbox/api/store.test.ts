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
});
