/**
 * Prometheus metrics of the bot and the worker (prom-client), one registry per process so tests
 * can run several side by side. Names follow Prometheus conventions: `_total` counters, `_seconds`
 * histograms, base units.
 */
import type { Queue } from "bullmq";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { withTimeout } from "./with-timeout.js";

/** How a job ended, as the `outcome` label. */
export type JobOutcome =
  | "result"
  | "rejected"
  | "limited"
  | "duplicate"
  | "timeout"
  | "memory"
  | "crash"
  | "error"
  | "invalid"
  | "retry"
  | "sent"
  | "no-sender"
  | "failed";

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const SIZE_BUCKETS = [1, 3, 10, 30, 100, 300, 1000, 3000, 10_000, 60_000];
const QUEUE_STATES = ["waiting", "active", "delayed", "failed", "completed", "prioritized"] as const;

/** The metrics of one process. */
export class Metrics {
  readonly registry = new Registry();
  /** Jobs finished, by queue and outcome. */
  readonly jobs: Counter<"queue" | "outcome">;
  /** Time a processor spent on a job, by queue. */
  readonly jobDuration: Histogram<"queue">;
  /** Enqueue → processor start, by queue. */
  readonly queueWait: Histogram<"queue">;
  /** Enqueue → reply accepted by the platform. */
  readonly endToEnd: Histogram<"outcome">;
  /** Objects, pods and input bytes per simulation. */
  readonly simulationObjects: Histogram;
  readonly simulationPods: Histogram;
  readonly simulationBytes: Histogram;
  /** Round trip through the sandbox minus the simulation itself. */
  readonly sandboxOverhead: Histogram;
  /** Simulations answered from the worker's result cache (hit) or run (miss). */
  readonly resultCache: Counter<"result">;
  /** Sandbox threads replaced after a timeout, out-of-memory or crash, by reason. */
  readonly sandboxRespawns: Counter<"reason">;
  /** Requests refused by a rate limit, by scope. */
  readonly rateLimited: Counter<"scope">;
  /** Jobs per queue and state (read from Redis at scrape time). */
  readonly queueDepth: Gauge<"queue" | "state">;
  readonly #queues: Queue[] = [];

  constructor(role: string) {
    const registers = [this.registry];
    this.registry.setDefaultLabels({ role });
    collectDefaultMetrics({ register: this.registry, prefix: "podsensei_" });
    this.jobs = new Counter({
      name: "podsensei_jobs_total",
      help: "Jobs finished, by queue and outcome.",
      labelNames: ["queue", "outcome"],
      registers,
    });
    this.jobDuration = new Histogram({
      name: "podsensei_job_duration_seconds",
      help: "Time a processor spent on a job.",
      labelNames: ["queue"],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.queueWait = new Histogram({
      name: "podsensei_queue_wait_seconds",
      help: "Time from enqueue to processor start.",
      labelNames: ["queue"],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.endToEnd = new Histogram({
      name: "podsensei_request_latency_seconds",
      help: "Time from enqueue to the reply being accepted by the platform.",
      labelNames: ["outcome"],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.simulationObjects = new Histogram({
      name: "podsensei_simulation_objects",
      help: "Objects per simulation (input and generated).",
      buckets: SIZE_BUCKETS,
      registers,
    });
    this.simulationPods = new Histogram({
      name: "podsensei_simulation_pods",
      help: "Pods per simulation.",
      buckets: SIZE_BUCKETS,
      registers,
    });
    this.simulationBytes = new Histogram({
      name: "podsensei_simulation_input_bytes",
      help: "Bytes of pasted manifests per simulation.",
      buckets: [256, 1024, 4096, 16_384, 65_536, 262_144, 1_048_576],
      registers,
    });
    this.sandboxOverhead = new Histogram({
      name: "podsensei_sandbox_overhead_seconds",
      help: "Sandbox round trip minus the simulation's own time.",
      buckets: [0.00005, 0.0001, 0.0002, 0.0003, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.05],
      registers,
    });
    this.resultCache = new Counter({
      name: "podsensei_result_cache_total",
      help: "Simulations answered from the result cache (hit) or run in the sandbox (miss).",
      labelNames: ["result"],
      registers,
    });
    this.sandboxRespawns = new Counter({
      name: "podsensei_sandbox_respawns_total",
      help: "Sandbox threads replaced, by reason.",
      labelNames: ["reason"],
      registers,
    });
    this.rateLimited = new Counter({
      name: "podsensei_rate_limited_total",
      help: "Requests refused by a rate limit, by scope.",
      labelNames: ["scope"],
      registers,
    });
    const queues = this.#queues;
    this.queueDepth = new Gauge({
      name: "podsensei_queue_depth",
      help: "Jobs per queue and state.",
      labelNames: ["queue", "state"],
      registers,
      async collect() {
        this.reset();
        await Promise.all(
          queues.map(async (q) => {
            // A scrape during a Redis outage reports no depth rather than hanging.
            const counts = await withTimeout(q.getJobCounts(...QUEUE_STATES), 1000, "queue depth").catch(
              () => undefined,
            );
            if (!counts) return;
            for (const state of QUEUE_STATES) this.set({ queue: q.name, state }, counts[state] ?? 0);
          }),
        );
      },
    });
  }

  /** Reports the depth of these queues at every scrape. */
  trackQueues(queues: Queue[]): void {
    this.#queues.push(...queues);
  }

  /** The exposition text and its content type. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
