/** Races a promise against a deadline, so a probe or a scrape never hangs on a lost connection. */
import { PodsenseiError } from "../core/errors.js";

/** Rejects with `PodsenseiError [OPERATION_TIMEOUT]` when `p` takes longer than `ms`. */
export async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PodsenseiError("OPERATION_TIMEOUT", { what, ms })), ms);
  });
  try {
    return await Promise.race([p, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
