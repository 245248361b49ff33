/**
 * The garbage collector (pkg/controller/garbagecollector/garbagecollector.go attemptToDeleteItem):
 * when an owner disappears, each dependent whose owner references are all dangling is deleted
 * (background cascading deletion — pods gracefully, through the API server), and a dependent that
 * still has a live owner only loses its dangling references. `orphanDependents` implements
 * `--cascade=orphan`.
 */
import type { WatchEvent } from "../api/store.js";
import type { Controller, ControllerContext } from "../engine/controller.js";
import type { KubeObject, OwnerReference } from "../model/object.js";

/** Kinds whose deletion the collector follows (owners of other objects in the simulation). */
export const OWNER_KINDS = [
  "Deployment",
  "ReplicaSet",
  "ReplicationController",
  "StatefulSet",
  "DaemonSet",
  "Job",
  "CronJob",
  "Service",
  "ConfigMap",
  "Secret",
  "ServiceAccount",
  "PersistentVolumeClaim",
  "Node",
] as const;

function keyOf(obj: KubeObject): string {
  return `${obj.kind}\u0000${obj.metadata.namespace ?? ""}\u0000${obj.metadata.name ?? ""}`;
}

/** Every stored object that lists `uid` among its owner references. */
function dependentsOf(ctx: ControllerContext, uid: string): KubeObject[] {
  const out: KubeObject[] = [];
  for (const kind of ctx.store.kinds()) {
    for (const obj of ctx.store.list(kind)) {
      if (obj.metadata.ownerReferences?.some((r) => r.uid === uid)) out.push(obj);
    }
  }
  return out;
}

function ownerExists(ctx: ControllerContext, dependent: KubeObject, ref: OwnerReference): boolean {
  // An owner of a cluster-scoped kind (as discovery serves it) is looked up without a namespace.
  const clusterScoped = ctx.api.discovery.byKind(ref.kind)?.namespaced === false;
  const ns = clusterScoped ? undefined : dependent.metadata.namespace;
  return ctx.store.get(ref.kind, ns, ref.name)?.metadata.uid === ref.uid;
}

/** The garbage collector controller. */
export function garbageCollector(): Controller {
  return {
    name: "garbage-collector-controller",
    watches: OWNER_KINDS,
    keysFor(event: WatchEvent, ctx: ControllerContext): string[] {
      if (event.type !== "DELETED" || !event.object.metadata.uid) return [];
      return dependentsOf(ctx, event.object.metadata.uid).map(keyOf);
    },
    reconcile(key: string, ctx: ControllerContext) {
      const [kind = "", ns = "", name = ""] = key.split("\u0000");
      const obj = ctx.store.get(kind, ns || undefined, name);
      const refs = obj?.metadata.ownerReferences;
      if (!obj || !refs || refs.length === 0) return undefined;
      const dangling = refs.filter((r) => !ownerExists(ctx, obj, r));
      if (dangling.length === 0) return undefined;
      if (dangling.length === refs.length) {
        ctx.api.delete(kind, ns || undefined, name);
        return undefined;
      }
      ctx.store.patch(kind, ns || undefined, name, (o) => {
        o.metadata.ownerReferences = refs.filter((r) => !dangling.includes(r));
      });
      return undefined;
    },
  };
}

/**
 * `kubectl delete --cascade=orphan`: removes `owner`'s references from its dependents so that
 * deleting it leaves them running (garbagecollector.go orphanDependents).
 */
export function orphanDependents(ctx: ControllerContext, owner: KubeObject): void {
  const uid = owner.metadata.uid;
  if (!uid) return;
  for (const dep of dependentsOf(ctx, uid)) {
    ctx.store.patch(dep.kind, dep.metadata.namespace, dep.metadata.name ?? "", (o) => {
      o.metadata.ownerReferences = (o.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid);
      if (o.metadata.ownerReferences.length === 0) delete o.metadata.ownerReferences;
    });
  }
}
