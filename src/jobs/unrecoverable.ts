/**
 * A catalogued error that BullMQ must not retry. BullMQ recognises only errors named
 * `UnrecoverableError` (it fails the job at once, whatever attempts are left), so the
 * PodsenseiError rides along as the cause and lends its message.
 */
import { UnrecoverableError } from "bullmq";
import type { PodsenseiError } from "../core/errors.js";

export function unrecoverable(error: PodsenseiError): UnrecoverableError {
  return Object.assign(new UnrecoverableError(error.message), { cause: error });
}
