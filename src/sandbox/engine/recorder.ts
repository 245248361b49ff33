/**
 * Kubernetes-style events. Identical events (same source, object, type, reason and message) are
 * folded into one with a growing count, as client-go's EventCorrelator does
 * (k8s.io/client-go/tools/record/events_cache.go: eventObserve keys on these fields).
 */
import type { KubeObject } from "../model/object.js";

export type EventType = "Normal" | "Warning";

export interface RecordedEvent {
  /** First occurrence, simulated seconds. */
  time: number;
  /** Last occurrence, simulated seconds. */
  lastTime: number;
  type: EventType;
  reason: string;
  /** `Kind/name` of the involved object. */
  object: string;
  namespace: string | null;
  /** Reporting component: `default-scheduler`, `kubelet`, `deployment-controller`, ... */
  source: string;
  message: string;
  count: number;
  /** Host for kubelet events. */
  host?: string;
}

export class EventRecorder {
  private readonly events: RecordedEvent[] = [];
  private readonly index = new Map<string, RecordedEvent>();

  constructor(private readonly now: () => number) {}

  /** Records an event about `obj`. */
  record(
    obj: Pick<KubeObject, "kind" | "metadata">,
    type: EventType,
    reason: string,
    message: string,
    source: string,
    host?: string,
  ): void {
    const object = `${obj.kind}/${obj.metadata.name ?? ""}`;
    const namespace = obj.metadata.namespace ?? null;
    const key = `${source}\u0000${object}\u0000${namespace}\u0000${type}\u0000${reason}\u0000${message}`;
    const t = this.now();
    const seen = this.index.get(key);
    if (seen) {
      seen.count++;
      seen.lastTime = t;
      return;
    }
    const ev: RecordedEvent = { time: t, lastTime: t, type, reason, object, namespace, source, message, count: 1 };
    if (host) ev.host = host;
    this.events.push(ev);
    this.index.set(key, ev);
  }

  /** All events in order of first occurrence. */
  list(): readonly RecordedEvent[] {
    return this.events;
  }

  /** Events about one object (`Kind/name`, namespace). */
  about(object: string, namespace: string | null): RecordedEvent[] {
    return this.events.filter((e) => e.object === object && e.namespace === namespace);
  }
}
