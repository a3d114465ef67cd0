import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { loggerForError, requestIdFrom, requestLogger, scopePlugin, type RequestScope, type ScopedContext } from './requestScope.js';

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

describe('requestLogger', () => {
  const capture = () => {
    const lines: string[] = [];
    const logger = pino(new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) }));
    return { logger, line: () => JSON.parse(lines[0] ?? '{}') as Record<string, unknown> };
  };

  it('adds nothing outside a request', () => {
    const { logger, line } = capture();
    requestLogger(logger, undefined).info({ a: 1 }, 'hello');
    expect(line()).not.toHaveProperty('requestId');
  });

  it('puts the request id on every line written while serving one', () => {
    const { logger, line } = capture();
    requestLogger(logger, { requestId: 'req-1', errorCount: 0 }).info({ a: 1 }, 'hello');
    expect(line()).toMatchObject({ requestId: 'req-1', a: 1, msg: 'hello' });
  });
});

describe('scopePlugin', () => {
  it('records the operation and error count in the context’s scope, and the request logger of each error', async () => {
    const scope: RequestScope = { requestId: 'req-2', errorCount: 0 };
    const logger = pino({ level: 'silent' });
    const error = new Error('bug');
    // Only the fields the plugin reads: Apollo's request context is much larger.
    const hooks = (await scopePlugin<ScopedContext>().requestDidStart?.({ contextValue: { scope, logger } } as never)) as Record<
      string,
      (arg: unknown) => Promise<void>
    >;
    await hooks.didResolveOperation?.({ operationName: 'Accounts' });
    await hooks.didEncounterErrors?.({ errors: [error] });
    await hooks.willSendResponse?.({ request: {}, response: { body: { kind: 'single', singleResult: { errors: [{ message: 'x' }] } } } });
    expect(scope).toMatchObject({ operationName: 'Accounts', errorCount: 1 });
    expect(loggerForError(error)).toBe(logger);
    expect(loggerForError(new Error('other'))).toBeUndefined();
  });
});
