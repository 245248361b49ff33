/**
 * Readiness: the process can do its job right now. Both processes need Redis answering and
 * their queues usable (a command on the queue's own connection succeeds). Liveness (`/healthz`)
 * is only "the event loop answers": a Redis outage must make a pod unready, never restart it.
 */
import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { PodsenseiError } from "../core/errors.js";
import { withTimeout } from "./with-timeout.js";

/** One named check. */
export interface ReadinessCheck {
  name: string;
  /** Resolves when healthy; rejects with the reason otherwise. */
  run(): Promise<void>;
}

/** The outcome of all checks (the `/readyz` JSON body). */
export interface ReadinessReport {
  ready: boolean;
  checks: { name: string; ok: boolean; error?: string }[];
}

/** Redis answers PING (on a fail-fast connection, so an outage answers at once). */
export function redisCheck(probe: Redis): ReadinessCheck {
  return {
    name: "redis",
    run: async () => {
      const pong = await probe.ping();
      if (pong !== "PONG") throw new PodsenseiError("REDIS_PING_UNEXPECTED", { reply: pong });
    },
  };
}

/** Each queue answers a job count on its own connection. */
export function queuesCheck(queues: Queue[]): ReadinessCheck {
  return {
    name: "queues",
    run: async () => {
      await Promise.all(queues.map((q) => q.getJobCounts("waiting")));
    },
  };
}

/** Runs every check with a deadline of `timeoutMs` each. */
export async function checkReadiness(checks: ReadinessCheck[], timeoutMs = 1500): Promise<ReadinessReport> {
  const results = await Promise.all(
    checks.map(async (c) => {
      try {
        await withTimeout(c.run(), timeoutMs, c.name);
        return { name: c.name, ok: true };
      } catch (err) {
        return { name: c.name, ok: false, error: err instanceof Error ? err.message : String(err) };
      }
    }),
  );
  return { ready: results.every((r) => r.ok), checks: results };
}
