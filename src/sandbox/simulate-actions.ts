/**
 * `--then` actions for a simulation: checked before the run (a bad action is a usage error) and
 * scheduled on the clock in time order. Parsing and effects live in `actions/`.
 */
import { describeLimit, LIMITS } from "../core/limits.js";
import { parseAction, scheduleAction } from "./actions/index.js";
import type { ControllerContext } from "./engine/controller.js";

export function validateActions(actions: string[], files: Record<string, string>): string[] {
  if (actions.length > LIMITS.actions) return [`${actions.length} actions, over the ${describeLimit("actions")}`];
  const problems: string[] = [];
  for (const text of actions) {
    const parsed = parseAction(text, files);
    // parseAction's messages already name the action (`--then "…": …`).
    if (!parsed.ok) problems.push(parsed.message);
    else if (parsed.action.at > LIMITS.horizonSeconds)
      problems.push(`--then ${JSON.stringify(text)}: past the ${describeLimit("horizonSeconds")}`);
  }
  return problems;
}

/** Schedules every action; actions at the same time keep their command-line order. */
export function scheduleActions(actions: string[], files: Record<string, string>, ctx: ControllerContext): void {
  const parsed = actions.map((text) => parseAction(text, files)).flatMap((p) => (p.ok ? [p.action] : []));
  parsed.sort((a, b) => a.at - b.at);
  for (const action of parsed) scheduleAction(action, ctx);
}
