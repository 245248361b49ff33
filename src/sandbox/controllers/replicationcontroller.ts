/**
 * The ReplicationController manager: v1 ReplicationControllers are still served, and upstream
 * runs them through the ReplicaSet controller's code with a map selector
 * (pkg/controller/replication/replication_controller.go NewReplicationManager).
 */
import type { Controller } from "../engine/controller.js";
import { replicaSetLikeController } from "./replicaset.js";

/** The ReplicationController manager; events come from `replication-controller`. */
export function replicationControllerController(): Controller {
  return replicaSetLikeController({ kind: "ReplicationController", name: "replication-controller" });
}
