/**
 * The bot core against the test Redis: event markers, pastes and progress are real; the producer
 * is a recorder (the job path itself is covered by the end-to-end tests).
 */
import { Redis } from "ioredis";
import { pino } from "pino";
import { afterAll, beforeEach, describe, expect, inject, it } from "vitest";
import { type Bot, createBot, NO_PASTE_TEXT, SIMULATING_TEXT } from "../../src/bot/bot.js";
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

  describe("typed what-if follow-ups", () => {
    const thread = { platform: "slack", workspace: "T1", channel: "C1", thread: "100.1" } as const;

    it("re-simulates the thread's paste with each typed follow-up added to the ones before", async () => {
      await bot.handle(msg({ text: PASTE }));
      const drain = msg({ text: "what if I drain node-b?" });
      const first = await bot.handle(drain);
      expect(producer.submitted[1]).toMatchObject({
        requestId: `slack.T1.${drain.eventId}`,
        manifests: PASTE.trim(),
        actions: ["1m: kubectl drain node-b --ignore-daemonsets --delete-emptydir-data"],
        atSeconds: 660,
      });
      expect(first.map(toPlainText)).toEqual([
        expect.stringMatching(
          /^Simulating your paste with `1m: kubectl drain node-b --ignore-daemonsets --delete-emptydir-data` added\. .*"reset scenario"/,
        ),
      ]);
      await bot.handle(msg({ text: "at 5m: kubectl set image pod/p c=nginx:1.28" }));
      expect(producer.submitted[2]?.actions).toEqual([
        "1m: kubectl drain node-b --ignore-daemonsets --delete-emptydir-data",
        "5m: kubectl set image pod/p c=nginx:1.28",
      ]);
      expect(producer.submitted[2]?.atSeconds).toBe(900);
      // A button click builds on the typed ones too.
      await bot.handle(msg({ action: "whatif:node-down:node-c" }));
      expect(producer.submitted[3]?.actions?.[2]).toBe("6m: node-down node-c");
    });

    it("goes back to the paste alone on 'reset scenario', and a new paste starts over", async () => {
      await bot.handle(msg({ text: PASTE }));
      await bot.handle(msg({ text: "node-down node-a" }));
      const reset = await bot.handle(msg({ text: "reset scenario" }));
      expect(reset.map(toPlainText)).toEqual([expect.stringContaining("Back to your paste alone")]);
      expect(await pastes.load(thread)).toEqual({ manifests: PASTE.trim() });
      await bot.handle(msg({ text: "kubectl cordon node-b" }));
      expect(producer.submitted.at(-1)?.actions).toEqual(["1m: kubectl cordon node-b"]);
      await bot.handle(msg({ text: PASTE.replace("name: p", "name: q") }));
      expect(await pastes.load(thread)).toEqual({ manifests: PASTE.replace("name: p", "name: q").trim() });
    });

    it("answers a bad command privately with what was wrong and what is understood, keeping the paste", async () => {
      await bot.handle(msg({ text: PASTE }));
      await bot.handle(msg({ text: "node-down node-a" }));
      const kept = await pastes.load(thread);
      for (const text of ["kubectl drian node-b", "what if the moon falls", "set image of p to x:1\nkubectl scale"]) {
        const replies = await bot.handle(msg({ text }));
        expect(replies).toHaveLength(1);
        expect(replies[0]?.private).toBe(true);
        const said = toPlainText(replies[0]!);
        expect(said).toContain("I could not use");
        expect(said).toContain("`kubectl drain|cordon|uncordon NODE`");
        expect(said).toContain('"reset scenario"');
      }
      expect(toPlainText((await bot.handle(msg({ text: "kubectl drian node-b" })))[0]!)).toContain(
        'unsupported action "kubectl drian"',
      );
      expect(producer.submitted).toHaveLength(2);
      expect(await pastes.load(thread)).toEqual(kept);
    });

    it("says privately that there is nothing to try a what-if on without a paste", async () => {
      const replies = await bot.handle(msg({ thread: "555.5", text: "what if node-b goes down" }));
      expect(replies.map((r) => r.private)).toEqual([true]);
      expect(toPlainText(replies[0]!)).toBe(NO_PASTE_TEXT);
      expect(producer.submitted).toEqual([]);
    });

    it("applies a second paste after 'then apply' as a file at its time", async () => {
      await bot.handle(msg({ text: PASTE }));
      const cm = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra}";
      await bot.handle(msg({ text: `then apply after 2m:\n\`\`\`yaml\n${cm}\n\`\`\`` }));
      expect(producer.submitted[1]).toMatchObject({
        manifests: PASTE.trim(),
        actions: ["2m: kubectl apply -f then-apply-1.yaml"],
        files: { "then-apply-1.yaml": cm },
      });
      // With a file instead of a code block.
      await bot.handle(msg({ text: "what if I apply this", attachments: [{ filename: "more.yaml", text: cm }] }));
      expect(producer.submitted[2]).toMatchObject({
        actions: ["2m: kubectl apply -f then-apply-1.yaml", "3m: kubectl apply -f then-apply-2.yaml"],
      });
      expect(Object.keys((await pastes.load(thread))?.files ?? {})).toEqual(["then-apply-1.yaml", "then-apply-2.yaml"]);
    });

    it("takes typed follow-ups in a DM after a paste, before the tutor, also in a reply thread", async () => {
      const dm = { direct: true, thread: undefined, channel: "D1" };
      await bot.handle(msg({ ...dm, text: PASTE }));
      const replies = await bot.handle(msg({ ...dm, text: "scale p to 3" }));
      expect(replies.map(toPlainText)).toEqual([
        expect.stringContaining("`1m: kubectl scale deployment/p --replicas=3`"),
      ]);
      await bot.handle(msg({ ...dm, thread: "777.7", text: "node-down node-a" }));
      expect(producer.submitted[2]?.actions).toEqual([
        "1m: kubectl scale deployment/p --replicas=3",
        "2m: node-down node-a",
      ]);
      expect(producer.submitted[2]?.address.thread).toBe("777.7");
      // Tutor words still go to the tutor.
      expect((await bot.handle(msg({ ...dm, text: "help" }))).map(toPlainText).join("\n")).toContain("== Commands ==");
    });

    it("keeps the thread's scenario unchanged when the producer refuses the follow-up", async () => {
      await bot.handle(msg({ text: PASTE }));
      producer.status = "limited";
      expect(await bot.handle(msg({ text: "kubectl cordon node-a" }))).toEqual([]);
      expect(await pastes.load(thread)).toEqual({ manifests: PASTE.trim() });
    });
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
