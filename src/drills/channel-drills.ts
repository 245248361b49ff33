/**
 * Channel drills, platform-neutral: the commands (`drills on|off|status`, `reveal`,
 * `leaderboard`, `team`), the answer buttons (`cdrill:<post>:<letter>`), and the `drill` job
 * handler that posts the daily drill and reveals it. Adapters reach it only through
 * `IncomingMessage` and `Reply`; the worker through {@link ChannelDrills.source}.
 *
 * The job handler is level-based: whatever job fires (the daily scheduler, a post's delayed
 * reveal, a retry), it looks at the channel's state and the clock and does what is due: reveal
 * the open post when its time has come or a new post is due, then post the due drill. Claims in
 * Redis make each post and each reveal happen once.
 */
import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { ReplyAddress } from "../core/address.js";
import { PodsenseiError } from "../core/errors.js";
import type { Logger } from "../core/logger.js";
import type { IncomingMessage } from "../core/message.js";
import type { JobQueue } from "../core/ports.js";
import { type Reply, textReply } from "../core/reply.js";
import type { DeliverPayload, DrillPayload } from "../jobs/payloads.js";
import { BullJobQueue } from "../jobs/queue-set.js";
import { requestIdFor } from "../jobs/queues.js";
import { allDrills } from "../tutor/content.js";
import type { Content } from "../tutor/content-schema.js";
import type { ProgressStore } from "../tutor/progress.js";
import { dueReviews } from "../tutor/spaced.js";
import { chooseDrill, seedOf } from "./choose.js";
import { type DrillCommand, parseAnswerAction, parseDrillCommand } from "./command.js";
import { type Explainer, simulatorExplainer } from "./explain.js";
import { bullDrillJobs, type DrillJobs } from "./jobs.js";
import { type DrillPost, postIdOf } from "./post.js";
import * as render from "./render.js";
import { revealPost } from "./reveal.js";
import { cronPattern, type DrillSchedule, latestPost, nextPosts, revealTime } from "./schedule.js";
import { currentStreak, periodKeys } from "./scoring.js";
import { channelKey, DrillStore } from "./store.js";

/** Produces what a `drill` job posts (the worker's `DrillSource`). */
export type DrillJobHandler = (payload: DrillPayload) => Promise<Reply | undefined>;

/** What channel drills need. */
export interface ChannelDrillsDeps {
  redis: Redis;
  /** Key prefix (the queue prefix); default `podsensei`. */
  prefix?: string;
  content: Content;
  /** The `drill` queue (schedules, reveal jobs) and the `deliver` queue (a reveal posted with a new drill). */
  queues: { drill: Queue<DrillPayload>; deliver: Queue<DeliverPayload> };
  /** The clock; default the system clock. Tests run weeks of drills through it. */
  now?: () => Date;
  /** The reveal's simulation and picture; default {@link simulatorExplainer}. */
  explain?: Explainer;
  /** When given, drill XP is added to the tutor progress of people who have one. */
  progress?: ProgressStore;
  logger?: Logger;
  /** Overrides of the queue ports (tests). */
  jobs?: DrillJobs;
  deliver?: JobQueue<DeliverPayload>;
}

/** The channel-drill core. */
export interface ChannelDrills {
  /**
   * Handles a message: the replies for a drill command or answer button, or null when the message
   * is not for channel drills (the bot then routes it as usual). Bad input never rejects.
   */
  handle(msg: IncomingMessage): Promise<Reply[] | null>;
  /** The `drill` job handler: the post (or reveal) to deliver, undefined when nothing is due. */
  source: DrillJobHandler;
  /**
   * For the worker's `failed` event after the last attempt: the channel's one apology (undefined
   * when the channel was already told since its last successful post).
   */
  failed: DrillJobHandler;
}

/** A post fired later than this after its time (a worker outage) is skipped, not posted late. */
const POST_GRACE_MS = 2 * 3_600_000;

const ADMIN_ONLY: ReadonlySet<DrillCommand["kind"]> = new Set(["on", "off", "reveal"]);

