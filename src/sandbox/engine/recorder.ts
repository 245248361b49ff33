/**
 * Kubernetes-style events. Core/v1 recorders (kubelet, controllers) go through client-go's
 * EventCorrelator (./event-correlator.ts): identical events fold into one with a growing count,
 * floods of similar events become one "(combined from similar events)" event, and a per-object
 * spam filter drops writes. The scheduler records through events.k8s.io/v1 instead
 * (cmd/kube-scheduler/app/options Config: events.NewEventBroadcasterAdapter), which has no
 * aggregator or spam filter; its identical events only fold. So do the `kubectl` lines the timeline
 * shows, which are command output, not API events.
 */
import type { KubeObject } from "../model/object.js";
import { EventCorrelator } from "./event-correlator.js";

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

/** Sources that skip the EventCorrelator: the scheduler (events.k8s.io/v1) and kubectl's own output. */
const UNCORRELATED_SOURCES = new Set(["default-scheduler", "kubectl"]);

export class EventRecorder {
  private readonly events: RecordedEvent[] = [];
  private readonly index = new Map<string, RecordedEvent>();
  private readonly correlator: EventCorrelator;

  constructor(private readonly now: () => number) {
    this.correlator = new EventCorrelator(now);
  }

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
    const t = this.now();
    let key: string;
    let shown = message;
    let count: number;
    let firstTime: number;
    if (UNCORRELATED_SOURCES.has(source)) {
      key = `${source}\u0000${object}\u0000${namespace}\u0000${type}\u0000${reason}\u0000${message}`;
      const seen = this.index.get(key);
      count = (seen?.count ?? 0) + 1;
      firstTime = seen?.time ?? t;
    } else {
      const c = this.correlator.correlate({ source, host, object, namespace, type, reason, message });
      if (c.skip) return;
      ({ key, count, firstTime } = c);
      shown = c.message;
    }
    const seen = this.index.get(key);
    if (seen) {
      seen.count = count;
      seen.lastTime = t;
      seen.message = shown;
      return;
    }
    const ev: RecordedEvent = {
      time: firstTime,
      lastTime: t,
      type,
      reason,
      object,
      namespace,
      source,
      message: shown,
      count,
    };
    if (host) ev.host = host;
    this.insert(ev);
    this.index.set(key, ev);
  }

  /** Keeps the list in order of first occurrence: an event first written after the spam filter let it
   * through carries its earlier first time. */
  private insert(ev: RecordedEvent): void {
    let i = this.events.length;
    while (i > 0 && (this.events[i - 1] as RecordedEvent).time > ev.time) i--;
    this.events.splice(i, 0, ev);
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
