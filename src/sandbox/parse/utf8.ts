/**
 * UTF-8 handling for pasted bytes: the size check that runs before any parse, and decoding that
 * reports malformed sequences with go-yaml's reader texts instead of throwing.
 */

/** A malformed UTF-8 sequence: its 1-based line and go-yaml's reason. */
export interface InvalidUtf8 {
  line: number;
  reason: string;
}

/** Decoded text plus the malformed sequences found, at most one per line. */
export interface DecodedText {
  text: string;
  invalid: InvalidUtf8[];
}

const strict = new TextDecoder("utf-8", { fatal: true });
const lenient = new TextDecoder("utf-8");

/** Bytes `text` takes in UTF-8, counted without allocating the encoding. */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) {
      bytes += 1;
      continue;
    }
    // Three bytes; a surrogate pair is two units that take four bytes together.
    bytes += 2;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  return bytes;
}

/**
 * Decodes `bytes` as UTF-8 (a leading BOM is dropped). Valid input takes one native decode; only
 * invalid input pays for the byte scan that finds each bad line. Malformed sequences become U+FFFD
 * in `text`, which keeps every newline, so line numbers stay true.
 */
export function decodeUtf8(bytes: Uint8Array): DecodedText {
  try {
    return { text: strict.decode(bytes), invalid: [] };
  } catch {
    return { text: lenient.decode(bytes), invalid: findInvalidUtf8(bytes) };
  }
}

/**
 * Every line holding a malformed sequence, with the reason go-yaml's reader gives for the first
 * one on that line. Rules and texts: go.yaml.in/yaml/v2 readerc.go `yaml_parser_update_buffer`
 * (a port of libyaml reader.c).
 */
export function findInvalidUtf8(bytes: Uint8Array): InvalidUtf8[] {
  const invalid: InvalidUtf8[] = [];
  let line = 1;
  let i = 0;
  while (i < bytes.length) {
    const octet = bytes[i] as number;
    if (octet === 0x0a) line++;
    if (octet < 0x80) {
      i++;
      continue;
    }
    const reason = sequenceProblem(bytes, i);
    if (reason === null) {
      i += sequenceWidth(octet);
      continue;
    }
    if (invalid.length === 0 || (invalid[invalid.length - 1] as InvalidUtf8).line !== line) {
      invalid.push({ line, reason });
    }
    i++;
  }
  return invalid;
}

function sequenceWidth(octet: number): number {
  if ((octet & 0x80) === 0) return 1;
  if ((octet & 0xe0) === 0xc0) return 2;
  if ((octet & 0xf0) === 0xe0) return 3;
  if ((octet & 0xf8) === 0xf0) return 4;
  return 0;
}

function sequenceProblem(bytes: Uint8Array, at: number): string | null {
  const lead = bytes[at] as number;
  const width = sequenceWidth(lead);
  if (width === 0) return "invalid leading UTF-8 octet";
  if (at + width > bytes.length) return "incomplete UTF-8 octet sequence";
  let value = width === 2 ? lead & 0x1f : width === 3 ? lead & 0x0f : lead & 0x07;
  for (let k = 1; k < width; k++) {
    const trail = bytes[at + k] as number;
    if ((trail & 0xc0) !== 0x80) return "invalid trailing UTF-8 octet";
    value = (value << 6) | (trail & 0x3f);
  }
  const shortest = width === 2 ? value >= 0x80 : width === 3 ? value >= 0x800 : value >= 0x10000;
  if (!shortest) return "invalid length of a UTF-8 sequence";
  if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) return "invalid Unicode character";
  return null;
}
