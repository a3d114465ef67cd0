import { describe, expect, it } from 'vitest';
import { CursorCodec, pageSize } from './cursor.js';
import { GatewayError } from './errors.js';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return 'no error';
  } catch (error) {
    return error instanceof GatewayError ? error.extensions.code : String(error);
  }
};

describe('CursorCodec', () => {
  const codec = new CursorCodec('test-secret');
  const args = { ledgerId: 'l', filter: { type: 'deposit' } };

  it('round-trips a position for the same list and arguments, in any key order', () => {
    const cursor = codec.encode('midaz', args, '3');
    expect(codec.decode(cursor, 'midaz', { filter: { type: 'deposit' }, ledgerId: 'l', first: undefined })).toBe('3');
  });

  it('is opaque: the position is not readable as plain text', () => {
    expect(codec.encode('taler', {}, 'row:42')).not.toContain('row:42');
  });

  it.each([
    ['another list', (c: string) => codec.decode(c, 'taler', args)],
    ['other arguments', (c: string) => codec.decode(c, 'midaz', { ...args, filter: { type: 'savings' } })],
    ['another key', (c: string) => new CursorCodec('other').decode(c, 'midaz', args)],
    [
      'a changed position',
      (c: string) => codec.decode(`${Buffer.from(JSON.stringify(['midaz', '9'])).toString('base64url')}.${c.split('.')[1]}`, 'midaz', args),
    ],
    ['a truncated cursor', (c: string) => codec.decode(c.slice(0, -3), 'midaz', args)],
    ['garbage', () => codec.decode('%%%', 'midaz', args)],
    ['an empty string', () => codec.decode('', 'midaz', args)],
    ['a huge string', () => codec.decode('a'.repeat(10_000), 'midaz', args)],
  ])('refuses %s with BAD_USER_INPUT', (_case, use) => {
    const cursor = codec.encode('midaz', args, '3');
    expect(codeOf(() => use(cursor))).toBe('BAD_USER_INPUT');
  });
});

describe('pageSize', () => {
  it('defaults, accepts the range and refuses outside it', () => {
    expect(pageSize(undefined, 100)).toBe(20);
    expect(pageSize(100, 100)).toBe(100);
    expect(codeOf(() => pageSize(0, 100))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => pageSize(101, 100))).toBe('BAD_USER_INPUT');
  });
});
