/**
 * The bot core against the test Redis: event markers, pastes and progress are real; the producer
 * is a recorder (the job path itself is covered by the end-to-end tests).
 */
import { Redis } from "ioredis";
import { pino } from "pino";
import { afterAll, beforeEach, describe, expect, inject, it } from "vitest";
import { type Bot, createBot, SIMULATING_TEXT } from "../../src/bot/bot.js";
import { RedisPasteStore } from "../../src/bot/paste-store.js";
import type { IncomingMessage } from "../../src/core/message.js";
import { textReply, toPlainText } from "../../src/core/reply.js";
import type { SimulationRequest as JobRequest, SubmitResult } from "../../src/jobs/producer.js";
import { RedisIdempotencyStore } from "../../src/jobs/redis-idempotency.js";
import { defaultContent } from "../../src/tutor/content.js";
import { RedisProgressStore } from "../../src/tutor/redis-progress-store.js";

const PASTE = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: nginx}]}\n";

class RecordingProducer {
  readonly submitted: JobRequest[] = [];
  status: SubmitResult["status"] = "queued";
  failures = 0;
  async submit(req: JobRequest): Promise<SubmitResult> {
    if (this.failures > 0) {
      this.failures--;
      throw new Error("redis unreachable");
    }
    this.submitted.push(req);
    if (this.status === "limited") return { status: "limited", requestId: req.requestId, retryAfterMs: 1000 };
    if (this.status === "rejected") return { status: "rejected", requestId: req.requestId, message: "no" };
    return { status: this.status, requestId: req.requestId } as SubmitResult;
  }
}

const redis = new Redis(inject("redisUrl"));
const content = defaultContent();
let run = 0;

function msg(over: Partial<IncomingMessage> = {}): IncomingMessage {
  return {
    eventId: `ev-${run}-${Math.random().toString(36).slice(2)}`,
    platform: "slack",
    workspace: "T1",
    channel: "C1",
    thread: "100.1",
    user: "U1",
    direct: false,
    text: "",
    attachments: [],
    ...over,
  };
}

