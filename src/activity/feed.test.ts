// The merged activity feed over fake histories: order across accounts and pages, one cursor resuming every account,
// failures listed and retried, accounts without history ended, each page read once per request.
import { describe, expect, it } from 'vitest';
import { activityFeed, accountActivity } from './feed.js';
import { CursorCodec } from '../cursor.js';
import { PartialResults } from '../partialResults.js';
import { ErrorCode, GatewayError } from '../errors.js';
import type { ActivityModel, ActivityPage } from './types.js';
import type { RequestContext } from '../context.js';
import type { AccountProvider } from '../generated/resolvers-types.js';

/** A history: entries newest first, with a time in minutes for each. */
function history(accountId: string, minutes: number[]): ActivityModel[] {
  return minutes.map((minute, i) => ({
    __typename: 'TalerTransfer',
    id: `activity:${accountId}:${i}`,
    accountId,
    occurredAt: new Date(Date.UTC(2026, 10, 1, 0, minute)).toISOString(),
    direction: 'CREDIT',
    amount: `${minute}.5`,
    asset: { code: 'EUR', issuer: null, network: null },
    counterparty: null,
    description: null,
  }));
}

function fakeContext(histories: Record<string, ActivityModel[] | Error>) {
  const calls: string[] = [];
  const partial = new PartialResults(() => 'Taler');
  const cursors = new CursorCodec('a-test-secret-of-at-least-32-characters');
  const pages = new Map<string, Promise<ActivityPage>>();
  const ctx = {
    cursors,
    partial,
    client: () => ({}),
    activityPage: (
      provider: AccountProvider,
      nativeId: string,
      size: number,
      after: string | undefined,
      load: (client: never) => Promise<ActivityPage>,
    ) => {
      const key = JSON.stringify([provider, nativeId, size, after]);
      if (!pages.has(key)) pages.set(key, load({} as never));
      return pages.get(key)!;
    },
  } as unknown as RequestContext;
  return { ctx, calls, partial, histories };
}

// The feed reads pages through the Taler module's activity feature: stub it for these tests.
import { providers } from '../providers/index.js';
function stubTaler(histories: Record<string, ActivityModel[] | Error>, calls: string[]) {
  (providers.TALER as { activity?: unknown }).activity = {
    page: async (_client: unknown, nativeId: string, { size, after }: { size: number; after?: string }): Promise<ActivityPage> => {
      calls.push(`${nativeId}@${after ?? 'start'}`);
      const found = histories[`taler:${nativeId}`];
      if (found instanceof Error) throw found;
      const all = found ?? [];
      const start = after === undefined ? 0 : Number(after) + 1;
      const slice = all.slice(start, start + size);
      return { entries: slice.map((entry, i) => ({ entry, position: String(start + i) })), hasMore: start + size < all.length, omitted: 0 };
    },
  };
}

const info = { path: { key: 'activity', prev: undefined, typename: 'Query' } } as never;

describe('activityFeed', () => {
  it('merges newest first across accounts and pages, one cursor resuming each account where it stopped', async () => {
    const histories = { 'taler:alice': history('taler:alice', [50, 40, 30, 20, 10]), 'taler:bob': history('taler:bob', [45, 35, 5]) };
    const calls: string[] = [];
    stubTaler(histories, calls);
    const seen: string[] = [];
    let after: string | null | undefined;
    for (let page = 0; page < 10; page++) {
      const { ctx } = fakeContext(histories);
      const result = await activityFeed(ctx, info, { ids: ['taler:alice', 'taler:bob', 'taler:alice'], first: 3, after });
      seen.push(...result.nodes.map((node) => node.amount));
      if (!result.pageInfo.hasNextPage) break;
      after = result.pageInfo.endCursor;
    }
    expect(seen).toEqual(['50.5', '45.5', '40.5', '35.5', '30.5', '20.5', '10.5', '5.5']);
    // The same id twice is read once per page.
    expect(calls.filter((call) => call === 'alice@start')).toHaveLength(1);
  });

  it('lists a failing account, keeps the others, and tries it again on the next page', async () => {
    const histories: Record<string, ActivityModel[] | Error> = {
      'taler:alice': history('taler:alice', [50, 40]),
      'taler:bob': new GatewayError(ErrorCode.UpstreamError, 'Taler answered with HTTP 503.', { provider: 'TALER' }),
    };
    stubTaler(histories, []);
    const { ctx, partial } = fakeContext(histories);
    const result = await activityFeed(ctx, info, { ids: ['taler:alice', 'taler:bob'], first: 5 });
    expect(result.nodes.map((node) => node.amount)).toEqual(['50.5', '40.5']);
    expect(result.incompleteAccountIds).toEqual(['taler:bob']);
    expect(partial.errors.map((error) => error.extensions.code)).toEqual(['UPSTREAM_ERROR']);
    expect(result.pageInfo.hasNextPage).toBe(true);
    histories['taler:bob'] = history('taler:bob', [45]);
    const next = await activityFeed(fakeContext(histories).ctx, info, {
      ids: ['taler:alice', 'taler:bob'],
      first: 5,
      after: result.pageInfo.endCursor,
    });
    expect(next.nodes.map((node) => node.amount)).toEqual(['45.5']);
    expect(next.pageInfo.hasNextPage).toBe(false);
  });

  it('ends an account that will never have history (NOT_SUPPORTED) instead of paging forever', async () => {
    const histories: Record<string, ActivityModel[] | Error> = {
      'taler:alice': history('taler:alice', [50]),
      'taler:carol': new GatewayError(ErrorCode.NotSupported, 'no history', { provider: 'TALER' }),
    };
    stubTaler(histories, []);
    const result = await activityFeed(fakeContext(histories).ctx, info, { ids: ['taler:alice', 'taler:carol'], first: 5 });
    expect(result.incompleteAccountIds).toEqual(['taler:carol']);
    expect(result.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses a cursor made for other ids, and first outside 1 to 100', async () => {
    const histories = { 'taler:alice': history('taler:alice', [50, 40]) };
    stubTaler(histories, []);
    const first = await activityFeed(fakeContext(histories).ctx, info, { ids: ['taler:alice'], first: 1 });
    await expect(
      activityFeed(fakeContext(histories).ctx, info, { ids: ['taler:bob'], first: 1, after: first.pageInfo.endCursor }),
    ).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
    await expect(activityFeed(fakeContext(histories).ctx, info, { ids: ['taler:alice'], first: 0 })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
    await expect(accountActivity(fakeContext(histories).ctx, info, 'taler:alice', { first: 101 })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});
