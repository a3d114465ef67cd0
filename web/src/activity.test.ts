// The dashboard's activity rules without a browser: a card's recent movements from a RecentActivity answer, the feed's
// notes (no history versus could not be read), pages appended without duplicates, and how a movement is worded.
import { describe, expect, it } from 'vitest';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import type { ActivityEntryFragment } from '../../client/gql/graphql.js';
import { feedNoteLines, feedNotes, nextFeedState, recentOf, type FeedState } from './activity.js';
import { counterpartyText, when } from './Activity.js';

const transfer = (id: string, amount: string, extra: Partial<ActivityEntryFragment> = {}): ActivityEntryFragment =>
  ({
    __typename: 'TalerTransfer',
    id: `activity:taler:bob:${id}`,
    accountId: 'taler:bob',
    occurredAt: '2026-01-06T15:00:00.000Z',
    direction: amount.startsWith('-') ? 'DEBIT' : 'CREDIT',
    amount,
    asset: { __typename: 'Asset', code: 'EUR', issuer: null, network: null },
    counterparty: 'payto://iban/DE89370400440532013000?receiver-name=Alice+Example',
    description: 'Refund',
    rowId: id,
    counterpartyName: 'Alice Example',
    ...extra,
  }) as ActivityEntryFragment;

const EMPTY: FeedState = { entries: [], notes: [], hasMore: false, loading: true, error: null, pages: 0 };

describe("a card's recent activity", () => {
  it('reads each account by its index, NOT_SUPPORTED as no history, other errors as failures', () => {
    const error = new CombinedGraphQLErrors({
      data: null,
      errors: [
        {
          message: 'Conduit keeps no per-account history the gateway can read.',
          path: ['accounts', 1, 'activity'],
          extensions: { code: 'NOT_SUPPORTED', provider: 'CONDUIT' },
        },
        { message: 'Taler answered with HTTP 500.', path: ['accounts', 2, 'activity'], extensions: { code: 'UPSTREAM_ERROR', provider: 'TALER' } },
      ],
    });
    const recent = recentOf(['taler:bob', 'conduit:acct_1', 'taler:carol'], {
      data: {
        accounts: [
          { id: 'taler:bob', activity: { nodes: [transfer('9', '-0.99999999')], pageInfo: { hasNextPage: true } } },
          { id: 'conduit:acct_1', activity: null },
          { id: 'taler:carol', activity: null },
        ],
      },
      error,
    });
    expect(recent.get('taler:bob')).toMatchObject({ status: 'loaded', hasMore: true, entries: [{ amount: '-0.99999999' }] });
    expect(recent.get('conduit:acct_1')).toStrictEqual({ status: 'none', message: 'Conduit keeps no history.' });
    expect(recent.get('taler:carol')).toStrictEqual({
      status: 'failed',
      error: { message: 'Taler answered with HTTP 500.', code: 'UPSTREAM_ERROR' },
    });
  });

  it('fails every account of a request that got no answer', () => {
    const recent = recentOf(['taler:bob'], { error: new TypeError('Failed to fetch') });
    expect(recent.get('taler:bob')).toStrictEqual({
      status: 'failed',
      error: { message: 'The request to the gateway failed: Failed to fetch', code: 'REQUEST_FAILED' },
    });
  });
});

