import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { GatewayError, ErrorCode } from '../errors.js';
import type { RequestContext } from '../context.js';
import type { ProviderClient } from '../upstream/client.js';
import { AccountWatcher, backoff, type ActivityEvent } from './watcher.js';
import { pause, type Follow } from './types.js';

/** A watcher over a fake follow: no upstream, only the loop's decisions. */
function watcherWith(follow: Follow) {
  return new AccountWatcher({
    globalId: 'taler:alice',
    nativeId: 'alice',
    newContext: () => ({}) as RequestContext,
    readAccount: () => Promise.reject(new Error('not read in these tests')),
    client: () => ({ provider: 'TALER', label: 'Taler' }) as ProviderClient,
    follow,
    pushes: false,
    pollIntervalMs: 100,
    timeoutMs: 1_000,
    logger: pino({ level: 'silent' }),
    onStop: () => undefined,
  });
}

const after = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('AccountWatcher following movements', () => {
  it('backs off a follow that keeps ending at once without a movement (a stream a proxy closes): not a tight loop', async () => {
    let follows = 0;
    const watcher = watcherWith(async function* (_client, _id, from) {
      follows += 1;
      yield { entries: [], position: from ?? '1' };
    });
    watcher.add({ activity: () => undefined });
    await after(1_000);
    watcher.stop();
    // 0 ms, then 100, 200, 400 ms: five follows in a second, not thousands.
    expect(follows).toBeGreaterThanOrEqual(3);
    expect(follows).toBeLessThanOrEqual(6);
  });

  it('tells its subscribers once of a failure that lasts, even when each follow first says where it resumes', async () => {
    let follows = 0;
    const watcher = watcherWith(async function* (_client, _id, from) {
      follows += 1;
      yield { entries: [], position: from ?? '7' };
      throw new GatewayError(ErrorCode.UpstreamError, 'Taler answered with HTTP 503.', { provider: 'TALER' });
    });
    const events: ActivityEvent[] = [];
    watcher.add({ activity: (event) => events.push(event) });
    await after(1_000);
    watcher.stop();
    expect(follows).toBeLessThanOrEqual(6);
    expect(events).toHaveLength(1);
    expect('error' in events[0]! && events[0].error.extensions.code).toBe('UPSTREAM_ERROR');
  });

  it('pauses nothing after one failure, then the poll interval doubling up to a minute', () => {
    expect([0, 1, 2, 3, 4, 20].map((n) => backoff(n, 5_000))).toEqual([0, 0, 5_000, 10_000, 20_000, 60_000]);
  });

  it('tells subscribers once of movements left out, again only after one was read in between', async () => {
    const entry = { id: 'activity:taler:alice:9', amount: '1' } as never;
    const watcher = watcherWith(async function* (_client, _id, _from, { signal }) {
      yield { entries: [], position: '1' };
      yield { entries: [], position: '2', omitted: 1 };
      yield { entries: [], position: '2', omitted: 1 };
      yield { entries: [entry], position: '3' };
      yield { entries: [], position: '4', omitted: 2 };
      await pause(10_000, signal);
    });
    const events: ActivityEvent[] = [];
    watcher.add({ activity: (event) => events.push(event) });
    await after(100);
    watcher.stop();
    expect(events.map((event) => ('error' in event ? event.error.extensions : 'entry'))).toEqual([
      { code: 'UPSTREAM_ERROR', provider: 'TALER', leftOut: 1 },
      'entry',
      { code: 'UPSTREAM_ERROR', provider: 'TALER', leftOut: 2 },
    ]);
  });
});
