/**
 * `PodsenseiError`: the one error class podsensei throws itself. Its message comes from the
 * catalogue in `error-messages.ts`, so callers name a code and its arguments, never free text:
 *
 * ```ts
 * throw new PodsenseiError("SLACK_NOT_STARTED");
 * throw new PodsenseiError("PROGRESS_NOT_JSON", { detail: err.message }, { cause: err });
 * ```
 *
 * Its name reads `PodsenseiError [CODE]` (as discord.js's errors do), so a log line or a stack
 * trace shows the code to look up in the README's "Errors" table.
 */
import { ERROR_MESSAGES } from "./error-messages.js";

/** Every catalogued error code. */
export type ErrorCode = keyof typeof ERROR_MESSAGES;

/**
 * What follows the code: the message's arguments when its message is a function, then the
 * standard `ErrorOptions` (`cause`).
 */
export type ErrorArgs<C extends ErrorCode> = (typeof ERROR_MESSAGES)[C] extends (args: infer A) => string
  ? [args: A, options?: ErrorOptions]
  : [options?: ErrorOptions];

type Template = string | ((args: unknown) => string);

/** An error with a catalogued `code`; refuses (with `ERROR_CODE_UNKNOWN`) a code that has no message. */
export class PodsenseiError<C extends ErrorCode = ErrorCode> extends Error {
  /** The catalogue code, stable across releases: match on it, not on the message. */
  readonly code: C;
  override readonly name: string;

  constructor(code: C, ...rest: ErrorArgs<C>) {
    // A code from outside the type system (a cast, plain JavaScript) must still be catalogued.
    const template = (Object.hasOwn(ERROR_MESSAGES, code) ? ERROR_MESSAGES[code] : undefined) as Template | undefined;
    if (template === undefined) throw new PodsenseiError("ERROR_CODE_UNKNOWN", { code: String(code) });
    const [message, options] =
      typeof template === "function"
        ? [template(rest[0]), rest[1] as ErrorOptions | undefined]
        : [template, rest[0] as ErrorOptions | undefined];
    super(message, options);
    this.code = code;
    this.name = `PodsenseiError [${code}]`;
  }
}
