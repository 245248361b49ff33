/**
 * The API server keeps nothing of the caller's input: changing the input after a write leaves the
 * stored object as it was (decoding builds the stored object anew).
 */
import { describe, expect, it } from "vitest";
import { ApiServer } from "../../../src/sandbox/api/server.js";
import { ObjectStore } from "../../../src/sandbox/api/store.js";
import { SeededRandom } from "../../../src/sandbox/model/random.js";

function server(): ApiServer {
  return new ApiServer({ store: new ObjectStore(), random: new SeededRandom(1), now: () => 0 });
}

describe("ApiServer input ownership", () => {
  it("a created pod shares no object or list with its input", () => {
    const api = server();
    const input = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p", labels: { app: "p" } },
      spec: { containers: [{ name: "app", image: "nginx:1.27", args: ["a"], resources: { requests: { cpu: "1m" } } }] },
    };
    const out = api.create(input, { origin: "controller" });
    expect(out.ok).toBe(true);
    input.metadata.labels.app = "changed";
    input.spec.containers[0]!.image = "changed";
    input.spec.containers[0]!.args.push("b");
    input.spec.containers[0]!.resources.requests.cpu = "2";
    const stored = api.store.get("Pod", "default", "p");
    expect(stored?.metadata.labels).toEqual({ app: "p" });
    expect(stored?.spec.containers[0].image).toBe("nginx:1.27");
    expect(stored?.spec.containers[0].args).toEqual(["a"]);
    expect(stored?.spec.containers[0].resources.requests).toEqual({ cpu: "1m" });
  });

  it("an applied custom resource keeps its own copy of free-form fields", () => {
    const api = server();
    const crd = {
      apiVersion: "apiextensions.k8s.io/v1",
      kind: "CustomResourceDefinition",
      metadata: { name: "widgets.example.com" },
      spec: {
        group: "example.com",
        names: { plural: "widgets", singular: "widget", kind: "Widget" },
        scope: "Namespaced",
        versions: [
          {
            name: "v1",
            served: true,
            storage: true,
            schema: { openAPIV3Schema: { type: "object", "x-kubernetes-preserve-unknown-fields": true } },
          },
        ],
      },
    };
    expect(api.apply(crd, { origin: "user" }).ok).toBe(true);
    const input = {
      apiVersion: "example.com/v1",
      kind: "Widget",
      metadata: { name: "w" },
      spec: { sizes: [1, 2], nested: { deep: "x" } },
    };
    expect(api.apply(input, { origin: "user" }).ok).toBe(true);
    input.spec.sizes.push(3);
    input.spec.nested.deep = "changed";
    expect(api.store.get("Widget", "default", "w")?.spec).toEqual({ sizes: [1, 2], nested: { deep: "x" } });
  });
});
