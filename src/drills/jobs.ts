/**
 * The drill queue as channel drills use it: one repeatable job scheduler per channel (cron
 * pattern + `tz`, so BullMQ fires at 09:00 local time on both sides of a DST change), and one
 * delayed job per post for its reveal. Every job carries the same payload; the handler looks at
 * the channel's state and the clock to see what is due (a post, a reveal, or both).
 */
import type { Queue } from "bullmq";
import type { ReplyAddress } from "../core/address.js";
import { scheduleChannelDrill, unscheduleChannelDrill } from "../jobs/drill-schedule.js";
import type { DrillPayload } from "../jobs/payloads.js";
import { JOB_OPTIONS } from "../jobs/queues.js";

/** The port channel drills use to schedule work. */
export interface DrillJobs {
  /** Registers (or replaces) the channel's daily schedule. */
  schedule(
    address: ReplyAddress,
    cron: string,
    timeZone: string,
  ): Promise<{ ok: true } | { ok: false; message: string }>;
  /** Removes the channel's schedule; false when it had none. */
  unschedule(address: ReplyAddress): Promise<boolean>;
  /** Queues one run of the channel's handler at `at` (a reveal), once per `key`. */
  runAt(address: ReplyAddress, timeZone: string, at: Date, key: string): Promise<void>;
}

/** {@link DrillJobs} on the BullMQ `drill` queue; `now` computes the reveal's delay. */
export function bullDrillJobs(queue: Queue<DrillPayload>, now: () => Date): DrillJobs {
  return {
    async schedule(address, cron, timeZone) {
      const r = await scheduleChannelDrill(queue, address, cron, timeZone);
      return r.ok ? { ok: true } : r;
    },
    unschedule: (address) => unscheduleChannelDrill(queue, address),
    async runAt(address, timeZone, at, key) {
      const channel = { platform: address.platform, workspace: address.workspace, channel: address.channel };
      const data: DrillPayload = { v: 1, address: channel, timeZone };
      await queue.add("drill" as never, data as never, {
        ...JOB_OPTIONS.drill,
        jobId: `drill-reveal.${key}`,
        delay: Math.max(0, at.getTime() - now().getTime()),
      });
    },
  };
}
