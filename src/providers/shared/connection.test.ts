// The one PageInfo rule and the connection builder every list uses: cursors signed per list and arguments, ends and left-out entries.
import { describe, expect, it } from 'vitest';
import { CursorCodec } from '../../cursor.js';
import { GatewayError } from '../../errors.js';
import { PartialResults } from '../../partialResults.js';
import { openPage, pageInfo } from './connection.js';

const edges = (...cursors: string[]) => cursors.map((cursor) => ({ cursor }));

describe('pageInfo', () => {
  it.each([
    [
      'the first page, more to come',
      edges('a', 'b'),
      { after: false, more: true },
      { hasNextPage: true, hasPreviousPage: false, startCursor: 'a', endCursor: 'b' },
    ],
    [
      'a page after a cursor, the last',
      edges('c'),
      { after: true, more: false },
      { hasNextPage: false, hasPreviousPage: true, startCursor: 'c', endCursor: 'c' },
    ],
    [
      'an empty first page',
      edges(),
      { after: false, more: false },
      { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    ],
    [
      'an empty page after a cursor',
      edges(),
      { after: true, more: false },
      { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null },
    ],
    [
      'a page whose last entries were left out',
      edges('a'),
      { after: false, more: true, endCursor: 'z' },
      { hasNextPage: true, hasPreviousPage: false, startCursor: 'a', endCursor: 'z' },
    ],
    [
      '“more” with nothing to continue from',
      edges(),
      { after: true, more: true },
      { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null },
    ],
    [
      '“more” with an explicit null end',
      edges('a'),
      { after: false, more: true, endCursor: null },
      { hasNextPage: false, hasPreviousPage: false, startCursor: 'a', endCursor: null },
    ],
  ])('describes %s', (_what, given, page, expected) => {
    expect(pageInfo(given, page)).toEqual(expected);
  });
});

describe('openPage', () => {
  const cursors = new CursorCodec('unit-test-secret-unit-test-secret');
  const list = { provider: 'TALER' as const, name: 'talerAccounts', signed: { filterName: 'a' }, maxSize: 10 };
  const INFO = { path: { prev: undefined, key: 'talerAccounts', typename: 'Query' } };
  const refusal = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(GatewayError);
      return (error as GatewayError).code;
    }
    throw new Error('expected a refusal');
  };

  it('checks `first` and decodes `after` against the list and its arguments', () => {
    const page = openPage({ cursors }, list, { first: 3 }, INFO);
    expect(page.size).toBe(3);
    expect(page.after).toBeUndefined();
    expect(openPage({ cursors }, list, { after: page.cursor('42') }).after).toBe('42');
    expect(openPage({ cursors }, list, {}).size).toBe(10);
    expect(refusal(() => openPage({ cursors }, list, { first: 11 }))).toBe('BAD_USER_INPUT');
    expect(refusal(() => openPage({ cursors }, { ...list, signed: { filterName: 'b' } }, { after: page.cursor('42') }))).toBe('BAD_USER_INPUT');
    expect(refusal(() => openPage({ cursors }, { ...list, name: 'stellarAccounts' }, { after: page.cursor('42') }))).toBe('BAD_USER_INPUT');
  });

  it('builds the connection: nodes are the edges’ nodes, the end moves past left-out entries, which are reported at the list’s path', () => {
    const partial = new PartialResults(() => 'Taler');
    const page = openPage({ cursors, partial }, list, { first: 2, after: openPage({ cursors }, list, {}).cursor('1') }, INFO);
    const connection = page.connection([{ cursor: page.cursor('2'), node: 'two' }], { more: true, endPosition: '3', leftOut: 1 });
    expect(connection.nodes).toEqual(['two']);
    expect(connection.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: true, startCursor: page.cursor('2'), endCursor: page.cursor('3') });
    expect(partial.errors).toEqual([
      expect.objectContaining({
        path: ['talerAccounts'],
        extensions: expect.objectContaining({ code: 'UPSTREAM_ERROR', provider: 'TALER', leftOut: 1 }),
      }),
    ]);
  });

  it('reports nothing when no entry was left out', () => {
    const partial = new PartialResults(() => 'Taler');
    openPage({ cursors, partial }, list, {}, INFO).connection([], { more: false, leftOut: 0 });
    expect(partial.errors).toEqual([]);
  });
});
