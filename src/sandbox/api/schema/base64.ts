/**
 * Go's `base64.StdEncoding.Decode` error position, which the JSON decoder reports for a `[]byte`
 * field (a Secret's `data`) that is not valid base64: `illegal base64 data at input byte N`
 * (Go src/encoding/base64/base64.go, decodeQuantum and CorruptInputError).
 */

const ALPHABET = /^[A-Za-z0-9+/]$/;

function isNewline(b: number): boolean {
  return b === 0x0a || b === 0x0d;
}

function isAlphabet(b: number): boolean {
  return b < 0x80 && ALPHABET.test(String.fromCharCode(b));
}

/** One 4-character quantum from `si`: where the next one starts, or the corrupt byte offset. */
function quantum(src: Uint8Array, start: number): { si: number; corrupt?: number; end?: boolean } {
  let si = start;
  for (let j = 0; j < 4; j++) {
    if (si === src.length) return j === 0 ? { si } : { si, corrupt: si - j };
    const b = src[si] as number;
    si++;
    if (isAlphabet(b)) continue;
    if (isNewline(b)) {
      j--;
      continue;
    }
    if (b !== 0x3d || j < 2) return { si, corrupt: si - 1 };
    if (j === 2) {
      while (si < src.length && isNewline(src[si] as number)) si++;
      if (si === src.length) return { si, corrupt: src.length };
      if (src[si] !== 0x3d) return { si, corrupt: si - 1 };
      si++;
    }
    while (si < src.length && isNewline(src[si] as number)) si++;
    return si < src.length ? { si, corrupt: si } : { si, end: true };
  }
  return { si };
}

/** The byte offset Go reports for invalid standard base64, or undefined when it decodes. */
export function base64ErrorOffset(text: string): number | undefined {
  const src = new TextEncoder().encode(text);
  let si = 0;
  while (si < src.length) {
    const q = quantum(src, si);
    if (q.corrupt !== undefined) return q.corrupt;
    if (q.end) return undefined;
    si = q.si;
  }
  return undefined;
}

/** The decoder's text for invalid base64 (encoding/base64 CorruptInputError.Error). */
export function base64ErrorText(offset: number): string {
  return `illegal base64 data at input byte ${offset}`;
}