describe("bot core", () => {
  let producer: RecordingProducer;
  let bot: Bot;
  let pastes: RedisPasteStore;

  beforeEach(() => {
    run++;
    const prefix = `t-bot-${process.pid}-${run}`;
    producer = new RecordingProducer();
    pastes = new RedisPasteStore(redis, prefix);
    bot = createBot({
      tutor: { content, store: new RedisProgressStore(redis, { prefix: `${prefix}:progress` }) },
      producer,
      idempotency: new RedisIdempotencyStore(redis, `${prefix}:bot`),
      pastes,
      logger: pino({ level: "silent" }),
    });
  });
  afterAll(async () => {
    await redis.quit();
  });

  it("answers an event delivered three times at once (retries, mention + message) exactly once", async () => {
    const m = msg({ direct: true, thread: undefined, text: "help" });
    const all = await Promise.all([bot.handle(m), bot.handle(m), bot.handle({ ...m })]);
    expect(all.filter((r) => r.length > 0)).toHaveLength(1);
    expect(
      all
        .find((r) => r.length > 0)!
        .map(toPlainText)
        .join("\n"),
    ).toContain("== Commands ==");
    expect(await bot.handle(m)).toEqual([]);
  });

  it("queues a channel paste with the message's address and acknowledges at once", async () => {
    const m = msg({ text: `\`\`\`yaml\n${PASTE}\`\`\`` });
    const replies = await bot.handle(m);
    expect(replies.map(toPlainText)).toEqual([SIMULATING_TEXT]);
    expect(producer.submitted).toHaveLength(1);
    expect(producer.submitted[0]).toMatchObject({
      requestId: `slack.T1.${m.eventId}`,
      address: { platform: "slack", workspace: "T1", channel: "C1", thread: "100.1", user: "U1" },
      manifests: PASTE.trim(),
    });
    expect(await pastes.load({ platform: "slack", workspace: "T1", channel: "C1", thread: "100.1" })).toEqual({
      manifests: PASTE.trim(),
    });
  });

  it("takes a YAML attachment in a channel as a paste", async () => {
    await bot.handle(msg({ text: "what will this do?", attachments: [{ filename: "pod.yaml", text: PASTE }] }));
    expect(producer.submitted[0]?.manifests).toBe(PASTE.trim());
  });

  it("keeps a DM paste inside the tutor conversation and queues it through the tutor's hook", async () => {
    const replies = await bot.handle(msg({ direct: true, thread: undefined, channel: "D1", text: PASTE }));
    expect(replies.map(toPlainText)).toEqual([
      expect.stringContaining("Welcome to podsensei"),
      expect.stringMatching(/^Simulating your manifests\. Your place is kept/),
    ]);
    expect(producer.submitted).toHaveLength(1);
    expect(producer.submitted[0]?.address).toEqual({ platform: "slack", workspace: "T1", channel: "D1", user: "U1" });
  });

  it("runs the tutor for commands: a new learner in a DM gets the welcome", async () => {
    const replies = await bot.handle(msg({ direct: true, thread: undefined, text: "start" }));
    expect(replies.map(toPlainText).join("\n")).toContain("Lesson 1/");
    expect(producer.submitted).toEqual([]);
  });

  it("greets a new learner's first DM with the welcome alone, and later ones without it", async () => {
    const first = await bot.handle(msg({ direct: true, thread: undefined, text: "hi there" }));
    expect(first.map(toPlainText)).toEqual([expect.stringMatching(/^== Welcome to podsensei ==/)]);
    const second = await bot.handle(msg({ direct: true, thread: undefined, text: "hi there" }));
    expect(second.map(toPlainText).join("\n")).not.toContain("Welcome to podsensei");
  });

  it("re-simulates the thread's last paste with the clicked what-if appended", async () => {
    await bot.handle(msg({ text: PASTE }));
    const click = msg({ action: "whatif:node-down:node-a", text: "" });
    const replies = await bot.handle(click);
    expect(replies.map(toPlainText)).toEqual(["Simulating what if node-a goes down 1m in…"]);
    expect(producer.submitted[1]).toMatchObject({
      requestId: `slack.T1.${click.eventId}`,
      manifests: PASTE.trim(),
      actions: ["1m: node-down node-a"],
      atSeconds: 660,
    });
    // The thread now remembers the paste with the action, so the next click builds on it.
    await bot.handle(msg({ action: "whatif:drain:node-b" }));
    expect(producer.submitted[2]?.actions).toEqual([
      "1m: node-down node-a",
      "2m: kubectl drain node-b --ignore-daemonsets --delete-emptydir-data",
    ]);
  });

  it("answers a what-if with nothing remembered privately, without queueing", async () => {
    const replies = await bot.handle(msg({ thread: "999.9", action: "whatif:drain:node-a" }));
    expect(replies).toHaveLength(1);
    expect(replies[0]?.private).toBe(true);
    expect(toPlainText(replies[0]!)).toContain("Paste it again");
    expect(producer.submitted).toEqual([]);
  });

  it.each(["limited", "rejected", "duplicate"] as const)(
    "says nothing itself when the producer answers %s (the producer delivers the reason)",
    async (status) => {
      producer.status = status;
      expect(await bot.handle(msg({ text: PASTE }))).toEqual([]);
      expect(producer.submitted).toHaveLength(1);
      expect(await pastes.load({ platform: "slack", workspace: "T1", channel: "C1", thread: "100.1" })).toBeUndefined();
    },
  );

  describe("with channel drills", () => {
    let seen: IncomingMessage[];
    let drillBot: Bot;
    beforeEach(() => {
      seen = [];
      const prefix = `t-bot-drills-${process.pid}-${run}`;
      drillBot = createBot({
        tutor: { content, store: new RedisProgressStore(redis, { prefix: `${prefix}:progress` }) },
        producer,
        idempotency: new RedisIdempotencyStore(redis, `${prefix}:bot`),
        pastes: new RedisPasteStore(redis, prefix),
        logger: pino({ level: "silent" }),
        channelDrills: {
          handle: async (m) => {
            seen.push(m);
            return m.text.startsWith("drills") || m.action?.startsWith("cdrill:")
              ? [textReply(`drills saw ${m.user}`)]
              : null;
          },
        },
      });
    });

    it.each([
      ["a drill command", { text: "drills status" }],
      ["an answer button", { action: "cdrill:p1:B" }],
    ])("answers %s with the drills' replies, once per event, without the tutor", async (_name, over) => {
      const m = msg(over);
      expect((await drillBot.handle(m)).map(toPlainText)).toEqual(["drills saw U1"]);
      expect(await drillBot.handle(m)).toEqual([]);
      expect(seen).toHaveLength(1);
      expect(producer.submitted).toEqual([]);
    });

    it("routes what the drills decline as usual", async () => {
      const replies = await drillBot.handle(msg({ text: PASTE }));
      expect(replies.map(toPlainText)).toEqual([SIMULATING_TEXT]);
      expect(seen).toHaveLength(1);
      expect(producer.submitted).toHaveLength(1);
    });
  });

  it("releases the event when Redis fails mid-way, so the platform's retry is answered", async () => {
    producer.failures = 1;
    const m = msg({ text: PASTE });
    await expect(bot.handle(m)).rejects.toThrow("redis unreachable");
    expect((await bot.handle(m)).map(toPlainText)).toEqual([SIMULATING_TEXT]);
  });
});
