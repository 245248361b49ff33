/**
 * `--then` actions for a simulation: checked before the run (a bad action is a usage error) and
 * scheduled on the clock. Parsing and effects live in `actions/`.
 */
import { describeLimit, LIMITS } from "../core/limits.js";
import type { ControllerContext } from "./engine/controller.js";

export function validateActions(actions: string[], _files: Record<string, string>): string[] {
  if (actions.length > LIMITS.actions) return [`${actions.length} actions, over the ${describeLimit("actions")}`];
  return actions.map((a) => `--then ${JSON.stringify(a)}: actions are not supported yet`);
}

export function scheduleActions(_actions: string[], _files: Record<string, string>, _ctx: ControllerContext): void {}
