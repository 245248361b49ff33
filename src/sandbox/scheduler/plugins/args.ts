/**
 * Argument validation shared by plugins without arguments: kube-scheduler's plugin factories
 * type-check their args before building the plugin (e.g. nodeaffinity `getArgs`); a plugin that
 * takes none accepts only an empty object.
 */
import { z } from "zod";
import { PodsenseiError } from "../../../core/errors.js";

/** Args of a plugin that takes none. */
export const noArgs = z.object({}).strict().optional();

/** Validates args with a schema, throwing a programmer error (profiles are code, not user input). */
export function parseArgs<T>(schema: z.ZodType<T>, plugin: string, args: unknown): T {
  const r = schema.safeParse(args);
  if (!r.success)
    throw new PodsenseiError(
      "SCHEDULER_PLUGIN_ARGS_INVALID",
      { plugin, detail: z.prettifyError(r.error) },
      { cause: r.error },
    );
  return r.data;
}
