/** What the simulate sandbox thread receives, does and returns. */
import { type ContentBlob, contentBlob } from "../src/jobs/blob-store.js";
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

/** The cluster picture of a result: PNG bytes with their content id (blob-store.ts), and how to show it. */
export interface SimulationPicture extends ContentBlob {
  filename: string;
  alt: string;
}

/**
 * Output of one simulation in the sandbox: the learner's reply (without picture) as UTF-8 JSON,
 * the picture, the sizes. Bytes with their ids, so the main thread neither serialises nor hashes.
 */
export interface SimulateTaskResult {
  reply: ContentBlob;
  picture?: SimulationPicture;
  sizes: SimulationSizes;
}

/** One task's work: the pure simulator, then the platform-neutral reply and, when there are pods to draw, the picture. */
export function simulateTask(task: SimulateTask): SimulateTaskResult {
  const run = runSimulation(task);
  const { result } = run;
  const reply = simulationReply(result, run.warnings);
  const sizes = {
    objects: result.objects.length,
    pods: result.pods.length,
    events: result.events.length,
    rejected: result.rejected.length,
    errors: result.findings.filter((f) => f.severity === "error").length,
  };
  const replyBlob = contentBlob(Buffer.from(JSON.stringify(reply), "utf8"));
  if (result.pods.length === 0) return { reply: replyBlob, sizes };
  const { filename, alt, pngBase64 } = simulationReplyImage(run);
  return { reply: replyBlob, picture: { ...contentBlob(Buffer.from(pngBase64, "base64")), filename, alt }, sizes };
}
