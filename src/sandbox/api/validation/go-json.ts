/**
 * The error text of Go's `json.Unmarshal(data, &map[string]interface{}{})`, which ValidateSecret
 * runs on `.dockerconfigjson` and `.dockercfg`: the syntax errors of encoding/json/scanner.go
 * (checkValid runs first, over the whole input), then decode.go's UnmarshalTypeError when the
 * top-level value is not an object (`null` decodes to nothing and is fine).
 */

const EOF_MSG = "unexpected end of JSON input";

/** scanner.go quoteChar: a byte as Go prints it in a syntax error. */
function quoteChar(c: number): string {
  if (c === 0x27) return "'\\''";
  if (c === 0x22) return "'\"'";
  const named: Record<number, string> = { 7: "\\a", 8: "\\b", 9: "\\t", 10: "\\n", 11: "\\v", 12: "\\f", 13: "\\r" };
  if (named[c]) return `'${named[c]}'`;
  if (c < 0x20 || c === 0x7f) return `'\\x${c.toString(16).padStart(2, "0")}'`;
  // string(byte) is the rune U+00XX; strconv.Quote escapes the unprintable ones.
  if (c >= 0x80 && (c < 0xa1 || c === 0xad)) return `'\\u00${c.toString(16)}'`;
  return `'${String.fromCharCode(c)}'`;
}

/**
 * A one-pass scanner. The first syntax error is kept in `error` and every step after it returns at
 * once (no exceptions: the error is a value this module hands back).
 */
class Scanner {
  i = 0;
  error: string | null = null;
  constructor(private readonly b: Uint8Array) {}

  /** Records the syntax error at the current byte (the first one wins); returns an empty kind. */
  fail(context: string): string {
    const c = this.b[this.i];
    this.error ??= c === undefined ? EOF_MSG : `invalid character ${quoteChar(c)} ${context}`;
    return "";
  }

  private peek(): number | undefined {
    return this.b[this.i];
  }

  skipSpace(): void {
    let c = this.peek();
    while (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) c = this.b[++this.i];
  }

  private digits(): number {
    const start = this.i;
    let c = this.peek();
    while (c !== undefined && c >= 0x30 && c <= 0x39) c = this.b[++this.i];
    return this.i - start;
  }

  /** Scans one value; returns its kind as decode.go names it in a type error. */
  value(): string {
    this.skipSpace();
    const c = this.peek();
    if (c === 0x7b) return this.object();
    if (c === 0x5b) return this.array();
    if (c === 0x22) return this.string();
    if (c === 0x2d || (c !== undefined && c >= 0x30 && c <= 0x39)) return this.number();
    if (c === 0x74) return this.literal("true", "bool");
    if (c === 0x66) return this.literal("false", "bool");
    if (c === 0x6e) return this.literal("null", "null");
    return this.fail("looking for beginning of value");
  }

  private object(): string {
    this.i++;
    this.skipSpace();
    if (this.peek() === 0x7d) {
      this.i++;
      return "object";
    }
    for (;;) {
      this.skipSpace();
      if (this.peek() !== 0x22) return this.fail("looking for beginning of object key string");
      this.string();
      if (this.error) return "";
      this.skipSpace();
      if (this.peek() !== 0x3a) return this.fail("after object key");
      this.i++;
      this.value();
      if (this.error) return "";
      this.skipSpace();
      const c = this.peek();
      if (c === 0x7d) {
        this.i++;
        return "object";
      }
      if (c !== 0x2c) return this.fail("after object key:value pair");
      this.i++;
    }
  }

  private array(): string {
    this.i++;
    this.skipSpace();
    if (this.peek() === 0x5d) {
      this.i++;
      return "array";
    }
    for (;;) {
      this.value();
      if (this.error) return "";
      this.skipSpace();
      const c = this.peek();
      if (c === 0x5d) {
        this.i++;
        return "array";
      }
      if (c !== 0x2c) return this.fail("after array element");
      this.i++;
    }
  }

  private string(): string {
    this.i++;
    for (;;) {
      const c = this.peek();
      if (c === undefined) return this.fail("");
      if (c === 0x22) {
        this.i++;
        return "string";
      }
      if (c < 0x20) return this.fail("in string literal");
      this.i++;
      if (c !== 0x5c) continue;
      const e = this.peek();
      if (e === 0x75) {
        this.i++;
        for (let k = 0; k < 4; k++) {
          const h = this.peek();
          const hex = h !== undefined && /[0-9a-fA-F]/.test(String.fromCharCode(h));
          if (!hex) return this.fail("in \\u hexadecimal character escape");
          this.i++;
        }
      } else if (e !== undefined && '"\\/bfnrt'.includes(String.fromCharCode(e))) this.i++;
      else return this.fail("in string escape code");
    }
  }

  private number(): string {
    if (this.peek() === 0x2d) {
      this.i++;
      const c = this.peek();
      if (c === undefined || c < 0x30 || c > 0x39) return this.fail("in numeric literal");
    }
    if (this.peek() === 0x30) this.i++;
    else this.digits();
    if (this.peek() === 0x2e) {
      this.i++;
      if (this.digits() === 0) return this.fail("after decimal point in numeric literal");
    }
    const e = this.peek();
    if (e === 0x65 || e === 0x45) {
      this.i++;
      const s = this.peek();
      if (s === 0x2b || s === 0x2d) this.i++;
      if (this.digits() === 0) return this.fail("in exponent of numeric literal");
    }
    return "number";
  }

  private literal(word: string, kind: string): string {
    this.i++;
    for (let k = 1; k < word.length; k++) {
      if (this.peek() !== word.charCodeAt(k)) return this.fail(`in literal ${word} (expecting '${word[k]}')`);
      this.i++;
    }
    return kind;
  }
}

/** The error `json.Unmarshal` returns for `data` into a `map[string]interface{}`, or null. */
export function unmarshalMapError(data: Uint8Array): string | null {
  const s = new Scanner(data);
  const kind = s.value();
  if (s.error === null) {
    s.skipSpace();
    if (s.i < data.length) s.fail("after top-level value");
  }
  if (s.error !== null) return s.error;
  if (kind === "object" || kind === "null") return null;
  return `json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`;
}
