/**
 * DaemonSet rolling updates with `maxSurge` (GA since 1.25): a node gets its new pod while the
 * old one still runs, and the old one goes once the new one is available
 * (pkg/controller/daemon/update.go rollingUpdate, the surge branch, and daemon_controller.go
 * podsShouldBeOnNode, which tolerates one old and one new pod on a node while surging).
 */
import type { KubeObject } from "../model/object.js";
import { nodeShouldRunDaemonPod } from "./daemonset-util.js";
import { byCreation, scaledValue } from "./deployment-util.js";
import { isPodAvailable, isPodReady, secondsUntilAvailable } from "./pod-util.js";
import { REVISION_LABEL } from "./statefulset.js";

function rollingUpdate(ds: KubeObject): Record<string, any> | undefined {
  const strategy = ds.spec?.updateStrategy;
  if ((strategy?.type ?? "RollingUpdate") !== "RollingUpdate") return undefined;
  return strategy?.rollingUpdate ?? {};
}

/** daemon/util AllowsSurge: RollingUpdate whose maxSurge, scaled against one node, is above 0. */
export function allowsSurge(ds: KubeObject): boolean {
  const ru = rollingUpdate(ds);
  return ru !== undefined && scaledValue(ru.maxSurge ?? 0, 1, true) > 0;
}

/**
 * podsShouldBeOnNode while surging: of a node's running pods keep the oldest new one and the
 * oldest old one, and delete the old one as soon as it is not Ready or the new one is available.
 */
export function surgeExcessPods(running: KubeObject[], hash: string, minReady: number, now: number): KubeObject[] {
  const extra: KubeObject[] = [];
  let oldestNew: KubeObject | undefined;
  let oldestOld: KubeObject | undefined;
  for (const pod of [...running].sort(byCreation)) {
    const isNew = pod.metadata.labels?.[REVISION_LABEL] === hash;
    if (isNew && !oldestNew) oldestNew = pod;
    else if (!isNew && !oldestOld) oldestOld = pod;
    else extra.push(pod);
  }
  if (oldestNew && oldestOld && (!isPodReady(oldestOld) || isPodAvailable(oldestNew, minReady, now))) {
    extra.push(oldestOld);
  }
  return extra;
}

/** What the surge branch of rollingUpdate asks for. */
export interface SurgePlan {
  deleteOld: KubeObject[];
  /** Nodes that get a new pod next to their old one. */
  createOn: string[];
  /** Seconds until a Ready new pod becomes available and lets its old pod go. */
  recheckAfter: number | undefined;
}

/**
 * update.go rollingUpdate with maxSurge > 0: a node whose old pod is unavailable gets a new pod
 * at once; other nodes get one while fewer than maxSurge new pods are still becoming available;
 * an old pod goes once the new pod on its node is available. Old pods on nodes that no longer
 * qualify go only while more pods are available than nodes want one.
 */
export function surgeUpdate(
  ds: KubeObject,
  nodes: KubeObject[],
  byNode: Map<string, KubeObject[]>,
  hash: string,
  now: number,
  gone: readonly KubeObject[],
): SurgePlan {
  const minReady = (ds.spec?.minReadySeconds as number | undefined) ?? 0;
  const desired = nodes.filter((n) => nodeShouldRunDaemonPod(n, ds).shouldRun).length;
  const maxSurge = scaledValue(rollingUpdate(ds)?.maxSurge ?? 0, desired, true);
  const nodeByName = new Map(nodes.map((n) => [n.metadata.name ?? "", n]));
  const shouldRun = (name: string) => {
    const node = nodeByName.get(name);
    return node !== undefined && nodeShouldRunDaemonPod(node, ds).shouldRun;
  };
  const deleteOld: KubeObject[] = [];
  const shouldNotRun: KubeObject[] = [];
  const candidates: string[] = [];
  const allowed: string[] = [];
  let numSurge = 0;
  let numAvailable = 0;
  let recheckAfter: number | undefined;
  for (const name of [...byNode.keys()].sort()) {
    // update.go findUpdatedPodsOnNode: pods being deleted are skipped; two of a kind means "wait".
    const pods = (byNode.get(name) ?? []).filter((p) => !p.metadata.deletionTimestamp && !gone.includes(p));
    const fresh = pods.filter((p) => p.metadata.labels?.[REVISION_LABEL] === hash);
    const old = pods.filter((p) => p.metadata.labels?.[REVISION_LABEL] !== hash);
    if (fresh.length > 1 || old.length > 1) {
      numSurge++;
      continue;
    }
    const [newPod] = fresh;
    const [oldPod] = old;
    const counted = oldPod ?? newPod;
    if (counted && isPodAvailable(counted, minReady, now)) numAvailable++;
    if (!oldPod) continue;
    if (!newPod) {
      if (!isPodAvailable(oldPod, minReady, now)) {
        if (!shouldRun(name)) deleteOld.push(oldPod);
        else allowed.push(name);
      } else if (!shouldRun(name)) shouldNotRun.push(oldPod);
      else if (numSurge < maxSurge) candidates.push(name);
    } else if (!isPodAvailable(newPod, minReady, now)) {
      numSurge++;
      const left = secondsUntilAvailable(newPod, minReady, now);
      if (left !== undefined) recheckAfter = Math.min(recheckAfter ?? left, left);
    } else deleteOld.push(oldPod);
  }
  // "With maxSurge, the application owner expects 100% availability."
  const deletable = Math.min(Math.max(0, numAvailable - desired), shouldNotRun.length);
  deleteOld.push(...shouldNotRun.slice(0, deletable));
  const remaining = Math.min(Math.max(0, maxSurge - numSurge), candidates.length);
  return { deleteOld, createOn: [...allowed, ...candidates.slice(0, remaining)], recheckAfter };
}
