/**
 * The real worker with channel drills, as `podsensei worker` runs it, but with the drills' clock
 * in the test's hands: `fire` queues one `drill` job for a channel, which the worker turns into a
 * post delivered through the bot process.
 */
import { createRedisChannelDrills } from "../../src/bot/redis-bot.js";
import type { Config } from "../../src/config.js";
import type { ReplyAddress } from "../../src/core/address.js";
import { nextPosts } from "../../src/drills/schedule.js";
import { createRedis } from "../../src/jobs/connection.js";
import { openQueues } from "../../src/jobs/queue-set.js";
import { allDrills, defaultContent } from "../../src/tutor/content.js";
import { runWorker } from "../../worker/index.js";

/** A running drill worker. */
export interface DrillWorker {
  /** The drills' clock; set it before `fire`. */
  clock: { now: Date };
  /** Queues one `drill` job for the channel. */
  fire(address: ReplyAddress, timeZone: string): Promise<void>;
  close(): Promise<void>;
}

/** Starts the worker with channel drills whose clock is `clock.now`. */
export async function startDrillWorker(config: Config): Promise<DrillWorker> {
  const redis = createRedis(config.redisUrl, { name: "test-drill-worker" });
  const queues = openQueues(redis, config.queuePrefix);
  const clock = { now: new Date() };
  const drills = createRedisChannelDrills({
    redis,
    prefix: config.queuePrefix,
    content: defaultContent(),
    queues,
    now: () => clock.now,
  });
  const worker = await runWorker(config, { drills: drills.source, drillFailed: drills.failed });
  let fired = 0;
  return {
    clock,
    fire: async (address, timeZone) => {
      await queues.drill.add("drill", { v: 1, address, timeZone }, { jobId: `test-fire-${++fired}` });
    },
    close: async () => {
      await worker.close();
      await queues.close();
      await redis.quit();
    },
  };
}

/** A minute after the first daily post at `time` in `timeZone` that comes after now. */
export function justAfterFirstPost(time: string, timeZone: string): Date {
  const [first] = nextPosts({ time, timeZone, weekdays: false }, new Date());
  if (!first) throw new Error("no next post");
  return new Date(first.getTime() + 60_000);
}

/**
 * The right and a wrong answer button of a posted drill, found by its question in the course
 * (the post shows the question; its buttons are `cdrill:<post>:<letter>`).
 */
export function rightAndWrong(postText: string, buttons: string[]): { right: string; wrong: string } {
  const ref = allDrills(defaultContent()).find((d) => postText.includes(d.drill.question.trim()));
  if (!ref) throw new Error("the post shows no question of the course");
  const letter = (id: string) => id.slice(id.lastIndexOf(":") + 1);
  const right = buttons.find((id) => letter(id) === ref.drill.answer);
  const wrong = buttons.find((id) => letter(id) !== ref.drill.answer);
  if (!right || !wrong) throw new Error(`buttons ${buttons.join(", ")} lack answer ${ref.drill.answer}`);
  return { right, wrong };
}
