/** What the simulate sandbox thread receives and returns. */
import type { Reply } from "../src/core/reply.js";

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
