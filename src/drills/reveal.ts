/**
 * Revealing a post: claim it (answers close at that instant), score the standing answers, update
 * people, boards, the channel's topic and level stats and its spaced-repetition card, and build
 * the reveal reply with the simulator's account. Optionally adds the XP to each person's tutor
 * progress when they have one (nobody is enrolled in the course by answering a channel drill).
 */
import type { Logger } from "../core/logger.js";
import type { Reply } from "../core/reply.js";
import { findDrill } from "../tutor/content.js";
import type { Content } from "../tutor/content-schema.js";
import { newProgress, type ProgressStore } from "../tutor/progress.js";
import { review } from "../tutor/spaced.js";
import { award } from "../tutor/streak.js";
import type { Explainer, Explanation } from "./explain.js";
import type { DrillPost } from "./post.js";
import { revealReply } from "./render.js";
import { extendStreak, periodKeys, scoreAnswers } from "./scoring.js";
import { DrillStore, type Person } from "./store.js";

/** What a reveal needs. */
export interface RevealDeps {
  store: DrillStore;
  content: Content;
  explain: Explainer;
  progress?: ProgressStore | undefined;
  logger?: Logger | undefined;
}

function explainSafely(deps: RevealDeps, drill: Parameters<Explainer>[0]): Explanation {
  try {
    return deps.explain(drill);
  } catch (err) {
    deps.logger?.error({ err, drill: drill.id }, "drill explanation failed");
    return { blocks: [{ type: "context", text: "The simulated cluster could not be shown this time." }] };
  }
}

/**
 * Reveals `post` at `now`; undefined when another caller revealed it first. `next` is the
 * channel's next post time, when drills are on.
 */
export async function revealPost(
  deps: RevealDeps,
  ch: string,
  post: DrillPost,
  now: Date,
  next: Date | undefined,
): Promise<Reply | undefined> {
  if (!(await deps.store.claimReveal(ch, post.id))) return undefined;
  const ref = findDrill(deps.content, post.drillId);
  const answers = await deps.store.answers(ch, post.id);
  if (!ref)
    return {
      blocks: [{ type: "paragraph", text: `Drill #${post.seq} is no longer in the course, so it cannot be revealed.` }],
    };
  const scores = scoreAnswers(answers, ref.drill.answer);
  const byUser = new Map(scores.map((s) => [s.user, s]));
  const names = new Map<string, string>();
  const people: Person[] = [];
  for (const a of answers) {
    const s = byUser.get(a.user);
    const p = (await deps.store.person(ch, a.user)) ?? DrillStore.newPerson(a.user);
    const name = a.name ?? p.name;
    if (name) names.set(a.user, name);
    people.push({
      ...p,
      ...(name ? { name } : {}),
      xp: p.xp + (s?.points ?? 0),
      answered: p.answered + 1,
      right: p.right + (s?.correct ? 1 : 0),
      streak: extendStreak(p.streak, post.seq, new Date(a.at), a.timeZone ?? post.timeZone),
    });
  }
  const right = scores.filter((s) => s.correct).length;
  const cards = await deps.store.cards(ch);
  await deps.store.recordReveal(ch, {
    people,
    points: scores.map((s) => ({ user: s.user, points: s.points })),
    periods: periodKeys(new Date(post.postedAt), post.timeZone),
    topic: ref.drill.topic,
    level: ref.level,
    right,
    total: scores.length,
    drillId: ref.drill.id,
    card: scores.length > 0 ? review(cards[ref.drill.id], right * 2 >= scores.length, now) : undefined,
  });
  if (deps.progress) await addTutorXp(deps.progress, post, scores, now);
  return revealReply(post, ref, scores, names, explainSafely(deps, ref.drill), next);
}

async function addTutorXp(
  progress: ProgressStore,
  post: DrillPost,
  scores: { user: string; points: number }[],
  now: Date,
): Promise<void> {
  for (const s of scores) {
    if (s.points === 0) continue;
    const key = { platform: post.address.platform, workspace: post.address.workspace, user: s.user };
    if (!(await progress.get(key))) continue;
    await progress.update(key, (cur) => ({ progress: award(cur ?? newProgress(), s.points, now), value: undefined }));
  }
}
