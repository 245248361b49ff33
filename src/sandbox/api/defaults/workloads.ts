/**
 * apps/v1 defaulting (pkg/apis/apps/v1/defaults.go SetDefaults_Deployment, SetDefaults_ReplicaSet,
 * SetDefaults_StatefulSet, SetDefaults_DaemonSet), templates included.
 */
import { ensure, type Obj, rec, setDefault } from "./fields.js";
import { defaultPodTemplate } from "./pod.js";

function unset(o: Obj, k: string): boolean {
  return o[k] === undefined || o[k] === null;
}

/** Deployment: 1 replica, RollingUpdate 25%/25%, 10 revisions, 600s progress deadline. */
export function defaultDeployment(obj: Obj): void {
  const spec = ensure(obj, "spec");
  if (!spec) return;
  if (unset(spec, "replicas")) spec.replicas = 1;
  const strategy = ensure(spec, "strategy");
  if (strategy) {
    setDefault(strategy, "type", "RollingUpdate");
    if (strategy.type === "RollingUpdate") {
      const ru = ensure(strategy, "rollingUpdate");
      if (ru) {
        if (unset(ru, "maxUnavailable")) ru.maxUnavailable = "25%";
        if (unset(ru, "maxSurge")) ru.maxSurge = "25%";
      }
    }
  }
  if (unset(spec, "revisionHistoryLimit")) spec.revisionHistoryLimit = 10;
  if (unset(spec, "progressDeadlineSeconds")) spec.progressDeadlineSeconds = 600;
  defaultPodTemplate(spec.template);
}

/** ReplicaSet: 1 replica. */
export function defaultReplicaSet(obj: Obj): void {
  const spec = ensure(obj, "spec");
  if (!spec) return;
  if (unset(spec, "replicas")) spec.replicas = 1;
  defaultPodTemplate(spec.template);
}

/**
 * StatefulSet: OrderedReady, RollingUpdate with partition 0, Retain/Retain claims, 1 replica,
 * 10 revisions; claim templates get `volumeMode: Filesystem`.
 */
export function defaultStatefulSet(obj: Obj): void {
  const spec = ensure(obj, "spec");
  if (!spec) return;
  setDefault(spec, "podManagementPolicy", "OrderedReady");
  const strategy = ensure(spec, "updateStrategy");
  if (strategy) {
    if (!strategy.type) {
      strategy.type = "RollingUpdate";
      if (unset(strategy, "rollingUpdate")) strategy.rollingUpdate = {};
    }
    const ru = rec(strategy.rollingUpdate);
    if (strategy.type === "RollingUpdate" && ru && unset(ru, "partition")) ru.partition = 0;
  }
  const retention = ensure(spec, "persistentVolumeClaimRetentionPolicy");
  if (retention) {
    setDefault(retention, "whenDeleted", "Retain");
    setDefault(retention, "whenScaled", "Retain");
  }
  if (unset(spec, "replicas")) spec.replicas = 1;
  if (unset(spec, "revisionHistoryLimit")) spec.revisionHistoryLimit = 10;
  defaultPodTemplate(spec.template);
  if (Array.isArray(spec.volumeClaimTemplates)) {
    for (const claim of spec.volumeClaimTemplates) {
      const claimSpec = rec(rec(claim)?.spec);
      if (claimSpec) setDefault(claimSpec, "volumeMode", "Filesystem");
    }
  }
}

/** DaemonSet: RollingUpdate with maxUnavailable 1 and maxSurge 0, 10 revisions. */
export function defaultDaemonSet(obj: Obj): void {
  const spec = ensure(obj, "spec");
  if (!spec) return;
  const strategy = ensure(spec, "updateStrategy");
  if (strategy) {
    setDefault(strategy, "type", "RollingUpdate");
    if (strategy.type === "RollingUpdate") {
      const ru = ensure(strategy, "rollingUpdate");
      if (ru) {
        if (unset(ru, "maxUnavailable")) ru.maxUnavailable = 1;
        if (unset(ru, "maxSurge")) ru.maxSurge = 0;
      }
    }
  }
  if (unset(spec, "revisionHistoryLimit")) spec.revisionHistoryLimit = 10;
  defaultPodTemplate(spec.template);
}

/**
 * ReplicationController (pkg/apis/core/v1/defaults.go SetDefaults_ReplicationController): an
 * empty selector and empty object labels take the template's labels; replicas default to 1.
 */
export function defaultReplicationController(obj: Obj): void {
  const spec = ensure(obj, "spec");
  if (!spec) return;
  const labels = rec(rec(rec(spec.template)?.metadata)?.labels);
  if (labels) {
    if (Object.keys(rec(spec.selector) ?? {}).length === 0) spec.selector = { ...labels };
    const meta = ensure(obj, "metadata");
    if (meta && Object.keys(rec(meta.labels) ?? {}).length === 0) meta.labels = { ...labels };
  }
  if (unset(spec, "replicas")) spec.replicas = 1;
  defaultPodTemplate(spec.template);
}
