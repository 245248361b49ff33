/**
 * The sandbox's only source of randomness: a seeded generator (mulberry32), so the same input gives
 * the same output byte for byte. Generated names use Kubernetes' own alphabet
 * (k8s.io/apimachinery/pkg/util/rand: "bcdfghjklmnpqrstvwxz2456789", no vowels, no 0/1/3).
 */
export const NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

const HEX_DIGITS = "0123456789abcdef";

export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** A random string from Kubernetes' name alphabet, as `utilrand.String(n)`. */
  name(n: number): string {
    let s = "";
    for (let i = 0; i < n; i++) s += NAME_ALPHABET[this.int(NAME_ALPHABET.length)];
    return s;
  }

  /** A UUID-shaped id (version-4 layout), deterministic for the seed. */
  uuid(): string {
    const hex = (k: number) => {
      let s = "";
      for (let i = 0; i < k; i++) s += HEX_DIGITS[this.int(16)];
      return s;
    };
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + this.int(4)).toString(16)}${hex(3)}-${hex(12)}`;
  }
}

/** FNV-1a 32-bit hash of a string's UTF-16 code units, or of raw bytes (used for seeds and pod-template hashes). */
export function fnv1a32(input: string | Uint8Array): number {
  let h = 0x811c9dc5;
  const n = input.length;
  for (let i = 0; i < n; i++) {
    h ^= typeof input === "string" ? input.charCodeAt(i) : (input[i] as number);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
