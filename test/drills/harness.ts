/** A channel-drill core on the test Redis with a settable clock and a fast explainer. */
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { inject } from "vitest";
import type { IncomingMessage } from "../../src/core/message.js";
import { type Reply, toPlainText } from "../../src/core/reply.js";
import { type ChannelDrills, type ChannelDrillsDeps, createChannelDrills } from "../../src/drills/channel-drills.js";
import type { Explainer } from "../../src/drills/explain.js";
import type { DeliverPayload, DrillPayload } from "../../src/jobs/payloads.js";
import { QUEUES } from "../../src/jobs/queues.js";
import { defaultContent } from "../../src/tutor/content.js";

/** Stands in for the simulator in tests that are not about the reveal's picture. */
export const fakeExplainer: Explainer = (drill) => ({
  blocks: [{ type: "paragraph", text: `simulated ${drill.id}` }],
});

export interface Harness {
  drills: ChannelDrills;
  redis: Redis;
  drillQueue: Queue<DrillPayload>;
  deliverQueue: Queue<DeliverPayload>;
  clock: { now: Date };
  close(): Promise<void>;
}

let harnesses = 0;

/** Opens a harness under its own key prefix. */
export function openHarness(over: Partial<ChannelDrillsDeps> = {}): Harness {
  const redis = new Redis(inject("redisUrl"), { maxRetriesPerRequest: null });
  const prefix = `t-cdrill-${process.pid}-${++harnesses}`;
  const drillQueue = new Queue<DrillPayload>(QUEUES.drill, { connection: redis, prefix });
  const deliverQueue = new Queue<DeliverPayload>(QUEUES.deliver, { connection: redis, prefix });
  const clock = { now: new Date("2026-10-19T06:00:00Z") };
  const drills = createChannelDrills({
    redis,
    prefix,
    content: defaultContent(),
    queues: { drill: drillQueue, deliver: deliverQueue },
    now: () => clock.now,
    explain: fakeExplainer,
    ...over,
  });
  return {
    drills,
    redis,
    drillQueue,
    deliverQueue,
    clock,
    close: async () => {
      await drillQueue.obliterate({ force: true });
      await deliverQueue.obliterate({ force: true });
      await drillQueue.close();
      await deliverQueue.close();
      await redis.quit();
    },
  };
}

let events = 0;

/** A message as an adapter would produce it. */
export function message(over: Partial<IncomingMessage> & Record<string, unknown>): IncomingMessage {
  return {
    eventId: `ev-${++events}`,
    platform: "slack",
    workspace: "T1",
    channel: "C1",
    user: "U1",
    direct: false,
    text: "",
    attachments: [],
    ...over,
  } as IncomingMessage;
}

/** The plain text of replies, joined. */
export function text(replies: readonly Reply[] | null | undefined): string {
  return (replies ?? []).map(toPlainText).join("\n");
}

/** The answer buttons of a post, letter → action id. */
export function answerButtons(r: Reply | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const b of r?.blocks ?? [])
    if (b.type === "buttons") for (const x of b.buttons) out.set(x.label.slice(0, 1), x.id);
  return out;
}
