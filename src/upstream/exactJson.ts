// The JSON reader for every provider body: RFC 8259 JSON, one rule for duplicate keys, and numbers handed over
// exactly (as plain decimal text where money may be a JSON number).
//
// Why not JSON.parse: it turns 12345678901234567.89 into 12345678901234568, cannot tell which notation a number
// came in, and silently keeps the last of two values for one key. Node 20 has no access to a number's source text
// from JSON.parse, so this is a small hand-written parser; it keeps JSON.parse's grammar (whatever JSON.parse
// refuses, it refuses) and its result shape (plain objects, arrays, strings, booleans, null).
import { MAX_PLAIN_EXPONENT, plainDecimal } from '../decimal.js';

/** How JSON numbers are handed over. */
export type NumberMode =
  /**
   * Every number as plain decimal text (plainDecimal): `5e-7` → "0.0000005", `1E+3` → "1000", `-0.0` → "-0.0",
   * 30-digit numbers digit for digit. A number whose exponent is beyond ±MAX_PLAIN_EXPONENT, or whose expansion
   * would pass the body's budget (MAX_EXPANDED_ZEROS), is handed over as its source text ("1e999999"): not a
   * decimal (isDecimal is false), so a schema expecting an amount refuses that field.
   */
  | 'text'
  /**
   * Numbers as JavaScript numbers when the double holds the value the text says (every integer up to 2^53, every
   * decimal of at most 15 significant digits, and any other text that reads back to the same decimal); any other
   * number is handed over as text as in 'text' mode, so a schema expecting a number leaves that field out rather
   * than read a different value.
   */
  | 'native';

/** Most zeros a body's exponents may add in total when written out; later large exponents stay unexpanded. */
export const MAX_EXPANDED_ZEROS = 1_000_000;
/** Deepest nesting of arrays and objects read; deeper bodies are refused as malformed (no stack overflow). */
export const MAX_DEPTH = 512;

/** A body that is not JSON: the message gives the offset only, never the body's text. */
export class MalformedJsonError extends SyntaxError {
  constructor(
    readonly offset: number,
    reason = 'unexpected character',
  ) {
    super(`not valid JSON: ${reason} at offset ${offset}`);
    this.name = 'MalformedJsonError';
  }
}

/**
 * One object holds a key twice with different values: the body is ambiguous (which one did the provider mean?)
 * and is refused. `field` is the key's path in the field-path notation of upstream/wire.ts (`items[].available`;
 * a key that is not a plain name reads `*`); the values are never in the error.
 */
export class DuplicateKeyError extends SyntaxError {
  constructor(readonly field: string) {
    super(`duplicate key at ${field}`);
    this.name = 'DuplicateKeyError';
  }
}

/**
 * Reads `text` as JSON with every number as exact plain decimal text ('text' mode above). For providers whose money
 * may arrive as JSON numbers (Midaz, the Java Interledger connector).
 *
 * Duplicate keys: the same key twice in one object with values that read the same (after number conversion) is
 * read once; with values that differ the body is refused (DuplicateKeyError). This holds whatever else the body
 * holds. Throws MalformedJsonError for anything JSON.parse would refuse, and for nesting deeper than MAX_DEPTH.
 */
export function parseExactJson(text: string): unknown {
  return fastParse(text, 'text') ?? new Reader(text, 'text').read();
}

/**
 * Reads `text` as JSON with numbers as JavaScript numbers where that is exact ('native' mode above), under the
 * same duplicate-key rule and errors as parseExactJson. The client's default for providers whose amounts are
 * strings on the wire (Stellar Horizon, GNU Taler, Conduit).
 */
export function parseJson(text: string): unknown {
  return fastParse(text, 'native') ?? new Reader(text, 'native').read();
}

/**
 * The common case at JSON.parse's speed: one pass over the text outside its strings counts the keys and checks the
 * numbers and the depth; then JSON.parse reads it, and the parsed objects must hold as many keys as the text names
 * (fewer means a key given twice). Undefined (the Reader then reads the text, with its errors) for anything else:
 * a duplicate key, an exponent, a number a double may not hold ('native'), nesting deeper than MAX_DEPTH, or text
 * JSON.parse refuses. In 'text' mode numbers are quoted before JSON.parse, so they arrive as their own text.
 */
function fastParse(text: string, numbers: NumberMode): unknown {
  const scanned = scan(text, numbers === 'text');
  if (scanned === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(scanned.text);
  } catch {
    return undefined;
  }
  return countKeys(value) === scanned.keys ? value : undefined;
}

/** A plain JSON number without exponent, as the grammar allows it (no leading zeros, digits after a point). */
const PLAIN_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;
/** Longest plain number token read natively in one step: as in Reader.number, a double holds up to 15 digits exactly. */
const NATIVE_DIGITS = 15;

