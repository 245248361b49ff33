/**
 * A map bounded by the total size of its values, least recently used first out. Used where
 * content-addressed values repeat: the worker's finished simulations by input (result-cache.ts)
 * and the bot's replies and pictures by content id (dispatcher). An entry never goes stale there,
 * since its key names its content.
 */
export class LruCache<V> {
  readonly #maxSize: number;
  readonly #sizeOf: (value: V) => number;
  readonly #entries = new Map<string, { value: V; size: number }>();
  #size = 0;

  /** `sizeOf` measures a value in the unit `maxSize` is given in (bytes, characters). */
  constructor(maxSize: number, sizeOf: (value: V) => number) {
    this.#maxSize = maxSize;
    this.#sizeOf = sizeOf;
  }

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    // Re-inserting moves it to the end of Map's insertion order: most recently used.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V): void {
    const size = this.#sizeOf(value);
    // One value over a quarter of the budget would flush everything else for little gain.
    if (size > this.#maxSize / 4 || this.#entries.has(key)) return;
    this.#entries.set(key, { value, size });
    this.#size += size;
    for (const [k, e] of this.#entries) {
      if (this.#size <= this.#maxSize) break;
      this.#entries.delete(k);
      this.#size -= e.size;
    }
  }

  /** Entries held, and the sum of their sizes. */
  stats(): { entries: number; size: number } {
    return { entries: this.#entries.size, size: this.#size };
  }
}