function displayName(msg: IncomingMessage): string | undefined {
  const n = msg.userName?.trim();
  return n ? n : undefined;
}

function channelOf(a: Pick<ReplyAddress, "platform" | "workspace" | "channel">): ReplyAddress {
  return { platform: a.platform, workspace: a.workspace, channel: a.channel };
}

/** Creates the channel-drill core; see the module comment. */
export function createChannelDrills(deps: ChannelDrillsDeps): ChannelDrills {
  const now = deps.now ?? (() => new Date());
  const store = new DrillStore(deps.redis, deps.prefix ?? "podsensei");
  const jobs = deps.jobs ?? bullDrillJobs(deps.queues.drill, now);
  const deliver = deps.deliver ?? new BullJobQueue(deps.queues.deliver);
  const explain = deps.explain ?? simulatorExplainer;
  const drills = allDrills(deps.content);
  const revealDeps = { store, content: deps.content, explain, progress: deps.progress, logger: deps.logger };

  const nextOf = (s: DrillSchedule | undefined, at: Date) => (s ? nextPosts(s, at)[0] : undefined);

  const reveal = async (ch: string, post: DrillPost, at: Date) =>
    revealPost(revealDeps, ch, post, at, nextOf(await store.schedule(ch), at));

  /** Builds and records the post of `occurrence`; undefined when it was posted already. */
  const post = async (ch: string, s: DrillSchedule, occurrence: Date, at: Date): Promise<Reply | undefined> => {
    const [posted, topics, cards] = await Promise.all([store.posted(ch), store.stats(ch, "topics"), store.cards(ch)]);
    const ref = chooseDrill({
      drills,
      level: s.level,
      posted,
      topics,
      due: new Set(dueReviews(cards, at)),
      now: at,
      seed: seedOf(`${ch}@${occurrence.getTime()}`),
    });
    if (!ref) throw new PodsenseiError("DRILLS_NONE");
    const p: DrillPost = {
      v: 1,
      id: postIdOf(occurrence.getTime()),
      seq: await store.nextSeq(ch),
      drillId: ref.drill.id,
      level: ref.level,
      address: channelOf(s.address),
      occurrence: occurrence.getTime(),
      postedAt: at.getTime(),
      revealAt: revealTime(s.reveal, at, s.timeZone).getTime(),
      timeZone: s.timeZone,
    };
    const reply = render.postReply(p, ref);
    if (!(await store.commitPost(ch, p))) return undefined;
    await jobs.runAt(p.address, p.timeZone, new Date(p.revealAt), `${ch}.${p.id}`);
    return reply;
  };

  const apology = async (ch: string): Promise<Reply | undefined> =>
    (await store.claimApology(ch)) ? render.apologyReply() : undefined;

  const source: DrillJobHandler = async (payload) => {
    const at = now();
    const ch = channelKey(payload.address);
    const [s, open] = await Promise.all([store.schedule(ch), store.openPost(ch)]);
    const occurrence = s ? latestPost(s, at) : undefined;
    const postDue =
      s !== undefined &&
      occurrence !== undefined &&
      occurrence.getTime() >= s.since &&
      at.getTime() - occurrence.getTime() < POST_GRACE_MS &&
      open?.occurrence !== occurrence.getTime();
    const replies: Reply[] = [];
    if (open && (postDue || at.getTime() >= open.revealAt)) {
      const r = await revealPost(revealDeps, ch, open, at, nextOf(s, at));
      if (r) replies.push(r);
    }
    if (postDue && s && occurrence) {
      try {
        const r = await post(ch, s, occurrence, at);
        if (r) replies.push(r);
      } catch (err) {
        deps.logger?.error({ err, channel: ch }, "channel drill could not be prepared");
        const sorry = await apology(ch);
        if (sorry) replies.push(sorry);
      }
    }
    const last = replies.pop();
    // A reveal followed by a new post: the reveal goes out on its own, the post is the job's reply.
    for (const earlier of replies) {
      const requestId = requestIdFor(
        payload.address.platform,
        payload.address.workspace,
        `${payload.address.channel}@${at.getTime()}-reveal`,
      );
      await deliver.add(requestId, {
        v: 1,
        requestId,
        address: channelOf(payload.address),
        reply: earlier,
        outcome: "drill",
        enqueuedAt: at.getTime(),
      });
    }
    return last;
  };

  const command = async (msg: IncomingMessage, cmd: DrillCommand): Promise<Reply[]> => {
    const at = now();
    const address = channelOf(msg);
    const ch = channelKey(address);
    if (ADMIN_ONLY.has(cmd.kind) && !msg.direct && msg.channelAdmin !== true) return [render.refusalReply()];
    switch (cmd.kind) {
      case "usage":
        return [{ ...textReply(cmd.message), private: true }];
      case "on": {
        const s: DrillSchedule = { v: 1, address, ...cmd.settings, by: msg.user, since: at.getTime() };
        const r = await jobs.schedule(address, cronPattern(s), s.timeZone);
        if (!r.ok) return [{ ...textReply(r.message), private: true }];
        await store.setSchedule(ch, s);
        return [render.onReply(s, nextPosts(s, at)[0] ?? at)];
      }
      case "off": {
        const had = await store.deleteSchedule(ch);
        await jobs.unschedule(address);
        return [render.offReply(had)];
      }
      case "status": {
        const [s, open, last] = await Promise.all([store.schedule(ch), store.openPost(ch), store.lastPost(ch)]);
        const openInfo = open ? { post: open, answers: (await store.answers(ch, open.id)).length } : undefined;
        return [render.statusReply(s, nextOf(s, at), openInfo, last?.seq ?? 0)];
      }
      case "reveal": {
        const open = await store.openPost(ch);
        const r = open ? await reveal(ch, open, at) : undefined;
        return [r ?? render.nothingToRevealReply(await store.lastPost(ch))];
      }
      case "leaderboard": {
        const [s, open, last, people] = await Promise.all([
          store.schedule(ch),
          store.openPost(ch),
          store.lastPost(ch),
          store.people(ch),
        ]);
        const keys = periodKeys(at, s?.timeZone ?? last?.timeZone ?? "UTC");
        const label = cmd.period === "weekly" ? keys.week : cmd.period === "monthly" ? keys.month : "since the start";
        const revealed = open ? open.seq - 1 : (last?.seq ?? 0);
        const byUser = new Map(people.map((p) => [p.user, p]));
        const rows = (await store.board(ch, cmd.period, cmd.period === "weekly" ? keys.week : keys.month)).map((r) => {
          const p = byUser.get(r.user);
          return { name: p?.name ?? r.user, points: r.points, streak: p ? currentStreak(p.streak, revealed) : 0 };
        });
        return [render.boardReply(cmd.period, label, rows)];
      }
      case "team": {
        const [levels, topics, people] = await Promise.all([
          store.stats(ch, "levels"),
          store.stats(ch, "topics"),
          store.people(ch),
        ]);
        return [render.teamReply(levels, topics, people.length)];
      }
    }
  };

  const answer = async (msg: IncomingMessage, postId: string, letter: string): Promise<Reply[]> => {
    const ch = channelKey(msg);
    const p = await store.post(ch, postId);
    if (!p) return [render.unknownPostReply()];
    const name = displayName(msg);
    const outcome = await store.answer(ch, postId, {
      user: msg.user,
      letter,
      at: now().getTime(),
      ...(name ? { name } : {}),
      ...(msg.timeZone ? { timeZone: msg.timeZone } : {}),
    });
    // Alone in a DM there is nobody to wait for: the first answer is revealed at once.
    if (msg.direct && outcome.status === "new") {
      const r = await reveal(ch, p, now());
      if (r) return [r];
    }
    return [render.answerAckReply(outcome, letter, p)];
  };

  return {
    async handle(msg) {
      const clicked = parseAnswerAction(msg.action);
      if (clicked) return answer(msg, clicked.postId, clicked.letter);
      if (msg.action) return null;
      const cmd = parseDrillCommand(msg.text);
      return cmd ? command(msg, cmd) : null;
    },
    source,
    failed: (payload) => apology(channelKey(payload.address)),
  };
}