function scan(text: string, quoteNumbers: boolean): { keys: number; text: string } | undefined {
  const length = text.length;
  let keys = 0;
  let depth = 0;
  let out = '';
  let copied = 0;
  let pos = 0;
  while (pos < length) {
    const code = text.charCodeAt(pos);
    if (code === QUOTE) {
      let end = pos + 1;
      for (;;) {
        end = text.indexOf('"', end);
        if (end < 0) return undefined;
        let slashes = 0;
        while (text.charCodeAt(end - 1 - slashes) === BACKSLASH) slashes++;
        if (slashes % 2 === 0) break;
        end++;
      }
      pos = end + 1;
      let next = pos;
      for (let c = text.charCodeAt(next); c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; c = text.charCodeAt(++next));
      if (text.charCodeAt(next) === COLON) keys++;
      continue;
    }
    if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      if (++depth > MAX_DEPTH) return undefined;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      depth--;
    } else if (code === MINUS || isDigit(code)) {
      let end = pos + 1;
      for (let c = text.charCodeAt(end); isDigit(c) || c === DOT; c = text.charCodeAt(++end));
      const c = text.charCodeAt(end);
      if (c === LOWER_E || c === UPPER_E || c === PLUS || c === MINUS) return undefined;
      if (quoteNumbers) {
        const token = text.slice(pos, end);
        if (!PLAIN_NUMBER.test(token)) return undefined;
        out += `${text.slice(copied, pos)}"${token}"`;
        copied = end;
      } else if (end - pos > NATIVE_DIGITS) {
        return undefined;
      }
      pos = end;
      continue;
    }
    pos++;
  }
  return { keys, text: copied === 0 ? text : out + text.slice(copied) };
}

