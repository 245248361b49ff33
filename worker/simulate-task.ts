/** What the simulate sandbox thread receives, does and returns. */
import type { Reply } from "../src/core/reply.js";
import { pictureId } from "../src/jobs/picture-store.js";
import { simulationReplyImage } from "../src/render-png.js";
import { simulationReply } from "../src/sandbox/render/reply.js";
import { runSimulation } from "../src/sandbox/simulate.js";

/** Input of one simulation in the sandbox (the `SimulationInput` fields a job may set). */
export interface SimulateTask {
  manifests: string;
  cluster?: string;
  atSeconds?: number;
  actions?: string[];
  files?: Record<string, string>;
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

/** The cluster picture of a result: PNG bytes and their content-addressed id (picture-store.ts). */
export interface SimulationPicture {
  id: string;
  png: Uint8Array;
  filename: string;
  alt: string;
}

/** Output of one simulation in the sandbox: the learner's reply (without picture), the picture, the sizes. */
export interface SimulateTaskResult {
  reply: Reply;
  picture?: SimulationPicture;
  sizes: SimulationSizes;
}

/**
 * One task's work: the pure simulator, then the platform-neutral reply and, when there are pods
 * to draw, the picture as bytes with its id, hashed here so the main thread never has to.
 */
export function simulateTask(task: SimulateTask): SimulateTaskResult {
  const run = runSimulation(task);
  const { result } = run;
  const reply = simulationReply(result);
  const sizes = {
    objects: result.objects.length,
    pods: result.pods.length,
    events: result.events.length,
    rejected: result.rejected.length,
    errors: result.findings.filter((f) => f.severity === "error").length,
  };
  if (result.pods.length === 0) return { reply, sizes };
  const { filename, alt, pngBase64 } = simulationReplyImage(run);
  const png = Buffer.from(pngBase64, "base64");
  return { reply, picture: { id: pictureId(png), png, filename, alt }, sizes };
}
