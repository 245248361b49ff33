/**
 * The bot's in-process copy of recently sent pictures, as the base64 text replies carry. A
 * picture's id is the SHA-256 of its bytes (picture-store.ts), so an entry never goes stale:
 * identical pastes (a lesson's, a drill's) send the same picture again and again, and each hit
 * saves reading ~25 KB from Redis and encoding it. Bounded by characters held, least recently
 * used first out.
 */

/** Default budget: ~300 typical pictures (~27 K base64 characters each). */
export const DEFAULT_PICTURE_CACHE_CHARS = 8 * 1024 * 1024;

/** Base64 pictures by id; see the module comment. */
export class PictureCache {
  readonly #maxChars: number;
  readonly #entries = new Map<string, string>();
  #chars = 0;

  constructor(maxChars = DEFAULT_PICTURE_CACHE_CHARS) {
    this.#maxChars = maxChars;
  }

  get(id: string): string | undefined {
    const base64 = this.#entries.get(id);
    if (base64 === undefined) return undefined;
    // Re-inserting moves it to the end of Map's insertion order: most recently used.
    this.#entries.delete(id);
    this.#entries.set(id, base64);
    return base64;
  }

  set(id: string, base64: string): void {
    // One picture over a quarter of the budget would flush everything else for little gain.
    if (base64.length > this.#maxChars / 4 || this.#entries.has(id)) return;
    this.#entries.set(id, base64);
    this.#chars += base64.length;
    for (const [k, v] of this.#entries) {
      if (this.#chars <= this.#maxChars) break;
      this.#entries.delete(k);
      this.#chars -= v.length;
    }
  }

  /** Entries and characters held. */
  stats(): { entries: number; chars: number } {
    return { entries: this.#entries.size, chars: this.#chars };
  }
}
