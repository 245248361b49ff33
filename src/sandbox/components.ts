/**
 * The cluster components a simulation runs, in registration order: the scheduler, the workload
 * controllers, the kubelet, the node lifecycle controller, the service and endpoint controllers
 * and the HorizontalPodAutoscaler. The scheduler is also returned on its own so the explanation
 * layer can ask it why a pod went where it did.
 */
import { endpointSliceController, endpointsController } from "./controllers/endpointslice.js";
import { hpaController } from "./controllers/hpa.js";
import { workloadControllers } from "./controllers/index.js";
import { nodeLifecycleController } from "./controllers/node-lifecycle.js";
import { persistentVolumeController } from "./controllers/pv-binder.js";
import type { Controller } from "./engine/controller.js";
import { createKubelet } from "./kubelet/index.js";
import { createScheduler, type PodSchedulingRecord } from "./scheduler/index.js";

/** What the explanation layer may ask the scheduler. */
export interface SchedulingExplainer {
  /** Every plugin's verdict and score for a pod (`namespace/name`), if it was ever considered. */
  explain(podKey: string): PodSchedulingRecord | undefined;
}

export interface Components {
  controllers: Controller[];
  scheduler: SchedulingExplainer;
}

export function clusterComponents(): Components {
  const scheduler = createScheduler();
  return {
    controllers: [
      scheduler,
      ...workloadControllers(),
      persistentVolumeController(),
      createKubelet(),
      nodeLifecycleController(),
      endpointSliceController(),
      endpointsController(),
      hpaController(),
    ],
    scheduler,
  };
}
