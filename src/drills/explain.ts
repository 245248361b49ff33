/**
 * The reveal's "what really happened": the drill's manifests run through the simulated cluster,
 * rendered as the simulation reply's sections plus the cluster picture. Injectable so tests and
 * hosts without fonts can swap the picture step.
 */
import type { Reply, ReplyBlock } from "../core/reply.js";
import { simulationReplyImage } from "../render-png.js";
import { simulationReply } from "../sandbox/render/reply.js";
import { runSimulation } from "../sandbox/simulate.js";
import type { Drill } from "../tutor/content-schema.js";
import { requestOf } from "../tutor/simulation.js";

/** The simulator's account of a drill: reply sections and, when drawn, the picture. */
export interface Explanation {
  blocks: ReplyBlock[];
  image?: NonNullable<Reply["image"]>;
}

/** Explains a drill; may throw on a broken simulation (the caller apologises once). */
export type Explainer = (drill: Drill) => Explanation;

/**
 * Runs the drill through `runSimulation` and keeps the report's sections. The "what if" buttons
 * are left out: in a channel they would start a thread of simulations nobody asked for.
 */
export const simulatorExplainer: Explainer = (drill) => {
  const run = runSimulation(requestOf(drill));
  const blocks = simulationReply(run.result, run.warnings).blocks.filter((b) => b.type !== "buttons");
  return { blocks, image: simulationReplyImage(run) };
};
