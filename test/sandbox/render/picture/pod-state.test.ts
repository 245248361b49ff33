import { describe, expect, it } from "vitest";
import { type PodState, podState } from "../../../../src/sandbox/render/picture/pod-state.js";
import type { PodSummary } from "../../../../src/sandbox/result.js";
import { podSummary } from "./results.js";

describe("podState", () => {
  const cases: { name: string; pod: Partial<PodSummary>; want: PodState }[] = [
    { name: "Running and ready → green", pod: {}, want: "ready" },
    { name: "Running, not ready → amber", pod: { ready: false }, want: "notReady" },
    { name: "CrashLoopBackOff → red", pod: { ready: false, status: "CrashLoopBackOff" }, want: "failing" },
    { name: "Error → red", pod: { phase: "Failed", ready: false, status: "Error" }, want: "failing" },
    { name: "OOMKilled → red", pod: { ready: false, status: "OOMKilled" }, want: "failing" },
    {
      name: "ImagePullBackOff → red",
      pod: { phase: "Pending", ready: false, status: "ImagePullBackOff" },
      want: "failing",
    },
    {
      name: "Init:CrashLoopBackOff → red",
      pod: { phase: "Pending", ready: false, status: "Init:CrashLoopBackOff" },
      want: "failing",
    },
    { name: "ExitCode:137 → red", pod: { phase: "Running", ready: false, status: "ExitCode:137" }, want: "failing" },
    {
      name: "Evicted (phase Failed) → red",
      pod: { phase: "Failed", ready: false, status: "Evicted" },
      want: "failing",
    },
    {
      name: "ContainerCreating → grey",
      pod: { phase: "Pending", ready: false, status: "ContainerCreating" },
      want: "pending",
    },
    { name: "Init:0/1 → grey", pod: { phase: "Pending", ready: false, status: "Init:0/1" }, want: "pending" },
    {
      name: "Unschedulable → grey",
      pod: { phase: "Pending", ready: false, node: null, status: "Pending" },
      want: "pending",
    },
    { name: "Completed → blue", pod: { phase: "Succeeded", ready: false, status: "Completed" }, want: "succeeded" },
    { name: "Terminating wins over Running", pod: { status: "Terminating" }, want: "terminating" },
  ];
  it.each(cases)("$name", ({ pod, want }) => {
    expect(podState(podSummary({ name: "p", ...pod }))).toBe(want);
  });
});
