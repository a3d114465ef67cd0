// Opaque, signed cursors for Relay connections: a client cannot forge one, nor use one with other arguments.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { badUserInput } from './errors.js';

/** The longest cursor read: 64 KiB. */
const MAX_CURSOR_LENGTH = 65_536;

/**
 * Encodes an upstream position (a page number, a row id, a provider cursor) for one list and one set of
 * arguments. The HMAC covers all three, so a cursor from another list, other filters or another key fails.
 */
export class CursorCodec {
  private readonly key: Buffer;

  /** With no secret, a random one: cursors then last as long as the process (set CURSOR_SECRET for replicas). */
  constructor(secret?: string) {
    this.key = secret ? Buffer.from(secret, 'utf8') : randomBytes(32);
  }

  encode(list: string, args: unknown, position: string): string {
    const payload = Buffer.from(JSON.stringify([list, position]), 'utf8').toString('base64url');
    return `${payload}.${this.sign(list, args, position)}`;
  }

  /** The position a cursor holds; BAD_USER_INPUT for anything forged, truncated or made for other arguments. */
  decode(cursor: string, list: string, args: unknown): string {
    const invalid = () => badUserInput('The cursor is not valid for this list and these arguments; start again without `after`.');
    const [payload, signature, extra] = cursor.split('.');
    // A merged feed's cursor holds one position per account (up to MAX_IDS_PER_REQUEST of them): 28 demo accounts
    // already make 2.7 kB. The request body's own limit (MAX_REQUEST_BYTES) bounds it further.
    if (!payload || !signature || extra !== undefined || cursor.length > MAX_CURSOR_LENGTH) throw invalid();
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      throw invalid();
    }
    if (!Array.isArray(decoded) || decoded.length !== 2 || decoded[0] !== list || typeof decoded[1] !== 'string') throw invalid();
    const expected = Buffer.from(this.sign(list, args, decoded[1]));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid();
    return decoded[1];
  }

  private sign(list: string, args: unknown, position: string): string {
    return createHmac('sha256', this.key)
      .update(JSON.stringify([list, canonical(args), position]))
      .digest('base64url')
      .slice(0, 32);
  }
}

/** JSON with sorted keys and no undefined values, so equal arguments sign equally. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined && v !== null)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

/** The page size a connection asks for: `first`, within 1..max, or the default. */
export function pageSize(first: number | null | undefined, max: number, fallback = Math.min(20, max)): number {
  if (first === null || first === undefined) return fallback;
  if (!Number.isInteger(first) || first < 1 || first > max) throw badUserInput(`\`first\` must be between 1 and ${max}.`);
  return first;
}
