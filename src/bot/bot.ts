/**
 * The platform-neutral bot core every chat adapter calls: one `IncomingMessage` in, the replies to
 * post at once out. It answers each platform event once (a Slack retry, or a post that arrives
 * both as a mention and as a message, shares its event id), answers channel drill commands and
 * answer buttons, answers tutor commands synchronously, and turns manifests and "what if"
 * follow-ups (clicked or typed) into `simulate` jobs; their results come back later through
 * delivery to the adapter's sender.
 */
import { randomUUID } from "node:crypto";
import { addressOf } from "../core/address.js";
import type { Logger } from "../core/logger.js";
import type { IncomingMessage } from "../core/message.js";
import type { IdempotencyStore } from "../core/ports.js";
import { type Reply, reply, textReply } from "../core/reply.js";
import type { ChannelDrills } from "../drills/channel-drills.js";
import type { JobProducer } from "../jobs/producer.js";
import { simulationRequestOf } from "../jobs/producer.js";
import { routeFollowUp, routeMessage } from "../router.js";
import type { Simulator } from "../tutor/simulation.js";
import { Tutor, type TutorDeps } from "../tutor/tutor.js";
import { type FollowUpParse, UNDERSTOOD } from "./follow-up.js";
import type { PasteStore, Scenario } from "./paste-store.js";
import { followUps, grownFrom, resetScenario, withSteps } from "./scenario.js";
import { withWhatIf } from "./what-if.js";

/** What the bot needs. */
export interface BotDeps {
  /** The tutor's content, progress store and clock; the bot supplies its `simulate` hook. */
  tutor: Omit<TutorDeps, "simulate">;
  /** Queues simulations (de-duplicated, size-checked, rate-limited). */
  producer: Pick<JobProducer, "submit">;
  /** Event markers: each `{platform}:{eventId}` is handled once. */
  idempotency: IdempotencyStore;
  /** The scenario (last paste and its follow-ups) per thread, for "what if" follow-ups. */
  pastes: PasteStore;
  logger: Logger;
  /** Channel drills (`drills on`, `reveal`, `leaderboard`, `team`, `cdrill:` buttons); off when absent. */
  channelDrills?: Pick<ChannelDrills, "handle">;
  /** Identity of this process in marker leases; default a random id. */
  owner?: string;
}

/** The bot core. */
export interface Bot {
  /**
   * Handles one message. Resolves to the replies to post now (empty for a repeated event). Bad
   * input never rejects; an unreachable Redis does, after releasing the event so a retry works.
   */
  handle(msg: IncomingMessage): Promise<Reply[]>;
}

/** How long one handling of an event blocks another delivery of it. */
const EVENT_LEASE_MS = 60_000;
/** How long a handled event is remembered: longer than any platform retries it. */
const EVENT_KEEP_MS = 24 * 3600 * 1000;

/** The acknowledgement of a paste simulated outside a tutor conversation. */
export const SIMULATING_TEXT = "Simulating your manifests… the answer will appear here in a few seconds.";

/** The private answer to a "what if" in a conversation without a paste. */
export const NO_PASTE_TEXT =
  "I no longer have the YAML this is about (a thread's paste is kept for a week), or there was none here. Paste it again and I will simulate it; then ask your what-if in its thread.";

/** How many of a thread's follow-ups a reply lists (the latest ones). */
const LISTED_FOLLOW_UPS = 5;

function isEmpty(r: Reply): boolean {
  return r.blocks.length === 0 && !r.image;
}

function privately(text: string): Reply[] {
  return [{ ...textReply(text), private: true }];
}

/** What a follow-up that could not be used gets: what was wrong, and what is understood. */
function notUnderstood(problem: string, text?: string): Reply[] {
  const shown = text && text.length > 200 ? `${text.slice(0, 200)}…` : text;
  const what = shown ? `\`${shown.replace(/`/g, "'")}\`` : "that what-if";
  return privately(
    `I could not use ${what}: ${problem}\n\nYour paste is kept as it was. What I understand in a simulated paste's thread (mention me in a channel):\n${UNDERSTOOD.map((u) => `• ${u}`).join("\n")}`,
  );
}

/** The acknowledgement of a typed follow-up: what runs now, and how follow-ups add up. */
function followUpText(added: string[], scenario: Scenario): string {
  const all = followUps(scenario);
  const earlier = all.length - LISTED_FOLLOW_UPS;
  const listed = all
    .slice(-LISTED_FOLLOW_UPS)
    .map((a) => `\`${a}\``)
    .join(", ");
  return `Simulating your paste with ${added.map((a) => `\`${a}\``).join(", ")} added. This thread's what-ifs so far: ${earlier > 0 ? `${earlier} earlier, then ` : ""}${listed}. Each follow-up adds to them; say "reset scenario" to go back to the paste alone, or paste new YAML to start over.`;
}

