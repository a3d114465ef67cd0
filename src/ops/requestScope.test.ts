import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { requestIdFrom, scopedLogger } from './requestScope.js';

const UUID = /^[0-9a-f-]{36}$/;

describe('requestIdFrom', () => {
  it.each([
    ['abc-123', 'abc-123'],
    ['  padded  ', 'padded'],
    ['x'.repeat(128), 'x'.repeat(128)],
    [['first', 'second'], 'first'],
  ])('keeps a printable id %j', (header, expected) => {
    expect(requestIdFrom(header)).toBe(expected);
  });

  it.each([[undefined], [''], ['x'.repeat(129)], ['line\nbreak'], ['tab\there'], ['naïve']])('makes a UUID instead of %j', (header) => {
    expect(requestIdFrom(header)).toMatch(UUID);
  });
});

describe('scopedLogger', () => {
  it('adds nothing outside a request', () => {
    const lines: string[] = [];
    const logger = scopedLogger(pino(new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) })));
    logger.info({ a: 1 }, 'hello');
    expect(JSON.parse(lines[0] ?? '{}')).not.toHaveProperty('requestId');
  });
});
