/**
 * The object store behind the simulated API server: objects by kind, namespace and name, a
 * monotonically increasing resourceVersion, and synchronous watch events that controllers turn
 * into reconcile keys (as informers do). Objects handed out are the stored ones; callers that
 * change an object must go through `update` so watchers see it.
 */

import { PodsenseiError } from "../../core/errors.js";
import { clone, type KubeObject } from "../model/object.js";

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED";

export interface WatchEvent {
  type: WatchEventType;
  object: KubeObject;
  /** The object before a MODIFIED event. */
  old?: KubeObject;
}

export type WatchHandler = (event: WatchEvent) => void;

/** One stored object's place: updates replace `obj` and keep the place (and so the order of `list`). */
interface Slot {
  obj: KubeObject;
}

/** The objects of one kind: in insertion order, and by namespace and name for lookups. */
class KindBucket {
  readonly all = new Set<Slot>();
  readonly byNamespace = new Map<string, Map<string, Slot>>();

  slot(namespace: string | undefined, name: string): Slot | undefined {
    return this.byNamespace.get(namespace ?? "")?.get(name);
  }
}

export class ObjectStore {
  private readonly byKind = new Map<string, KindBucket>();
  private readonly watchers = new Map<string, WatchHandler[]>();
  private readonly anyWatchers: WatchHandler[] = [];
  private revision = 0;

  /** The current resourceVersion (as a number). */
  get resourceVersion(): number {
    return this.revision;
  }

  get(kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.byKind.get(kind)?.slot(namespace, name)?.obj;
  }

  /** All objects of a kind, optionally in one namespace, in insertion order. */
  list(kind: string, namespace?: string): KubeObject[] {
    const bucket = this.byKind.get(kind);
    if (!bucket) return [];
    const out: KubeObject[] = [];
    if (namespace !== undefined) {
      for (const slot of bucket.byNamespace.get(namespace)?.values() ?? []) {
        if (slot.obj.metadata.namespace === namespace) out.push(slot.obj);
      }
      return out;
    }
    for (const slot of bucket.all) out.push(slot.obj);
    return out;
  }

  /** Number of stored objects of a kind. */
  count(kind: string): number {
    return this.byKind.get(kind)?.all.size ?? 0;
  }

  /** Every kind that has at least one object. */
  kinds(): string[] {
    return [...this.byKind.keys()].filter((k) => (this.byKind.get(k)?.all.size ?? 0) > 0);
  }

  /** Stores a new object, stamping its resourceVersion. The caller has already validated it. */
  add(obj: KubeObject): KubeObject {
    const name = obj.metadata.name ?? "";
    let bucket = this.byKind.get(obj.kind);
    if (!bucket) {
      bucket = new KindBucket();
      this.byKind.set(obj.kind, bucket);
    }
    const ns = obj.metadata.namespace ?? "";
    let names = bucket.byNamespace.get(ns);
    if (!names) {
      names = new Map();
      bucket.byNamespace.set(ns, names);
    }
    if (names.has(name)) throw new PodsenseiError("STORE_OBJECT_EXISTS", { kind: obj.kind, key: `${ns}/${name}` });
    obj.metadata.resourceVersion = String(++this.revision);
    const slot = { obj };
    names.set(name, slot);
    bucket.all.add(slot);
    this.emit({ type: "ADDED", object: obj });
    return obj;
  }

  /** Replaces a stored object (same kind, namespace and name) and notifies watchers. */
  update(obj: KubeObject): KubeObject {
    const slot = this.byKind.get(obj.kind)?.slot(obj.metadata.namespace, obj.metadata.name ?? "");
    if (!slot)
      throw new PodsenseiError("STORE_OBJECT_NOT_FOUND", {
        kind: obj.kind,
        key: `${obj.metadata.namespace ?? ""}/${obj.metadata.name ?? ""}`,
      });
    const old = slot.obj;
    obj.metadata.resourceVersion = String(++this.revision);
    slot.obj = obj;
    this.emit({ type: "MODIFIED", object: obj, old });
    return obj;
  }

  /**
   * Applies `mutate` to a copy of the stored object and stores the result; returns it, or
   * undefined when the object is gone.
   */
  patch(
    kind: string,
    namespace: string | undefined,
    name: string,
    mutate: (o: KubeObject) => void,
  ): KubeObject | undefined {
    const cur = this.get(kind, namespace, name);
    if (!cur) return undefined;
    const next = clone(cur);
    mutate(next);
    return this.update(next);
  }

  /**
   * Replaces the status of a stored object (a status-subresource write); returns the new version,
   * or undefined when the object is gone. The new version is a shallow copy that shares its other
   * fields with the previous one (copy-on-write: stored objects are never changed in place), so it
   * costs little next to `patch`, which deep-copies the whole object; the kubelet and controllers
   * write status far more often than anything else. `status` now belongs to the store.
   */
  replaceStatus(kind: string, namespace: string | undefined, name: string, status: unknown): KubeObject | undefined {
    const cur = this.get(kind, namespace, name);
    if (!cur) return undefined;
    return this.update({ ...cur, metadata: { ...cur.metadata }, status });
  }

  /** Removes an object and notifies watchers. */
  remove(kind: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const bucket = this.byKind.get(kind);
    const names = bucket?.byNamespace.get(namespace ?? "");
    const slot = names?.get(name);
    if (!bucket || !names || !slot) return undefined;
    names.delete(name);
    bucket.all.delete(slot);
    this.revision++;
    this.emit({ type: "DELETED", object: slot.obj });
    return slot.obj;
  }

  /** Subscribes to changes of one kind. Returns an unsubscribe function. */
  watch(kind: string, handler: WatchHandler): () => void {
    const list = this.watchers.get(kind) ?? [];
    list.push(handler);
    this.watchers.set(kind, list);
    return () => {
      const i = list.indexOf(handler);
      if (i >= 0) list.splice(i, 1);
    };
  }

  /** Subscribes to changes of every kind. */
  watchAll(handler: WatchHandler): () => void {
    this.anyWatchers.push(handler);
    return () => {
      const i = this.anyWatchers.indexOf(handler);
      if (i >= 0) this.anyWatchers.splice(i, 1);
    };
  }

  private emit(event: WatchEvent): void {
    for (const h of this.watchers.get(event.object.kind) ?? []) h(event);
    for (const h of this.anyWatchers) h(event);
  }
}
