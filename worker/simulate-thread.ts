/**
 * Entry of a simulate sandbox thread: runs the pure simulator on each task and renders the
 * platform-neutral reply, with the cluster picture when there are pods to draw, so only a small
 * `Reply` crosses back to the main thread.
 */
import { simulationReplyImage } from "../src/render-png.js";
import { simulationReply } from "../src/sandbox/render/reply.js";
import { runSimulation } from "../src/sandbox/simulate.js";
import { serveTasks } from "./sandbox-protocol.js";
import type { SimulateTask, SimulateTaskResult } from "./simulate-task.js";

serveTasks<SimulateTask, SimulateTaskResult>((task) => {
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
});
