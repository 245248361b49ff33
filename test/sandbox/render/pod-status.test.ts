import { describe, expect, it } from "vitest";
import { podView } from "../../../src/sandbox/render/pod-status.js";

const base = (status: object, spec: object = {}) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "p", namespace: "default" },
  spec: { containers: [{ name: "app", image: "nginx" }], ...spec },
  status,
});

describe("kubectl's STATUS column and the contract's reason", () => {
  it.each([
    [
      "a plain running pod",
      base(
        {
          phase: "Running",
          conditions: [{ type: "Ready", status: "True" }],
          containerStatuses: [{ name: "app", ready: true, restartCount: 0, state: { running: {} } }],
        },
        { nodeName: "n" },
      ),
      "Running",
      null,
      true,
    ],
    [
      "a crash-looping container",
      base(
        {
          phase: "Running",
          containerStatuses: [
            {
              name: "app",
              ready: false,
              restartCount: 4,
              state: {
                waiting: {
                  reason: "CrashLoopBackOff",
                  message: "back-off 1m20s restarting failed container=app pod=p_default(u)",
                },
              },
              lastState: { terminated: { reason: "Error", exitCode: 1 } },
            },
          ],
        },
        { nodeName: "n" },
      ),
      "CrashLoopBackOff",
      "CrashLoopBackOff",
      false,
    ],
    [
      "an image that cannot be pulled",
      base(
        {
          phase: "Pending",
          containerStatuses: [
            {
              name: "app",
              ready: false,
              restartCount: 0,
              state: { waiting: { reason: "ImagePullBackOff", message: 'Back-off pulling image "nginx:1.999"' } },
            },
          ],
        },
        { nodeName: "n" },
      ),
      "ImagePullBackOff",
      "ImagePullBackOff",
      false,
    ],
    [
      "a completed pod",
      base(
        {
          phase: "Succeeded",
          containerStatuses: [
            { name: "app", ready: false, restartCount: 0, state: { terminated: { reason: "Completed", exitCode: 0 } } },
          ],
        },
        { nodeName: "n" },
      ),
      "Completed",
      "Completed",
      false,
    ],
    [
      "an unschedulable pod",
      base({
        phase: "Pending",
        conditions: [
          {
            type: "PodScheduled",
            status: "False",
            reason: "Unschedulable",
            message: "0/3 nodes are available: 3 Insufficient cpu.",
          },
        ],
      }),
      "Unschedulable",
      "Unschedulable",
      false,
    ],
    [
      "an evicted pod",
      base({ phase: "Failed", reason: "Evicted", message: "The node was low on resource: memory." }, { nodeName: "n" }),
      "Evicted",
      "Evicted",
      false,
    ],
    [
      "a waiting init container",
      base(
        { phase: "Pending", initContainerStatuses: [{ name: "init", restartCount: 0, state: { running: {} } }] },
        { nodeName: "n", initContainers: [{ name: "init", image: "busybox" }] },
      ),
      "Init:0/1",
      "Init:0/1",
      false,
    ],
    [
      "a crash-looping init container",
      base(
        {
          phase: "Pending",
          initContainerStatuses: [
            { name: "init", restartCount: 2, state: { waiting: { reason: "CrashLoopBackOff" } } },
          ],
        },
        { nodeName: "n", initContainers: [{ name: "init", image: "busybox" }] },
      ),
      "Init:CrashLoopBackOff",
      "Init:CrashLoopBackOff",
      false,
    ],
    [
      "a terminated container without a reason",
      base(
        {
          phase: "Failed",
          containerStatuses: [{ name: "app", restartCount: 0, state: { terminated: { exitCode: 3 } } }],
        },
        { nodeName: "n" },
      ),
      "ExitCode:3",
      "ExitCode:3",
      false,
    ],
  ])("%s → %s", (_n, pod, status, reason, ready) => {
    const v = podView(pod);
    expect(v.status).toBe(status);
    expect(v.reason).toBe(reason);
    expect(v.ready).toBe(ready);
  });

  // kubectl printPod: once the pod is initialized, RESTARTS counts only app containers and sidecars.
  it("counts restarts of app containers once initialized, not the init container's, and keeps the last termination reason", () => {
    const v = podView(
      base(
        {
          phase: "Running",
          initContainerStatuses: [
            { name: "init", restartCount: 1, state: { terminated: { exitCode: 0, reason: "Completed" } } },
          ],
          containerStatuses: [
            {
              name: "app",
              restartCount: 3,
              state: { waiting: { reason: "CrashLoopBackOff" } },
              lastState: { terminated: { reason: "OOMKilled", exitCode: 137 } },
            },
          ],
        },
        { nodeName: "n", initContainers: [{ name: "init", image: "busybox" }] },
      ),
    );
    expect(v.restarts).toBe(3);
    expect(v.lastTerminationReason).toBe("OOMKilled");
  });

  it("shows Terminating for a pod being deleted", () => {
    const pod = base({ phase: "Running" }, { nodeName: "n" });
    (pod.metadata as Record<string, unknown>).deletionTimestamp = "2026-01-01T00:00:30Z";
    expect(podView(pod).status).toBe("Terminating");
  });
});
