/**
 * What a failed simulation becomes. Limits (time, memory) and simulator failures are answered at
 * once with a clear reply and never retried: the simulator is deterministic, so a retry would
 * fail the same way (a retry storm). Infrastructure faults (Redis) are retried with back-off by
 * BullMQ; after the last attempt the learner still gets one reply saying so.
 */
import { type Reply, reply } from "../src/core/reply.js";
import type { SandboxFailure } from "./sandbox-pool.js";

/** The limits a failure reply names. */
export interface SandboxLimits {
  timeoutMs: number;
  memoryMb: number;
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} second${s === 1 ? "" : "s"}`;
}

const SHRINK_HINT =
  "Big replica counts, many nodes or a long simulated horizon (`--at`) make a simulation heavy: try fewer replicas, a smaller cluster or a shorter horizon.";

/** The learner's reply to a simulation that produced no result. */
export function sandboxFailureReply(reason: SandboxFailure, message: string, limits: SandboxLimits): Reply {
  switch (reason) {
    case "timeout":
      return reply(
        { type: "heading", text: "Simulation stopped: time limit" },
        {
          type: "paragraph",
          text: `This simulation ran longer than the ${seconds(limits.timeoutMs)} limit, so I stopped it. ${SHRINK_HINT}`,
        },
      );
    case "memory":
      return reply(
        { type: "heading", text: "Simulation stopped: memory limit" },
        {
          type: "paragraph",
          text: `This simulation needed more than the ${limits.memoryMb} MiB memory limit, so I stopped it. ${SHRINK_HINT}`,
        },
      );
    case "error":
      return reply(
        { type: "heading", text: "The simulator failed on this paste" },
        {
          type: "paragraph",
          text: `That is a bug in podsensei, not a problem with your YAML. The simulator said: ${message}`,
        },
      );
    case "crash":
      return reply(
        { type: "heading", text: "The simulation was interrupted" },
        {
          type: "paragraph",
          text: `The sandbox running it stopped unexpectedly (${message}). Please send the paste again.`,
        },
      );
  }
}

/** The learner's reply after every retry of an infrastructure fault failed. */
export function exhaustedReply(attempts: number): Reply {
  return reply(
    { type: "heading", text: "I could not finish this simulation" },
    {
      type: "paragraph",
      text: `An internal problem kept getting in the way (${attempts} attempt${attempts === 1 ? "" : "s"}). Your paste was fine as far as I know; please send it again in a minute.`,
    },
  );
}

/** The learner's reply to a job whose payload could not be read (an old or foreign producer). */
export function unreadableReply(): Reply {
  return reply({
    type: "paragraph",
    text: "I could not read this simulation request (it was sent by an incompatible version of podsensei). Please paste it again.",
  });
}
