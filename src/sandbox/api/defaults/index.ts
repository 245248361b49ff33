/**
 * Defaulting as the API server does it on decode (pkg/apis/<group>/v1/defaults.go and the
 * generated `SetObjectDefaults_*`), one file per kind group. Objects are changed in place; odd
 * shapes are left for validation to report.
 */
import type { KubeObject } from "../../model/object.js";
import type { KindInfo } from "../types.js";
import { defaultHorizontalPodAutoscaler } from "./autoscaling.js";
import { defaultCronJob, defaultJob } from "./batch.js";
import {
  defaultConfigMap,
  defaultLimitRange,
  defaultNamespace,
  defaultNode,
  defaultPersistentVolume,
  defaultPersistentVolumeClaim,
  defaultSecret,
} from "./core.js";
import type { Obj } from "./fields.js";
import { defaultNetworkPolicy } from "./networking.js";
import { defaultPod, defaultPodTemplate } from "./pod.js";
import { defaultBinding } from "./rbac.js";
import { defaultService } from "./service.js";
import {
  defaultDaemonSet,
  defaultDeployment,
  defaultReplicaSet,
  defaultReplicationController,
  defaultStatefulSet,
} from "./workloads.js";

const DEFAULTERS: Record<string, (obj: Obj, info: KindInfo) => void> = {
  Pod: defaultPod,
  PodTemplate: (o) => defaultPodTemplate(o.template),
  Deployment: defaultDeployment,
  ReplicaSet: defaultReplicaSet,
  ReplicationController: defaultReplicationController,
  StatefulSet: defaultStatefulSet,
  DaemonSet: defaultDaemonSet,
  Job: defaultJob,
  CronJob: defaultCronJob,
  Service: defaultService,
  Secret: defaultSecret,
  ConfigMap: defaultConfigMap,
  PersistentVolume: defaultPersistentVolume,
  PersistentVolumeClaim: defaultPersistentVolumeClaim,
  Namespace: defaultNamespace,
  Node: defaultNode,
  LimitRange: defaultLimitRange,
  NetworkPolicy: defaultNetworkPolicy,
  HorizontalPodAutoscaler: (o, info) => defaultHorizontalPodAutoscaler(o, info.version),
  RoleBinding: defaultBinding,
  ClusterRoleBinding: defaultBinding,
};

/** Applies the API server's defaults for the object's kind, in place. */
export function applyDefaults(obj: KubeObject, info: KindInfo): void {
  if (info.custom) return;
  DEFAULTERS[info.kind]?.(obj as unknown as Obj, info);
}
