/**
 * Semantic validation with upstream's texts (pkg/apis/<group>/validation): `validateObject` on
 * create, `validateObjectUpdate` on a second apply of an existing object. Errors come in the
 * order upstream appends them, with exact duplicates removed.
 */
import type { KubeObject } from "../../model/object.js";
import type { FieldError } from "../field-error.js";
import type { KindInfo } from "../types.js";
import { validateHorizontalPodAutoscaler } from "./autoscaling.js";
import { validateCronJob, validateJob, validateJobUpdate } from "./batch.js";
import { validateNamespace, validateNode } from "./cluster.js";
import { validateConfigMap, validateConfigMapUpdate, validateSecret, validateSecretUpdate } from "./config.js";
import { dedupe } from "./field.js";
import { validateObjectMeta } from "./meta.js";
import { nameIsDNSSubdomain } from "./names.js";
import { validateIngress, validateNetworkPolicy } from "./networking.js";
import { validatePod, validatePodUpdate } from "./pod.js";
import { validatePodDisruptionBudget } from "./policy.js";
import {
  validateClusterRole,
  validateClusterRoleBinding,
  validateClusterRoleBindingUpdate,
  validateRole,
  validateRoleBinding,
  validateRoleBindingUpdate,
} from "./rbac.js";
import { validateReplicationController } from "./replicationcontroller.js";
import { validateRuntimeClass, validateRuntimeClassUpdate } from "./runtimeclass.js";
import { validateService, validateServiceUpdate } from "./service.js";
import { validateStatefulSet, validateStatefulSetUpdate } from "./statefulset.js";
import {
  validatePersistentVolume,
  validatePersistentVolumeClaim,
  validatePersistentVolumeClaimUpdate,
} from "./storage.js";
import type { Obj } from "./values.js";
import { immutableSelector, validateDaemonSet, validateDeployment, validateReplicaSet } from "./workloads.js";

type Validator = (obj: Obj) => FieldError[];
type UpdateValidator = (obj: Obj, old: Obj) => FieldError[];

const CREATE: Record<string, Validator> = {
  Pod: validatePod,
  Deployment: validateDeployment,
  ReplicaSet: validateReplicaSet,
  ReplicationController: validateReplicationController,
  DaemonSet: validateDaemonSet,
  StatefulSet: validateStatefulSet,
  Job: validateJob,
  CronJob: (o) => validateCronJob(o),
  Service: validateService,
  ConfigMap: validateConfigMap,
  Secret: validateSecret,
  PersistentVolumeClaim: validatePersistentVolumeClaim,
  PersistentVolume: validatePersistentVolume,
  Ingress: validateIngress,
  NetworkPolicy: validateNetworkPolicy,
  HorizontalPodAutoscaler: validateHorizontalPodAutoscaler,
  PodDisruptionBudget: validatePodDisruptionBudget,
  Namespace: validateNamespace,
  Node: validateNode,
  Role: validateRole,
  ClusterRole: validateClusterRole,
  RoleBinding: validateRoleBinding,
  ClusterRoleBinding: validateClusterRoleBinding,
  RuntimeClass: validateRuntimeClass,
};

const UPDATE: Record<string, UpdateValidator> = {
  Pod: validatePodUpdate,
  // pkg/registry/apps/{deployment,replicaset,daemonset}/strategy.go: apps/v1 selectors are immutable.
  Deployment: (o, old) => [...validateDeployment(o), ...immutableSelector(o, old)],
  ReplicaSet: (o, old) => [...validateReplicaSet(o), ...immutableSelector(o, old)],
  ReplicationController: validateReplicationController,
  DaemonSet: (o, old) => [...validateDaemonSet(o), ...immutableSelector(o, old)],
  StatefulSet: validateStatefulSetUpdate,
  Job: validateJobUpdate,
  CronJob: validateCronJob,
  Service: validateServiceUpdate,
  ConfigMap: validateConfigMapUpdate,
  Secret: validateSecretUpdate,
  PersistentVolumeClaim: validatePersistentVolumeClaimUpdate,
  RoleBinding: validateRoleBindingUpdate,
  ClusterRoleBinding: validateClusterRoleBindingUpdate,
  RuntimeClass: validateRuntimeClassUpdate,
};

function validateGeneric(obj: Obj, info: KindInfo): FieldError[] {
  const meta = obj.metadata as Obj | undefined;
  return validateObjectMeta(meta, info.namespaced, nameIsDNSSubdomain);
}

function safely(run: () => FieldError[]): FieldError[] {
  try {
    return dedupe(run());
  } catch (e) {
    // Validation is written to never throw; if it still does, report it as the server would.
    return [{ type: "Internal", field: "", detail: e instanceof Error ? e.message : String(e) }];
  }
}

/** Validates a new object; an empty list means valid. */
export function validateObject(obj: KubeObject, info: KindInfo): FieldError[] {
  const o = obj as unknown as Obj;
  if (info.custom) return safely(() => validateGeneric(o, info));
  const validator = CREATE[info.kind];
  return safely(() => (validator ? validator(o) : validateGeneric(o, info)));
}

/** Validates a change to an existing object (immutable fields, update-only rules). */
export function validateObjectUpdate(obj: KubeObject, old: KubeObject, info: KindInfo): FieldError[] {
  const o = obj as unknown as Obj;
  const prev = old as unknown as Obj;
  if (info.custom) return safely(() => validateGeneric(o, info));
  const validator = UPDATE[info.kind];
  return safely(() => (validator ? validator(o, prev) : validateObject(obj, info)));
}
