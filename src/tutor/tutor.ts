/**
 * The tutor service: one learner message in, replies out. It loads the learner's progress, routes
 * the message, runs the state machine inside the store's atomic update, then performs the
 * machine's effects (simulations) through the injected `Simulator`.
 */
import type { IncomingMessage } from "../core/message.js";
import { type Reply, textReply } from "../core/reply.js";
import { type Route, routeMessage } from "../router.js";
import type { Command } from "./commands.js";
import { findDrill, levelOf } from "./content.js";
import type { Content } from "./content-schema.js";
import { type Effect, transition } from "./machine.js";
import { type LearnerKey, newProgress, type Progress, type ProgressStore } from "./progress.js";
import type { Simulator } from "./simulation.js";
import { isTimeZone } from "./streak.js";

/** What the tutor needs. */
export interface TutorDeps {
  content: Content;
  store: ProgressStore;
  simulate: Simulator;
  /** The clock; default `() => new Date()`. */
  now?: () => Date;
}

function toCommand(route: Route): Command {
  if (route.kind === "simulate") return { name: "paste", arg: route.manifests };
  if (route.kind === "answer") return { name: "answer", arg: route.letter };
  return route.arg === undefined ? { name: route.command } : { name: route.command, arg: route.arg };
}

/** The open question's choice texts, so answers can be typed as text. */
export function openChoices(p: Progress, content: Content): string[] | undefined {
  if (p.mode === "drill" && p.drill && !p.drill.answered)
    return findDrill(content, p.drill.id)?.drill.choices.map((c) => c.text);
  if (p.mode === "checkpoint" && p.checkpoint) {
    return levelOf(content, p.level).checkpoint.drills[p.checkpoint.index]?.choices.map((c) => c.text);
  }
  return undefined;
}

/** Talks to learners; stateless itself (all state is in the store). */
export class Tutor {
  readonly #deps: TutorDeps;
  readonly #words: string[];

  constructor(deps: TutorDeps) {
    this.#deps = deps;
    this.#words = deps.content.levels.map((l) => l.unlockWord);
  }

  /** The learner's key for a message. */
  static learner(msg: IncomingMessage): LearnerKey {
    return { platform: msg.platform, workspace: msg.workspace, user: msg.user };
  }

  /** Where the learner is, as a reply (the onboarding welcome for a new learner). */
  async resume(key: LearnerKey): Promise<Reply[]> {
    return this.handle({ key, command: { name: "repeat" } });
  }

  /** Handles a platform-neutral message. */
  async handleMessage(msg: IncomingMessage): Promise<Reply[]> {
    const key = Tutor.learner(msg);
    const content = this.#deps.content;
    const words = this.#words;
    return this.handle({
      key,
      timeZone: msg.timeZone,
      route: (p) => routeMessage(msg, { unlockWords: words, ...choicesOf(p, content) }),
    });
  }

  /** Handles a parsed command (the console and tests use this directly). */
  async handle(req: {
    key: LearnerKey;
    command?: Command;
    timeZone?: string | undefined;
    route?: (p: Progress) => Route;
  }): Promise<Reply[]> {
    const { content, store, simulate } = this.#deps;
    const now = (this.#deps.now ?? (() => new Date()))();
    const tz = req.timeZone && isTimeZone(req.timeZone) ? req.timeZone : undefined;
    const { replies, effects } = await store.update(req.key, (current) => {
      let p = current ?? newProgress(tz);
      if (tz && p.timeZone !== tz) p = { ...p, timeZone: tz };
      const command = req.command ?? (req.route ? toCommand(req.route(p)) : { name: "repeat" as const });
      const step = transition(p, command, content, now);
      return { progress: step.progress, value: { replies: step.replies, effects: step.effects ?? [] } };
    });
    const out = [...replies];
    for (const e of effects as Effect[]) {
      try {
        out.push(await simulate(e.request));
      } catch (err) {
        out.push(textReply(`The simulation could not run: ${(err as Error).message}`));
      }
    }
    return out;
  }
}

function choicesOf(p: Progress, content: Content): { choices?: string[] } {
  const choices = openChoices(p, content);
  return choices ? { choices } : {};
}
