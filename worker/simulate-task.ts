/** What the simulate sandbox thread receives, does and returns. */
import type { Reply } from "../src/core/reply.js";
import { simulationReplyImage } from "../src/render-png.js";
import { simulationReply } from "../src/sandbox/render/reply.js";
import { runSimulation } from "../src/sandbox/simulate.js";

/** Input of one simulation in the sandbox (the `SimulationInput` fields a job may set). */
export interface SimulateTask {
  manifests: string;
  cluster?: string;
  atSeconds?: number;
  actions?: string[];
  seed?: number;
}

/** Sizes of a simulation, for metrics and logs. */
export interface SimulationSizes {
  objects: number;
  pods: number;
  events: number;
  rejected: number;
  errors: number;
}

/** Output of one simulation in the sandbox: the learner's reply and the sizes. */
export interface SimulateTaskResult {
  reply: Reply;
  sizes: SimulationSizes;
}

/**
 * One task's work: the pure simulator, then the platform-neutral reply with the cluster picture
 * when there are pods to draw, so only a small `Reply` crosses back to the main thread.
 */
export function simulateTask(task: SimulateTask): SimulateTaskResult {
  const run = runSimulation(task);
  const { result } = run;
  const reply = simulationReply(result);
  if (result.pods.length > 0) reply.image = simulationReplyImage(run);
  return {
    reply,
    sizes: {
      objects: result.objects.length,
      pods: result.pods.length,
      events: result.events.length,
      rejected: result.rejected.length,
      errors: result.findings.filter((f) => f.severity === "error").length,
    },
  };
}
