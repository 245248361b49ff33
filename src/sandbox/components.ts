/**
 * The cluster components a simulation runs, in the order they are registered: the scheduler,
 * the workload controllers, the kubelet and the node lifecycle controller.
 */
import type { Controller } from "./engine/controller.js";

export interface Components {
  controllers: Controller[];
}

export function clusterComponents(): Components {
  return { controllers: [] };
}
