// The dashboard's live-update rules without a browser: the WebSocket URL, the waits between tries, what the indicator
// says, which ids are followed and in which groups, live movements on top of those read, and a connection that
// cannot open ending "off" after its tries, with a fresh start on retry().
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { ApolloLink } from '@apollo/client/link';
import type { ActivityEntryFragment, AccountCardFragment } from '../../client/gql/graphql.js';
import { LiveConnection, liveText, liveUrl, retryDelay, TRIES_BEFORE_CONNECTED, type LiveStatus } from './live.js';
import { chunks, followedIds, groupsOf, withLive } from './liveData.js';
import type { AccountSlot } from './accounts.js';

const entry = (id: string, accountId = 'taler:bob'): ActivityEntryFragment => ({ id, accountId }) as ActivityEntryFragment;
const loaded = (id: string, capabilities: string[]): AccountSlot =>
  ({
    status: 'loaded',
    id,
    provider: null,
    account: { id, capabilities } as unknown as AccountCardFragment,
    leftOutBalances: 0,
    notes: [],
  }) as AccountSlot;

describe('live updates: the rules', () => {
  it('opens ws:// or wss:// on the page’s own host and port', () => {
    expect(liveUrl({ protocol: 'http:', host: '127.0.0.1:4000' })).toBe('ws://127.0.0.1:4000/graphql');
    expect(liveUrl({ protocol: 'https:', host: 'gateway.example.com' })).toBe('wss://gateway.example.com/graphql');
  });

  it('waits 0.5 s, 1 s, 2 s, 4 s, then 8 s between tries, with at most a quarter more', () => {
    expect([0, 1, 2, 3, 4, 9].map((n) => retryDelay(n, () => 0))).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
    expect(retryDelay(0, () => 1)).toBe(625);
  });

  it('says each status in a word for the eye and a sentence for screen readers', () => {
    expect(liveText('connected').label).toBe('Live');
    expect(liveText('reconnecting').detail).toContain('may be out of date');
    expect(liveText('off')).toEqual({
      label: 'Live updates off',
      detail: 'Live updates are off: the figures shown are as read when the page loaded. Reload to read them again.',
    });
  });

  it('follows read accounts by the id the gateway returned, and movements only where the account has ACTIVITY', () => {
    const slots: AccountSlot[] = [
      loaded('taler:bob', ['ACTIVITY', 'LIVE_UPDATES']),
      loaded('conduit:acct_2fvietuCNSu8unMNLsEGBrDTVFn', ['LIVE_UPDATES']),
      { status: 'loading', id: 'stellar:G', provider: 'STELLAR' },
      { status: 'failed', id: 'midaz:x', provider: 'MIDAZ', error: { message: 'no', code: 'NOT_FOUND' }, missing: true },
      loaded('taler:bob', ['ACTIVITY']),
    ];
    expect(followedIds(slots)).toEqual({ accounts: ['conduit:acct_2fvietuCNSu8unMNLsEGBrDTVFn', 'taler:bob'], activity: ['taler:bob'] });
  });

  it('groups ids by provider, at most 100 to a subscription', () => {
    expect(groupsOf(['taler:a', 'stellar:G1', 'taler:b'])).toEqual(['taler:a\ntaler:b', 'stellar:G1']);
    const many = Array.from({ length: 205 }, (_, i) => `taler:u${i}`);
    expect(chunks(many).map((chunk) => chunk.length)).toEqual([100, 100, 5]);
    expect(groupsOf(many)).toHaveLength(3);
  });

  it('puts live movements on top of those read, each once, and keeps a card to its count', () => {
    const read = [entry('3'), entry('2'), entry('1')];
    expect(withLive(read, []).map((e) => e.id)).toEqual(['3', '2', '1']);
    expect(withLive(read, [entry('5'), entry('4'), entry('3')]).map((e) => e.id)).toEqual(['5', '4', '3', '2', '1']);
    expect(withLive(read, [entry('5'), entry('4')], 3).map((e) => e.id)).toEqual(['5', '4', '3']);
  });
});

describe('live updates: the connection', () => {
  it('says connecting, reconnecting, then off when the socket can never open; retry() starts over', async () => {
    // A server that answers every upgrade 404, as the gateway does with LIVE_UPDATES=false.
    const server = createServer((_req, res) => res.writeHead(404).end());
    server.on('upgrade', (_req, socket) => socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    // graphql-ws and Apollo's link use the global WebSocket, as in a browser: the `ws` package stands in for it here on
    // every Node version (Node 22's own closes a refused handshake differently; Chromium's is the browser test's).
    const original = (globalThis as { WebSocket?: unknown }).WebSocket;
    Object.assign(globalThis, { WebSocket });
    const live = new LiveConnection(`ws://127.0.0.1:${port}/graphql`);
    const seen: LiveStatus[] = [live.status];
    live.subscribe(() => seen.push(live.status));
    try {
      let ended: unknown;
      const operation = { query: parse('subscription { accountUpdated(ids: ["taler:bob"]) { id } }'), variables: {} };
      const subscription = ApolloLink.execute(live.link, operation, { client: {} as never }).subscribe({ error: (error) => (ended = error) });
      const deadline = Date.now() + 10_000;
      while (live.status !== 'off' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(live.status).toBe('off');
      expect(seen[0]).toBe('idle');
      expect(seen).toContain('connecting');
      expect(seen).toContain('reconnecting');
      expect(seen.at(-1)).toBe('off');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(ended).toBeDefined();
      subscription.unsubscribe();
      expect(TRIES_BEFORE_CONNECTED).toBe(3);
      const generation = live.generation;
      live.retry();
      expect(live.status).toBe('idle');
      expect(live.generation).toBe(generation + 1);
    } finally {
      live.dispose();
      server.close();
      if (original === undefined) delete (globalThis as { WebSocket?: unknown }).WebSocket;
      else Object.assign(globalThis, { WebSocket: original });
    }
  }, 15_000);
});
