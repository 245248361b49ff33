/**
 * client-go's EventCorrelator (k8s.io/client-go/tools/record/events_cache.go, EventCorrelate), which
 * every core/v1 event recorder (kubelet, kube-controller-manager) runs before it writes an event:
 *
 * 1. EventAggregate: events that differ only by message (same source, object, type, reason) are
 *    similar. From the 10th distinct message within 600 s of the previous similar event, the event
 *    becomes one aggregate event "(combined from similar events): <message>" keyed by the group.
 * 2. eventObserve: events with the same key fold into one whose count grows; its first time is kept.
 * 3. EventSourceObjectSpamFilter: a token bucket per source and object (burst 25, one token every
 *    300 s) drops the write when empty. The observation still counted, so the next write that
 *    passes carries the full count.
 *
 * The LRU caches (4096 entries) never evict at simulation sizes and are plain maps here.
 */

/** events_cache.go defaultAggregateMaxEvents and defaultAggregateIntervalInSeconds. */
const AGGREGATE_MAX_EVENTS = 10;
const AGGREGATE_INTERVAL_SECONDS = 600;
/** events_cache.go defaultSpamBurst and defaultSpamQPS. */
const SPAM_BURST = 25;
const SPAM_QPS = 1 / 300;

/** events_cache.go EventAggregatorByReasonMessageFunc. */
const AGGREGATE_MESSAGE_PREFIX = "(combined from similar events): ";

/** The fields of an event the correlator keys on. */
export interface EventIdentity {
  source: string;
  host: string | undefined;
  /** `Kind/name` of the involved object. */
  object: string;
  namespace: string | null;
  type: string;
  reason: string;
  message: string;
}

/** What to write: the event under `key` with this message, count and first time, unless `skip`. */
export interface Correlated {
  key: string;
  message: string;
  count: number;
  firstTime: number;
  skip: boolean;
}

interface AggregateRecord {
  /** Distinct messages seen in the group (the local keys), at most 9 kept after aggregating. */
  localKeys: Set<string>;
  lastTime: number;
}

interface EventLog {
  count: number;
  firstTime: number;
}

interface TokenBucket {
  tokens: number;
  last: number;
}

function join(...parts: (string | null | undefined)[]): string {
  return parts.map((p) => p ?? "").join("\u0000");
}

export class EventCorrelator {
  private readonly aggregates = new Map<string, AggregateRecord>();
  private readonly logs = new Map<string, EventLog>();
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly now: () => number) {}

  correlate(ev: EventIdentity): Correlated {
    const t = this.now();
    const { key, message } = this.aggregate(ev, t);
    // eventObserve: a cache hit keeps the first time and counts on.
    const seen = this.logs.get(key);
    const log = seen ? { count: seen.count + 1, firstTime: seen.firstTime } : { count: 1, firstTime: t };
    this.logs.set(key, log);
    return {
      key,
      message,
      count: log.count,
      firstTime: log.firstTime,
      skip: !this.allow(join(ev.source, ev.host, ev.namespace, ev.object), t),
    };
  }

  /** EventAggregate with EventAggregatorByReasonFunc: the key to count under, and the message to show. */
  private aggregate(ev: EventIdentity, t: number): { key: string; message: string } {
    const groupKey = join(ev.source, ev.host, ev.namespace, ev.object, ev.type, ev.reason);
    let rec = this.aggregates.get(groupKey);
    // A group idle for longer than the interval starts over.
    if (!rec || t - rec.lastTime > AGGREGATE_INTERVAL_SECONDS) rec = { localKeys: new Set(), lastTime: t };
    rec.localKeys.add(ev.message);
    rec.lastTime = t;
    this.aggregates.set(groupKey, rec);
    if (rec.localKeys.size < AGGREGATE_MAX_EVENTS) return { key: join(groupKey, ev.message), message: ev.message };
    // Upstream pops an arbitrary key (sets.String.PopAny) to stay below the maximum; dropping the newest
    // keeps the first nine messages on their own events, so every later new message joins the aggregate,
    // which counts under the group key itself.
    rec.localKeys.delete(ev.message);
    return { key: groupKey, message: AGGREGATE_MESSAGE_PREFIX + ev.message };
  }

  /** EventSourceObjectSpamFilter.Filter: flowcontrol's token bucket (x/time/rate), full at first use. */
  private allow(spamKey: string, t: number): boolean {
    const b = this.buckets.get(spamKey) ?? { tokens: SPAM_BURST, last: t };
    b.tokens = Math.min(SPAM_BURST, b.tokens + (t - b.last) * SPAM_QPS);
    b.last = t;
    this.buckets.set(spamKey, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}
