/**
 * Channel drills in Redis: schedules, posts, answers, boards and the channel's history. One key
 * family per channel, `<prefix>:cdrill:<channel key>:…`, where the channel key is the escaped
 * `<platform>.<workspace>.<channel>`. Answers and the reveal meet in one Lua script, so an answer
 * that arrives after the reveal's claim is refused rather than lost or half-counted.
 */
import type { Redis } from "ioredis";
import type { ReplyAddress } from "../core/address.js";
import { requestIdFor } from "../jobs/queues.js";
import { type ReviewCard, reviewCardSchema } from "../tutor/progress.js";
import type { TopicStat } from "./choose.js";
import { type DrillPost, drillPostSchema } from "./post.js";
import { type DrillSchedule, drillScheduleSchema } from "./schedule.js";
import { type Answer, NO_STREAK, type Streak } from "./scoring.js";

/** A person's record in one channel. */
export interface Person {
  user: string;
  name?: string;
  xp: number;
  answered: number;
  right: number;
  streak: Streak;
}

/** What {@link DrillStore.answer} did. */
export type AnswerOutcome =
  | { status: "new" | "changed" | "same"; count: number; previous?: string }
  | { status: "closed"; count: number };

const DAY_S = 86_400;
/** Posts and their answers are kept this long after posting. */
const POST_TTL_S = 120 * DAY_S;

// KEYS: answers hash, revealed marker. ARGV: user, letter, answer JSON.
const ANSWER_LUA = `
if redis.call('EXISTS', KEYS[2]) == 1 then return {'closed', redis.call('HLEN', KEYS[1])} end
local cur = redis.call('HGET', KEYS[1], ARGV[1])
local status = 'new'
local previous = ''
if cur then
  previous = cjson.decode(cur).letter
  if previous == ARGV[2] then return {'same', redis.call('HLEN', KEYS[1]), previous} end
  status = 'changed'
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
redis.call('EXPIRE', KEYS[1], ${POST_TTL_S})
return {status, redis.call('HLEN', KEYS[1]), previous}
`;

/** The key of a channel (stable, free of `:`). */
export function channelKey(a: Pick<ReplyAddress, "platform" | "workspace" | "channel">): string {
  return requestIdFor(a.platform, a.workspace, a.channel);
}

function parseJson<T>(raw: string | null, parse: (v: unknown) => T): T | undefined {
  if (raw === null) return undefined;
  try {
    return parse(JSON.parse(raw));
  } catch {
    return undefined;
  }
}

/** The channel-drill store (see the module comment). */
export class DrillStore {
  readonly #r: Redis;
  readonly #prefix: string;

  constructor(redis: Redis, prefix: string) {
    this.#r = redis;
    this.#prefix = `${prefix}:cdrill`;
  }

  #k(ch: string, ...rest: string[]): string {
    return [this.#prefix, ch, ...rest].join(":");
  }

