/**
 * An informer-style index of objects by their controller owner reference, so a controller lists
 * its own pods (or ReplicaSets, Jobs, ...) without scanning every object in the store — what
 * upstream controllers get from their listers and ControllerRefManager. One index per
 * (store, kind), built lazily and kept current by the store's watch.
 */
import type { ObjectStore } from "../api/store.js";
import { controllerOf, type KubeObject } from "../model/object.js";

const ORPHANS = "\u0000orphan:";

class OwnerIndex {
  private readonly byOwner = new Map<string, Map<string, KubeObject>>();

  constructor(store: ObjectStore, kind: string) {
    for (const obj of store.list(kind)) this.put(obj);
    store.watch(kind, (event) => {
      if (event.old) this.drop(event.old);
      if (event.type === "DELETED") this.drop(event.object);
      else this.put(event.object);
    });
  }

  owned(uid: string): KubeObject[] {
    return [...(this.byOwner.get(uid)?.values() ?? [])];
  }

  orphans(namespace: string): KubeObject[] {
    return [...(this.byOwner.get(ORPHANS + namespace)?.values() ?? [])];
  }

  private bucketOf(obj: KubeObject): string {
    return controllerOf(obj)?.uid ?? ORPHANS + (obj.metadata.namespace ?? "");
  }

  private put(obj: KubeObject): void {
    const bucket = this.bucketOf(obj);
    let m = this.byOwner.get(bucket);
    if (!m) {
      m = new Map();
      this.byOwner.set(bucket, m);
    }
    m.set(`${obj.metadata.namespace ?? ""}/${obj.metadata.name ?? ""}`, obj);
  }

  private drop(obj: KubeObject): void {
    const bucket = this.bucketOf(obj);
    const m = this.byOwner.get(bucket);
    m?.delete(`${obj.metadata.namespace ?? ""}/${obj.metadata.name ?? ""}`);
    if (m && m.size === 0) this.byOwner.delete(bucket);
  }
}

const indexes = new WeakMap<ObjectStore, Map<string, OwnerIndex>>();

function indexFor(store: ObjectStore, kind: string): OwnerIndex {
  let perStore = indexes.get(store);
  if (!perStore) {
    perStore = new Map();
    indexes.set(store, perStore);
  }
  let idx = perStore.get(kind);
  if (!idx) {
    idx = new OwnerIndex(store, kind);
    perStore.set(kind, idx);
  }
  return idx;
}

/** Objects of `kind` whose controller owner reference has `ownerUid`, in insertion order. */
export function controlledBy(store: ObjectStore, kind: string, ownerUid: string): KubeObject[] {
  return indexFor(store, kind).owned(ownerUid);
}

/** Objects of `kind` in `namespace` with no controller owner reference (candidates for adoption). */
export function orphansOf(store: ObjectStore, kind: string, namespace: string): KubeObject[] {
  return indexFor(store, kind).orphans(namespace);
}
