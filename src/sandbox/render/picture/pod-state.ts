/**
 * The colour class of a pod in the picture, from its kubectl STATUS (render/pod-status.ts) and
 * phase at the horizon, with the palette and legend labels.
 */
import type { PodSummary } from "../../result.js";

/** Picture states, in legend order. */
export const POD_STATES = ["ready", "notReady", "failing", "pending", "succeeded", "terminating"] as const;
export type PodState = (typeof POD_STATES)[number];

/** Fill, stroke and legend label of each state. Terminating is drawn with the stripe pattern. */
export const POD_STYLE: Record<PodState, { fill: string; stroke: string; label: string }> = {
  ready: { fill: "#c6ecd2", stroke: "#23874a", label: "Running, ready" },
  notReady: { fill: "#ffe3a3", stroke: "#b87800", label: "Running, not ready" },
  failing: { fill: "#f9c6c6", stroke: "#c0282d", label: "CrashLoopBackOff / Error / pull or config error" },
  pending: { fill: "#e4e4e4", stroke: "#7b7b7b", label: "Pending / creating" },
  succeeded: { fill: "#cadcfb", stroke: "#2c62c9", label: "Succeeded" },
  terminating: { fill: "url(#terminating)", stroke: "#555555", label: "Terminating" },
};

/**
 * kubectl STATUS values that mean a container is failing: waiting reasons of the kubelet
 * (pkg/kubelet/images/types.go ErrImagePull / ImagePullBackOff / InvalidImageName,
 * pkg/kubelet/container/sync_result.go CreateContainerConfigError / CreateContainerError /
 * RunContainerError, CrashLoopBackOff), terminated reasons (Error, OOMKilled, ContainerCannotRun,
 * DeadlineExceeded) and the printer's `ExitCode:N` / `Signal:N` forms, with or without `Init:`.
 */
const FAILING =
  /^(Init:)?(CrashLoopBackOff|Error|OOMKilled|ErrImagePull|ImagePullBackOff|InvalidImageName|ErrImageNeverPull|CreateContainerConfigError|CreateContainerError|RunContainerError|ContainerCannotRun|DeadlineExceeded|ExitCode:\d+|Signal:\d+|PostStartHookError|PreStopHookError)$/;

/** The picture state of a live pod. */
export function podState(pod: PodSummary): PodState {
  if (pod.status === "Terminating") return "terminating";
  if (pod.phase === "Succeeded") return "succeeded";
  if (pod.phase === "Failed" || FAILING.test(pod.status)) return "failing";
  if (pod.phase === "Running") return pod.ready ? "ready" : "notReady";
  return "pending";
}
