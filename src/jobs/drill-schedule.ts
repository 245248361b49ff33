/**
 * Channel drill schedules: one BullMQ job scheduler per channel on the `drill` queue, firing on a
 * cron pattern in the channel's time zone. Re-scheduling a channel replaces its schedule.
 */
import type { Queue } from "bullmq";
import { CronExpressionParser } from "cron-parser";
import type { ReplyAddress } from "../core/address.js";
import type { DrillPayload } from "./payloads.js";
import { JOB_OPTIONS, requestIdFor } from "./queues.js";

/** The scheduler id of a channel (stable, free of `:`). */
export function drillSchedulerId(address: ReplyAddress): string {
  return `drill.${requestIdFor(address.platform, address.workspace, address.channel)}`;
}

/** The result of {@link scheduleChannelDrill}. */
export type ScheduleResult = { ok: true; schedulerId: string; next: string } | { ok: false; message: string };

/**
 * Schedules the channel's drill at `cron` (5 fields, e.g. `0 9 * * 1-5`) in `timeZone`. A bad
 * pattern or zone is an answer, not an exception.
 */
export async function scheduleChannelDrill(
  queue: Queue<DrillPayload>,
  address: ReplyAddress,
  cron: string,
  timeZone: string,
): Promise<ScheduleResult> {
  if (cron.trim().split(/\s+/).length !== 5)
    return { ok: false, message: `"${cron}" is not a 5-field cron pattern (minute hour day month weekday)` };
  let next: string;
  try {
    next = CronExpressionParser.parse(cron, { tz: timeZone }).next().toISOString() ?? "";
  } catch (err) {
    return {
      ok: false,
      message: `"${cron}" in ${timeZone} is not a valid schedule: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
  const channel: ReplyAddress = { platform: address.platform, workspace: address.workspace, channel: address.channel };
  const schedulerId = drillSchedulerId(channel);
  const data: DrillPayload = { v: 1, address: channel, timeZone };
  await queue.upsertJobScheduler(
    schedulerId,
    { pattern: cron, tz: timeZone },
    { name: "drill", data, opts: JOB_OPTIONS.drill },
  );
  return { ok: true, schedulerId, next };
}

/** Removes the channel's drill schedule; false when it had none. */
export async function unscheduleChannelDrill(queue: Queue<DrillPayload>, address: ReplyAddress): Promise<boolean> {
  return queue.removeJobScheduler(drillSchedulerId(address));
}

/** The request id of one drill run: per channel and fire time, so a retried run posts once. */
export function drillRequestId(address: ReplyAddress, firedAt: number): string {
  return requestIdFor(address.platform, address.workspace, `${address.channel}@${firedAt}`);
}
