/**
 * The workload and housekeeping controllers of kube-controller-manager that the simulated cluster runs, in
 * registration order. The node lifecycle controller is registered separately.
 */
import type { Controller } from "../engine/controller.js";
import { cronJobController } from "./cronjob.js";
import { daemonSetController } from "./daemonset.js";
import { deploymentController } from "./deployment.js";
import { disruptionController } from "./disruption.js";
import { garbageCollector } from "./garbage-collector.js";
import { jobController } from "./job.js";
import { namespaceController } from "./namespace.js";
import { podGcController } from "./pod-gc.js";
import { replicaSetController } from "./replicaset.js";
import { replicationControllerController } from "./replicationcontroller.js";
import { serviceAccountController } from "./serviceaccount.js";
import { statefulSetController } from "./statefulset.js";
import { ttlAfterFinishedController } from "./ttl-after-finished.js";

export { type RolloutUndoResult, rolloutUndo } from "./deployment-undo.js";
export { canEvict, EVICTION_REFUSED, recordEviction } from "./disruption.js";
export { orphanDependents } from "./garbage-collector.js";

/** Fresh instances of every workload controller. */
export function workloadControllers(): Controller[] {
  return [
    deploymentController(),
    replicaSetController(),
    replicationControllerController(),
    statefulSetController(),
    daemonSetController(),
    jobController(),
    cronJobController(),
    ttlAfterFinishedController(),
    disruptionController(),
    garbageCollector(),
    namespaceController(),
    podGcController(),
    serviceAccountController(),
  ];
}
