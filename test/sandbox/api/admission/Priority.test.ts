import { describe, expect, it } from "vitest";
import { Priority } from "../../../../src/sandbox/api/admission/Priority.js";
import { attrs, context, pod, priorityClass } from "./fixtures.js";

describe("Priority", () => {
  it.each([
    ["no class and no default", {}, [], { priority: 0, preemptionPolicy: "PreemptLowerPriority" }],
    [
      "system-cluster-critical",
      { priorityClassName: "system-cluster-critical" },
      [],
      { priorityClassName: "system-cluster-critical", priority: 2000000000 },
    ],
    ["system-node-critical", { priorityClassName: "system-node-critical" }, [], { priority: 2000001000 }],
    [
      "a stored class with preemptionPolicy Never",
      { priorityClassName: "batch" },
      [priorityClass("batch", 100, { preemptionPolicy: "Never" })],
      { priority: 100, preemptionPolicy: "Never" },
    ],
    [
      "no class and a globalDefault class",
      {},
      [priorityClass("low", 10), priorityClass("normal", 1000, { globalDefault: true })],
      { priorityClassName: "normal", priority: 1000 },
    ],
  ])("GIVEN %s THEN the pod spec gets %j", (_name, spec, classes, want) => {
    const ctx = context();
    for (const pc of classes) ctx.store.add(pc);
    const p = pod("web", undefined, spec);
    expect(Priority.mutate?.(attrs(p), ctx)).toBeUndefined();
    expect(p.spec).toMatchObject(want);
  });

  it.each([
    [{ priorityClassName: "foo" }, 'pods "web" is forbidden: no PriorityClass with name foo was found'],
    [
      { priority: 5 },
      'pods "web" is forbidden: the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name',
    ],
    [
      { priorityClassName: "system-node-critical", preemptionPolicy: "Never" },
      'pods "web" is forbidden: the string value of PreemptionPolicy (Never) must not be provided in pod spec; priority admission controller computed PreemptLowerPriority from the given PriorityClass name',
    ],
  ])("GIVEN %j THEN the pod is forbidden with upstream's text", (spec, message) => {
    expect(Priority.mutate?.(attrs(pod("web", undefined, spec)), context())).toEqual({ reason: "Forbidden", message });
  });

  it("GIVEN a matching explicit priority THEN it is accepted", () => {
    expect(Priority.mutate?.(attrs(pod("web", undefined, { priority: 0 })), context())).toBeUndefined();
  });

  it("GIVEN an update without priority THEN the stored priority is kept", () => {
    const old = pod("web", undefined, { priority: 7, preemptionPolicy: "Never" });
    const next = pod("web");
    Priority.mutate?.(attrs(next, "UPDATE", old), context());
    expect(next.spec).toMatchObject({ priority: 7, preemptionPolicy: "Never" });
  });

  it("GIVEN a second globalDefault PriorityClass THEN it is forbidden", () => {
    const ctx = context();
    ctx.store.add(priorityClass("normal", 1000, { globalDefault: true }));
    expect(Priority.validate?.(attrs(priorityClass("other", 5, { globalDefault: true })), ctx)).toEqual({
      reason: "Forbidden",
      message:
        'priorityclasses.scheduling.k8s.io "other" is forbidden: PriorityClass normal is already marked as default. Only one default can exist',
    });
    const same = priorityClass("normal", 1000, { globalDefault: true });
    expect(Priority.validate?.(attrs(same, "UPDATE", same), ctx)).toBeUndefined();
  });
});
