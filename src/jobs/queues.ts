/**
 * The three queues and their job options. Retention is part of the idempotency story: BullMQ
 * ignores an `add` whose job id already exists, so a finished job is kept (24 h) at least as long
 * as a platform may retry the event that created it.
 */
import type { JobsOptions } from "bullmq";

/** Queue names (BullMQ forbids `:` in them). */
export const QUEUES = {
  /** Manifests to simulate; consumed by `podsensei worker`. */
  simulate: "simulate",
  /** Replies to send; consumed by any `podsensei serve` process. */
  deliver: "deliver",
  /** Scheduled channel drills (repeatable, one scheduler per channel); consumed by the worker. */
  drill: "drill",
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

const DAY_S = 24 * 3600;

/** How long a finished job (and so its id) is kept: retried events within this window are one job. */
export const JOB_RETENTION_SECONDS = DAY_S;

/** Default options of each queue's jobs. */
export const JOB_OPTIONS: Record<QueueName, JobsOptions> = {
  // Transient faults (Redis hiccups) retry at 0.5 s, 1 s, 2 s; limits and bad input never retry.
  simulate: {
    attempts: 4,
    backoff: { type: "exponential", delay: 500 },
    removeOnComplete: { age: JOB_RETENTION_SECONDS, count: 50_000 },
    removeOnFail: { age: 7 * DAY_S, count: 50_000 },
  },
  // A platform outage is waited out for about four minutes (1 s doubling, 8 attempts).
  deliver: {
    attempts: 8,
    backoff: { type: "exponential", delay: 1000 },
    removeOnComplete: { age: JOB_RETENTION_SECONDS, count: 50_000 },
    removeOnFail: { age: 7 * DAY_S, count: 50_000 },
  },
  drill: {
    attempts: 3,
    backoff: { type: "exponential", delay: 2000 },
    removeOnComplete: { age: DAY_S, count: 1000 },
    removeOnFail: { age: 7 * DAY_S, count: 1000 },
  },
};

const SAFE = /[A-Za-z0-9-]/;
const ALL_SAFE = /^[A-Za-z0-9-]*$/;

function escapeSegment(s: string): string {
  // Platform ids are nearly always plain: skip the per-character walk for them.
  if (ALL_SAFE.test(s)) return s;
  let out = "";
  for (const ch of s) {
    if (SAFE.test(ch)) out += ch;
    else for (const b of Buffer.from(ch, "utf8")) out += `_${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/**
 * The request id (and job id) of a platform event: `<platform>.<workspace>.<eventId>` with every
 * character outside `[A-Za-z0-9-]` escaped as `_XX`. Injective, so distinct events never share
 * an id, and free of `:` (which BullMQ forbids in custom ids). A retried event maps to the same id.
 */
export function requestIdFor(platform: string, workspace: string, eventId: string): string {
  return [platform, workspace, eventId].map(escapeSegment).join(".");
}
