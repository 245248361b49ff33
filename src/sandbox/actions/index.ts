/**
 * `--then` actions: parse (`parseAction`, a bad action is a usage error) and schedule on the
 * simulated clock (`scheduleAction`). Each action's kubectl output is recorded as a `Kubectl`
 * event from source `kubectl` on the object it concerns, so the timeline shows it.
 */
import type { ControllerContext } from "../engine/controller.js";
import { drain } from "./drain.js";
import { executeWorkloadAction } from "./execute.js";
import { cordon, nodeDown, taint } from "./execute-node.js";
import { parseActionText } from "./parse.js";
import type { Action, ParseActionResult } from "./types.js";

export { actionFile } from "./parse.js";
export type { Action, ParseActionResult } from "./types.js";

/** Parses `'DURATION: COMMAND'`; `files` maps names `apply -f` may use to their contents. */
export function parseAction(text: string, files?: Record<string, string>): ParseActionResult {
  return parseActionText(text, files ?? {});
}

/** Runs an action now. */
export function runAction(action: Action, ctx: ControllerContext): void {
  switch (action.verb) {
    case "cordon":
    case "uncordon":
      cordon(ctx, action.node, action.verb === "cordon");
      return;
    case "drain":
      drain(action, ctx);
      return;
    case "taint":
      taint(action, ctx);
      return;
    case "node-down":
      nodeDown(ctx, action.node);
      return;
    default:
      executeWorkloadAction(action, ctx);
  }
}

/** Schedules the action on the clock at its time. */
export function scheduleAction(action: Action, ctx: ControllerContext): void {
  ctx.clock.at(action.at, `action ${action.command}`, () => runAction(action, ctx));
}