describe('the merged feed', () => {
  const errors = [
    {
      message: 'Conduit keeps no per-account history the gateway can read.',
      path: ['activity'],
      extensions: { code: 'NOT_SUPPORTED', provider: 'CONDUIT' },
    },
    { message: 'Taler answered with HTTP 503.', path: ['activity'], extensions: { code: 'UPSTREAM_ERROR', provider: 'TALER' } },
  ];

  it("matches each incomplete account to its provider's error: no history is a note, a failure makes the feed partial", () => {
    const notes = feedNotes(['conduit:a', 'taler:bob', 'conduit:b', 'taler:carol'], errors);
    expect(notes.map((note) => [note.accountId, note.code, note.missing])).toStrictEqual([
      ['conduit:a', 'NOT_SUPPORTED', false],
      ['taler:bob', 'UPSTREAM_ERROR', true],
      ['conduit:b', 'NOT_SUPPORTED', false],
      ['taler:carol', 'UPSTREAM_ERROR', true],
    ]);
    expect(feedNoteLines(notes).map((line) => [line.text, line.missing, line.accountIds])).toStrictEqual([
      ['Conduit keeps no history (2 accounts)', false, ['conduit:a', 'conduit:b']],
      ['Taler could not be read (2 accounts)', true, ['taler:bob', 'taler:carol']],
    ]);
  });

  it('appends the next page below the first, an entry already shown never twice, and keeps the notes of every page', () => {
    const first = nextFeedState(EMPTY, {
      data: {
        activity: {
          edges: [transfer('14', '5'), transfer('9', '-0.99999999')].map((node, i) => ({ cursor: `c${i}`, node })),
          incompleteAccountIds: ['taler:carol'],
          pageInfo: { hasNextPage: true, endCursor: 'c1' },
        },
      },
      error: new CombinedGraphQLErrors({ data: null, errors: [errors[1]!] }),
    });
    expect(first.cursor).toBe('c1');
    expect(first.state).toMatchObject({ hasMore: true, loading: false, pages: 1, error: null });
    const second = nextFeedState(first.state, {
      data: {
        activity: {
          edges: [transfer('9', '-0.99999999'), transfer('2', '0.00000001')].map((node, i) => ({ cursor: `d${i}`, node })),
          incompleteAccountIds: [],
          pageInfo: { hasNextPage: false, endCursor: 'd1' },
        },
      },
    });
    expect(second.state.entries.map((entry) => [entry.id.split(':').at(-1), entry.amount])).toStrictEqual([
      ['14', '5'],
      ['9', '-0.99999999'],
      ['2', '0.00000001'],
    ]);
    expect(second.state).toMatchObject({ hasMore: false, pages: 2 });
    expect(second.state.notes.map((note) => note.accountId)).toStrictEqual(['taler:carol']);
  });

  it('keeps what it has when a page fails as a whole, with the error and the same cursor to try again', () => {
    const failed = nextFeedState({ ...EMPTY, entries: [transfer('14', '5')], pages: 1, hasMore: true }, { error: new TypeError('Failed to fetch') });
    expect(failed.cursor).toBeNull();
    expect(failed.state).toMatchObject({ pages: 1, hasMore: true, loading: false, error: { code: 'REQUEST_FAILED' } });
    expect(failed.state.entries).toHaveLength(1);
  });
});

describe('a movement as words', () => {
  it('names the other side briefly: Taler by name, Stellar keys by their ends, payto URIs by account', () => {
    expect(counterpartyText(transfer('1', '5'))).toBe('Alice Example');
    expect(counterpartyText(transfer('1', '5', { counterpartyName: null }))).toBe('DE89370400440532013000');
    const key = 'GBXV6JL5PXRFSZ5SZZSJNJRFYSAGKD2HUIFXFNFH5AJKFBL2GBEKQZZS';
    expect(counterpartyText({ ...transfer('1', '5'), __typename: 'StellarPayment', counterparty: key } as ActivityEntryFragment)).toBe('GBXV…QZZS');
    expect(
      counterpartyText({ ...transfer('1', '5'), __typename: 'InterledgerStreamPayment', counterparty: 'test.bob' } as ActivityEntryFragment),
    ).toBe('test.bob');
    expect(counterpartyText({ ...transfer('1', '5'), __typename: 'MidazOperation', counterparty: null } as ActivityEntryFragment)).toBeNull();
  });

  it('writes times to the minute in UTC, the same on every machine', () => {
    expect(when('2026-01-06T18:00:00.000Z')).toBe('2026-01-06 18:00 UTC');
    expect(when('2024-05-01T00:06:00Z')).toBe('2024-05-01 00:06 UTC');
    expect(when('not a date')).toBe('not a date');
  });
});