/** Creates the bot core; see the module comment. */
export function createBot(deps: BotDeps): Bot {
  const owner = deps.owner ?? `bot-${process.pid}-${randomUUID()}`;
  const unlockWords = deps.tutor.content.levels.map((l) => l.unlockWord);
  let calls = 0;

  /** Submits one simulation for `msg`; `nth` > 0 for a message's second and later simulations. */
  const enqueue = async (msg: IncomingMessage, request: Scenario, nth: number) => {
    const eventId = nth === 0 ? msg.eventId : `${msg.eventId}~${nth}`;
    const req = {
      ...simulationRequestOf({ ...msg, eventId }, request.manifests),
      ...(request.cluster !== undefined ? { cluster: request.cluster } : {}),
      ...(request.atSeconds !== undefined ? { atSeconds: request.atSeconds } : {}),
      ...(request.actions !== undefined ? { actions: request.actions } : {}),
      ...(request.files !== undefined ? { files: request.files } : {}),
    };
    const result = await deps.producer.submit(req);
    if (result.status === "queued") await deps.pastes.save(addressOf(msg), request);
    deps.logger.info({ requestId: result.requestId, status: result.status }, "simulation submitted");
    return result.status;
  };

  /** The conversation's scenario; in a DM, a reply in a thread also finds the DM's own. */
  const scenarioOf = async (msg: IncomingMessage): Promise<Scenario | undefined> => {
    const here = await deps.pastes.load(addressOf(msg));
    if (here || !msg.direct || !msg.thread) return here;
    const { thread: _, ...dm } = addressOf(msg);
    return deps.pastes.load(dm);
  };

  const whatIf = async (msg: IncomingMessage, action: string): Promise<Reply[]> => {
    const last = await scenarioOf(msg);
    if (!last) {
      return privately(
        "I no longer have the YAML this button is about (a thread's paste is kept for a week). Paste it again and I will simulate it.",
      );
    }
    const next = withWhatIf(last, action);
    if (!next.ok) return privately(next.message);
    const status = await enqueue(msg, grownFrom(last, next.request), 0);
    return status === "queued" ? [reply({ type: "context", text: `Simulating ${next.label}…` })] : [];
  };

  const typedWhatIf = async (msg: IncomingMessage, typed: FollowUpParse): Promise<Reply[]> => {
    if (!typed.ok) return notUnderstood(typed.problem, typed.text);
    const last = await scenarioOf(msg);
    if (!last) return privately(NO_PASTE_TEXT);
    if (typed.steps.length === 1 && typed.steps[0]?.intent.verb === "reset") {
      await deps.pastes.save(addressOf(msg), resetScenario(last));
      return [
        reply({
          type: "context",
          text: "Back to your paste alone: the next what-if starts from it (its result is above).",
        }),
      ];
    }
    const next = withSteps(last, typed.steps);
    if (!next.ok) return notUnderstood(next.message);
    const status = await enqueue(msg, next.scenario, 0);
    return status === "queued" ? [reply({ type: "context", text: followUpText(next.added, next.scenario) })] : [];
  };

  const viaTutor = async (msg: IncomingMessage): Promise<Reply[]> => {
    let nth = 0;
    // The tutor has already said "Simulating…"; when the job is refused, the producer delivers why.
    const simulate: Simulator = async (request) => {
      await enqueue(msg, request, nth++);
      return { blocks: [] };
    };
    const tutor = new Tutor({ ...deps.tutor, simulate });
    const learner = Tutor.learner(msg);
    if (!msg.direct || (await deps.tutor.store.get(learner))) return tutor.handleMessage(msg);
    // A first DM opens with the welcome; a greeting needs nothing more, a command runs after it.
    const welcome = await tutor.resume(learner);
    const r = routeMessage(msg, { unlockWords });
    return r.kind === "command" && r.command === "unknown"
      ? welcome
      : [...welcome, ...(await tutor.handleMessage(msg))];
  };

  const route = async (msg: IncomingMessage): Promise<Reply[]> => {
    const drill = await deps.channelDrills?.handle(msg);
    if (drill) return drill;
    if (msg.action?.startsWith("whatif:")) return whatIf(msg, msg.action);
    const typed = routeFollowUp(msg);
    if (typed) return typedWhatIf(msg, typed);
    if (!msg.direct && !msg.action) {
      // Outside a DM a paste is a question to anyone ("what will this YAML do?"), not a tutor step.
      const r = routeMessage(msg, { unlockWords });
      if (r.kind === "simulate") {
        const status = await enqueue(msg, { manifests: r.manifests }, 0);
        return status === "queued" ? [reply({ type: "context", text: SIMULATING_TEXT })] : [];
      }
    }
    return viaTutor(msg);
  };

  return {
    async handle(msg) {
      const key = `event:${msg.platform}:${msg.eventId}`;
      const lease = `${owner}-${++calls}`;
      const claim = await deps.idempotency.claim(key, lease, EVENT_LEASE_MS);
      if (claim !== "claimed") {
        deps.logger.info({ eventId: msg.eventId, claim }, "repeated event ignored");
        return [];
      }
      try {
        const replies = (await route(msg)).filter((r) => !isEmpty(r));
        await deps.idempotency.complete(key, lease, EVENT_KEEP_MS);
        return replies;
      } catch (err) {
        await deps.idempotency.release(key, lease).catch(() => undefined);
        throw err;
      }
    },
  };
}
