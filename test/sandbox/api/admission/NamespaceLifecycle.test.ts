import { describe, expect, it } from "vitest";
import { NamespaceLifecycle } from "../../../../src/sandbox/api/admission/NamespaceLifecycle.js";
import { attrs, context, namespace, pod } from "./fixtures.js";

describe("NamespaceLifecycle", () => {
  it.each([
    ["default", undefined],
    ["kube-system", undefined],
    ["kube-public", undefined],
    ["kube-node-lease", undefined],
    ["team-a", { reason: "NotFound", message: 'namespaces "team-a" not found' }],
  ])("GIVEN a pod in %s with no stored namespace THEN %j", (ns, want) => {
    expect(NamespaceLifecycle.mutate?.(attrs(pod("web", undefined, {}, ns)), context())).toEqual(want);
  });

  it("GIVEN the namespace is stored THEN the pod is admitted", () => {
    const ctx = context();
    ctx.store.add(namespace("team-a"));
    expect(NamespaceLifecycle.mutate?.(attrs(pod("web", undefined, {}, "team-a")), ctx)).toBeUndefined();
  });

  it("GIVEN a terminating namespace THEN a create is forbidden with upstream's text", () => {
    const ctx = context();
    ctx.store.add({ ...namespace("old"), status: { phase: "Terminating" } });
    expect(NamespaceLifecycle.mutate?.(attrs(pod("web", undefined, {}, "old")), ctx)).toEqual({
      reason: "Forbidden",
      message: 'pods "web" is forbidden: unable to create new content in namespace old because it is being terminated',
    });
  });

  it("GIVEN a terminating namespace THEN an update is allowed", () => {
    const ctx = context();
    ctx.store.add({ ...namespace("old"), status: { phase: "Terminating" } });
    const p = pod("web", undefined, {}, "old");
    expect(NamespaceLifecycle.mutate?.(attrs(p, "UPDATE", p), ctx)).toBeUndefined();
  });

  it("GIVEN cluster-scoped objects and namespaces THEN nothing is checked", () => {
    const ctx = context();
    expect(NamespaceLifecycle.mutate?.(attrs(namespace("brand-new")), ctx)).toBeUndefined();
    const node = { apiVersion: "v1", kind: "Node", metadata: { name: "n1" } };
    expect(NamespaceLifecycle.mutate?.(attrs(node), ctx)).toBeUndefined();
  });
});