  async schedule(ch: string): Promise<DrillSchedule | undefined> {
    return parseJson(await this.#r.get(this.#k(ch, "schedule")), (v) => drillScheduleSchema.parse(v));
  }

  async setSchedule(ch: string, s: DrillSchedule): Promise<void> {
    await this.#r.set(this.#k(ch, "schedule"), JSON.stringify(drillScheduleSchema.parse(s)));
  }

  /** Removes the schedule; false when there was none. */
  async deleteSchedule(ch: string): Promise<boolean> {
    return (await this.#r.del(this.#k(ch, "schedule"))) > 0;
  }

  async post(ch: string, id: string): Promise<DrillPost | undefined> {
    return parseJson(await this.#r.get(this.#k(ch, "post", id)), (v) => drillPostSchema.parse(v));
  }

  /** The post awaiting its reveal, if any. */
  async openPost(ch: string): Promise<DrillPost | undefined> {
    const id = await this.#r.get(this.#k(ch, "open"));
    return id === null ? undefined : this.post(ch, id);
  }

  /** The latest post (revealed or not). */
  async lastPost(ch: string): Promise<DrillPost | undefined> {
    const id = await this.#r.get(this.#k(ch, "last"));
    return id === null ? undefined : this.post(ch, id);
  }

  /** The next sequence number of the channel's posts. */
  async nextSeq(ch: string): Promise<number> {
    return Number((await this.#r.get(this.#k(ch, "seq"))) ?? 0) + 1;
  }

  /**
   * Records a post for its occurrence. False (and nothing written) when that occurrence was
   * posted already: a repeated or late firing posts once.
   */
  async commitPost(ch: string, p: DrillPost): Promise<boolean> {
    const claimed = await this.#r.set(this.#k(ch, "occ", String(p.occurrence)), p.id, "EX", 40 * DAY_S, "NX");
    if (claimed !== "OK") return false;
    await this.#r
      .multi()
      .set(this.#k(ch, "post", p.id), JSON.stringify(drillPostSchema.parse(p)), "EX", POST_TTL_S)
      .set(this.#k(ch, "open"), p.id)
      .set(this.#k(ch, "last"), p.id)
      .set(this.#k(ch, "seq"), String(p.seq))
      .zadd(this.#k(ch, "posted"), p.postedAt, p.drillId)
      .del(this.#k(ch, "apology"))
      .exec();
    return true;
  }

  /** Drill id → when it was last posted here. */
  async posted(ch: string): Promise<Map<string, number>> {
    const flat = await this.#r.zrange(this.#k(ch, "posted"), "0", "-1", "WITHSCORES");
    const out = new Map<string, number>();
    for (let i = 0; i + 1 < flat.length; i += 2) out.set(flat[i] as string, Number(flat[i + 1]));
    return out;
  }

  /** Records (or changes) a person's answer, atomically with respect to the reveal. */
  async answer(ch: string, postId: string, a: Answer): Promise<AnswerOutcome> {
    const [status, count, previous] = (await this.#r.eval(
      ANSWER_LUA,
      2,
      this.#k(ch, "answers", postId),
      this.#k(ch, "revealed", postId),
      a.user,
      a.letter,
      JSON.stringify(a),
    )) as [string, number, string?];
    if (status === "closed") return { status, count };
    const s = status as "new" | "changed" | "same";
    return previous ? { status: s, count, previous } : { status: s, count };
  }

  /** Every standing answer of a post. */
  async answers(ch: string, postId: string): Promise<Answer[]> {
    const all = await this.#r.hgetall(this.#k(ch, "answers", postId));
    return Object.values(all).flatMap((raw) => parseJson(raw, (v) => v as Answer) ?? []);
  }

  /** Claims the reveal of a post: true for exactly one caller; answers close at that moment. */
  async claimReveal(ch: string, postId: string): Promise<boolean> {
    const ok = await this.#r.set(this.#k(ch, "revealed", postId), "1", "EX", POST_TTL_S, "NX");
    if (ok !== "OK") return false;
    const open = await this.#r.get(this.#k(ch, "open"));
    if (open === postId) await this.#r.del(this.#k(ch, "open"));
    return true;
  }

  async person(ch: string, user: string): Promise<Person | undefined> {
    return parseJson(await this.#r.hget(this.#k(ch, "people"), user), (v) => v as Person);
  }

  async people(ch: string): Promise<Person[]> {
    const all = await this.#r.hgetall(this.#k(ch, "people"));
    return Object.values(all).flatMap((raw) => parseJson(raw, (v) => v as Person) ?? []);
  }

  /** A fresh person record. */
  static newPerson(user: string): Person {
    return { user, xp: 0, answered: 0, right: 0, streak: NO_STREAK };
  }

  /**
   * Stores a reveal's outcome: people, board points per period, topic and level stats, and the
   * drill's spaced-repetition card.
   */
  async recordReveal(
    ch: string,
    o: {
      people: Person[];
      points: { user: string; points: number }[];
      periods: { week: string; month: string };
      topic: string;
      level: number;
      right: number;
      total: number;
      drillId: string;
      card: ReviewCard | undefined;
    },
  ): Promise<void> {
    const m = this.#r.multi();
    for (const p of o.people) m.hset(this.#k(ch, "people"), p.user, JSON.stringify(p));
    const boards: [string, number][] = [
      [this.#k(ch, "board", "all"), 0],
      [this.#k(ch, "board", "weekly", o.periods.week), 120 * DAY_S],
      [this.#k(ch, "board", "monthly", o.periods.month), 400 * DAY_S],
    ];
    for (const [key, ttl] of boards) {
      for (const s of o.points) m.zincrby(key, s.points, s.user);
      if (ttl > 0 && o.points.length > 0) m.expire(key, ttl);
    }
    m.hincrby(this.#k(ch, "topics"), `${o.topic}|right`, o.right);
    m.hincrby(this.#k(ch, "topics"), `${o.topic}|total`, o.total);
    m.hincrby(this.#k(ch, "levels"), `${o.level}|right`, o.right);
    m.hincrby(this.#k(ch, "levels"), `${o.level}|total`, o.total);
    m.hincrby(this.#k(ch, "levels"), `${o.level}|drills`, 1);
    if (o.card) m.hset(this.#k(ch, "cards"), o.drillId, JSON.stringify(o.card));
    await m.exec();
  }

  /** A board: users and points, best first (ties by user id). */
  async board(
    ch: string,
    period: "weekly" | "monthly" | "all",
    key: string,
  ): Promise<{ user: string; points: number }[]> {
    const redisKey = period === "all" ? this.#k(ch, "board", "all") : this.#k(ch, "board", period, key);
    const flat = await this.#r.zrange(redisKey, "0", "-1", "WITHSCORES");
    const rows: { user: string; points: number }[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) rows.push({ user: flat[i] as string, points: Number(flat[i + 1]) });
    return rows.sort((a, b) => b.points - a.points || (a.user < b.user ? -1 : 1));
  }

  /** Stats keyed `<topic>` or `<level>`: right and total answers (levels also count drills). */
  async stats(ch: string, what: "topics" | "levels"): Promise<Record<string, TopicStat & { drills?: number }>> {
    const all = await this.#r.hgetall(this.#k(ch, what));
    const out: Record<string, TopicStat & { drills?: number }> = {};
    for (const [field, value] of Object.entries(all)) {
      const [name, kind] = field.split("|");
      if (!name || !kind) continue;
      const row = out[name] ?? { right: 0, total: 0 };
      out[name] = row;
      if (kind === "right") row.right = Number(value);
      else if (kind === "total") row.total = Number(value);
      else if (kind === "drills") row.drills = Number(value);
    }
    return out;
  }

  /** The channel's spaced-repetition cards, by drill id. */
  async cards(ch: string): Promise<Record<string, ReviewCard>> {
    const all = await this.#r.hgetall(this.#k(ch, "cards"));
    const out: Record<string, ReviewCard> = {};
    for (const [id, raw] of Object.entries(all)) {
      const card = parseJson(raw, (v) => reviewCardSchema.parse(v));
      if (card) out[id] = card;
    }
    return out;
  }

  /** Claims the channel's one apology for a failing drill (cleared by the next successful post). */
  async claimApology(ch: string): Promise<boolean> {
    return (await this.#r.set(this.#k(ch, "apology"), "1", "EX", 30 * DAY_S, "NX")) === "OK";
  }
}
