/**
 * The sandbox's only source of randomness: a seeded generator (mulberry32), so the same input gives
 * the same output byte for byte. Generated names use Kubernetes' own alphabet
 * (k8s.io/apimachinery/pkg/util/rand: "bcdfghjklmnpqrstvwxz2456789", no vowels, no 0/1/3).
 */
export const NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

const HEX_DIGITS = "0123456789abcdef";
/** A version-4 UUID: `x` a random hex digit, `y` one of 8, 9, a, b. */
const UUID_LAYOUT = "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx";
const X = "x".charCodeAt(0);
const Y = "y".charCodeAt(0);
const uuidCodes: number[] = new Array<number>(UUID_LAYOUT.length).fill(0);

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
    // One string from char codes instead of 32 one-character concatenations.
    for (let i = 0; i < UUID_LAYOUT.length; i++) {
      const c = UUID_LAYOUT.charCodeAt(i);
      uuidCodes[i] =
        c === X ? HEX_DIGITS.charCodeAt(this.int(16)) : c === Y ? HEX_DIGITS.charCodeAt(8 + this.int(4)) : c;
    }
    return String.fromCharCode.apply(null, uuidCodes);
  }
}

/** The FNV-1a starting state; a hash of a prefix continues from that prefix's hash instead. */
export const FNV_OFFSET_BASIS = 0x811c9dc5;

/** FNV-1a 32-bit hash of a string's UTF-16 code units, or of raw bytes (used for seeds and pod-template hashes). */
export function fnv1a32(input: string | Uint8Array, from = FNV_OFFSET_BASIS): number {
  // The state stays a signed 32-bit integer (same bits, no heap numbers) until the end.
  let h = from | 0;
  const n = input.length;
  if (typeof input === "string") {
    for (let i = 0; i < n; i++) h = Math.imul(h ^ input.charCodeAt(i), 0x01000193);
  } else {
    for (let i = 0; i < n; i++) h = Math.imul(h ^ (input[i] as number), 0x01000193);
  }
  return h >>> 0;
}