/** Own keys of every object in a parsed value. */
function countKeys(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let count = 0;
  if (Array.isArray(value)) {
    for (const item of value) count += countKeys(item);
    return count;
  }
  for (const key in value) count += 1 + countKeys((value as Record<string, unknown>)[key]);
  return count;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const PLUS = 0x2b;
const LOWER_E = 0x65;
const UPPER_E = 0x45;

const isDigit = (code: number) => code >= ZERO && code <= NINE;
const PLAIN_KEY = /^[A-Za-z_][\w-]{0,63}$/;
/** The run of a string's characters that need no decoding (no quote, backslash or control character). */
// JSON strings may not hold raw control characters (RFC 8259 §7): matching them is the point.
// eslint-disable-next-line no-control-regex
const PLAIN_STRING = /[^"\\\u0000-\u001f]*/y;

class Reader {
  private pos = 0;
  /** The keys and array positions (-1) from the root to the value being read, for DuplicateKeyError. */
  private readonly path: Array<string | -1> = [];
  private zerosLeft = MAX_EXPANDED_ZEROS;

  constructor(
    private readonly text: string,
    private readonly numbers: NumberMode,
  ) {}

  read(): unknown {
    this.skipSpace();
    const value = this.value(0);
    this.skipSpace();
    if (this.pos !== this.text.length) this.fail();
    return value;
  }

  private fail(reason?: string): never {
    throw new MalformedJsonError(this.pos, this.pos >= this.text.length ? 'unexpected end' : reason);
  }

  private skipSpace(): void {
    const text = this.text;
    let pos = this.pos;
    for (;;) {
      const code = text.charCodeAt(pos);
      if (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09) pos++;
      else break;
    }
    this.pos = pos;
  }

  private value(depth: number): unknown {
    const code = this.text.charCodeAt(this.pos);
    if (code === QUOTE) return this.string();
    if (code === OPEN_BRACE) return this.object(depth + 1);
    if (code === OPEN_BRACKET) return this.array(depth + 1);
    if (code === MINUS || isDigit(code)) return this.number();
    if (this.text.startsWith('true', this.pos)) return ((this.pos += 4), true);
    if (this.text.startsWith('false', this.pos)) return ((this.pos += 5), false);
    if (this.text.startsWith('null', this.pos)) return ((this.pos += 4), null);
    return this.fail();
  }

  private object(depth: number): Record<string, unknown> {
    if (depth > MAX_DEPTH) this.fail('nesting too deep');
    this.pos++;
    const result: Record<string, unknown> = {};
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) === CLOSE_BRACE) {
      this.pos++;
      return result;
    }
    for (;;) {
      if (this.text.charCodeAt(this.pos) !== QUOTE) this.fail();
      const key = this.string();
      this.skipSpace();
      if (this.text.charCodeAt(this.pos) !== COLON) this.fail();
      this.pos++;
      this.skipSpace();
      this.path.push(key);
      const value = this.value(depth);
      if (Object.hasOwn(result, key)) {
        if (!sameValue(result[key], value)) throw new DuplicateKeyError(this.fieldPath());
      } else if (key === '__proto__') {
        // As JSON.parse does: an own property named "__proto__", never the object's prototype.
        Object.defineProperty(result, key, { value, writable: true, enumerable: true, configurable: true });
      } else {
        result[key] = value;
      }
      this.path.pop();
      this.skipSpace();
      const next = this.text.charCodeAt(this.pos++);
      if (next === CLOSE_BRACE) return result;
      if (next !== COMMA) {
        this.pos--;
        this.fail();
      }
      this.skipSpace();
    }
  }

  private array(depth: number): unknown[] {
    if (depth > MAX_DEPTH) this.fail('nesting too deep');
    this.pos++;
    const result: unknown[] = [];
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) === CLOSE_BRACKET) {
      this.pos++;
      return result;
    }
    this.path.push(-1);
    for (;;) {
      result.push(this.value(depth));
      this.skipSpace();
      const next = this.text.charCodeAt(this.pos++);
      if (next === CLOSE_BRACKET) break;
      if (next !== COMMA) {
        this.pos--;
        this.fail();
      }
      this.skipSpace();
    }
    this.path.pop();
    return result;
  }

  /** A string token: sliced as it is when it has no escapes, else decoded by JSON.parse (which knows them all). */
  private string(): string {
    const text = this.text;
    const start = this.pos;
    PLAIN_STRING.lastIndex = start + 1;
    PLAIN_STRING.test(text);
    let pos = PLAIN_STRING.lastIndex;
    if (text.charCodeAt(pos) === QUOTE) {
      this.pos = pos + 1;
      return text.slice(start + 1, pos);
    }
    for (;;) {
      const code = text.charCodeAt(pos);
      if (code === QUOTE) break;
      if (code === BACKSLASH) {
        pos += 2;
        continue;
      }
      if (code < 0x20 || Number.isNaN(code)) {
        this.pos = Math.min(pos, text.length);
        this.fail(Number.isNaN(code) ? 'unterminated string' : 'control character in string');
      }
      pos++;
    }
    this.pos = pos + 1;
    try {
      return JSON.parse(text.slice(start, pos + 1)) as string;
    } catch {
      this.pos = start;
      return this.fail('bad escape in string');
    }
  }

  private number(): unknown {
    const text = this.text;
    const start = this.pos;
    let pos = start;
    if (text.charCodeAt(pos) === MINUS) pos++;
    const first = text.charCodeAt(pos);
    if (first === ZERO) pos++;
    else if (isDigit(first)) while (isDigit(text.charCodeAt(pos))) pos++;
    else return this.failAt(pos);
    let plain = true;
    if (text.charCodeAt(pos) === DOT) {
      pos++;
      if (!isDigit(text.charCodeAt(pos))) return this.failAt(pos);
      while (isDigit(text.charCodeAt(pos))) pos++;
    }
    const e = text.charCodeAt(pos);
    if (e === LOWER_E || e === UPPER_E) {
      plain = false;
      pos++;
      const sign = text.charCodeAt(pos);
      if (sign === PLUS || sign === MINUS) pos++;
      if (!isDigit(text.charCodeAt(pos))) return this.failAt(pos);
      while (isDigit(text.charCodeAt(pos))) pos++;
    }
    this.pos = pos;
    const token = text.slice(start, pos);
    if (this.numbers === 'native') {
      // Up to 15 digits without an exponent, a double always reads back the same decimal.
      if (plain && token.length <= 15) return Number(token);
      const value = Number(token);
      if (Number.isFinite(value) && sameDecimal(plainDecimal(String(value)), this.expand(token, plain))) return value;
      return this.expand(token, plain);
    }
    return plain ? token : this.expand(token, plain);
  }

  private failAt(pos: number): never {
    this.pos = pos;
    return this.fail();
  }

  /** The token as plain decimal text, within the exponent bound and the body's budget; else its source text. */
  private expand(token: string, plain: boolean): string {
    if (plain) return token;
    const expanded = plainDecimal(token, Math.min(MAX_PLAIN_EXPONENT, this.zerosLeft));
    if (expanded === undefined) return token;
    this.zerosLeft -= Math.max(0, expanded.length - token.length);
    return expanded;
  }

  private fieldPath(): string {
    let text = '';
    for (const key of this.path) {
      if (key === -1) text += '[]';
      else text += (text ? '.' : '') + (PLAIN_KEY.test(key) ? key : '*');
    }
    return text || '(body)';
  }
}

/** Two plain decimals with the same value ("1.50" and "1.5"); false when either is missing. */
function sameDecimal(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  return trimDecimal(a) === trimDecimal(b);
}

function trimDecimal(value: string): string {
  const negative = value.startsWith('-');
  let digits = negative ? value.slice(1) : value;
  if (digits.includes('.')) digits = digits.replace(/0+$/, '').replace(/\.$/, '');
  digits = digits.replace(/^0+(?=\d)/, '');
  return negative && digits !== '0' ? `-${digits}` : digits;
}

/** Deep equality of two parsed JSON values (only ever called for a duplicate key). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, index) => sameValue(item, other[index]));
  }
  const keys = Object.keys(a);
  const other = b as Record<string, unknown>;
  return (
    keys.length === Object.keys(other).length &&
    keys.every((key) => Object.hasOwn(other, key) && sameValue((a as Record<string, unknown>)[key], other[key]))
  );
}
