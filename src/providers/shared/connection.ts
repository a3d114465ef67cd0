// Relay connections for every provider's list: the one PageInfo rule, signed cursors, and entries left out of a page.
import { maybeCacheControlFromInfo } from '@apollo/cache-control-types';
import type { GraphQLResolveInfo } from 'graphql';
import { pageSize, type CursorCodec } from '../../cursor.js';
import type { AccountProvider, PageInfo } from '../../generated/resolvers-types.js';
import type { PartialResults } from '../../partialResults.js';

export interface Edge<N> {
  cursor: string;
  node: N;
}

/** A connection with its nodes as models (assignable to each generated `…Connection` type through the codegen mappers). */
export interface Connection<N> {
  edges: Array<Edge<N>>;
  nodes: N[];
  pageInfo: PageInfo;
}

/** The paging arguments of every list: the gateway pages forward only. */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** What a list is, for its cursors and its errors. */
export interface ListSpec {
  provider: AccountProvider;
  /** Signed into every cursor, so a cursor of one list is refused by another. */
  name: string;
  /** The arguments a cursor is valid with (filters, parent ids), canonical: a cursor made with others is refused. */
  signed: object;
  /** The largest `first`. */
  maxSize: number;
}

/** How a page ends, as the provider's answer tells. */
export interface PageEnd {
  /** Entries follow the page (or may: a provider without totals sent a full page). */
  more: boolean;
  /**
   * The position the page ends at when it lies past the last edge (an entry at the end was left out): the next page
   * then starts past it. Default: the last edge's position.
   */
  endPosition?: string;
  /** Entries of this page the gateway could not read: recorded as an error at the list's path, with `extensions.leftOut`. */
  leftOut?: number;
}

/** One page asked of a list: checked arguments, and the builder of its connection. */
export interface ListPage {
  /** Entries asked for: `first` within 1..maxSize, or the default. */
  readonly size: number;
  /** The position the `after` cursor holds; undefined on the first page. */
  readonly after: string | undefined;
  /** The cursor of a position of this list, under these arguments. */
  cursor(position: string): string;
  connection<N>(edges: Array<Edge<N>>, end: PageEnd): Connection<N>;
}

/** What a list needs of its request: the cursor codec, and where fields answered in part are recorded. */
export interface ListRequest {
  readonly cursors: CursorCodec;
  readonly partial?: PartialResults;
}

/**
 * The one PageInfo rule. Lists page forward only (`first`/`after`), which Relay's cursor connections spec allows:
 *
 * - `hasPreviousPage` is true exactly when the page was asked for with `after`. The gateway hands out a cursor only for a
 *   position of the list, so entries lie before it; the spec lets forward paging answer true when the server can tell
 *   so cheaply, and a signed cursor makes that free for every provider (none of them can count what lies before a
 *   position, and a count would change as entries come and go). The first page says false.
 * - `hasNextPage` is true only when more entries follow and an `endCursor` exists to ask for them: it never leads nowhere.
 * - `startCursor` is the first edge's cursor; `endCursor` the end position's (past entries left out at the end), else the last edge's.
 */
export function pageInfo(edges: ReadonlyArray<{ cursor: string }>, page: { after: boolean; more: boolean; endCursor?: string | null }): PageInfo {
  const endCursor = page.endCursor === undefined ? (edges.at(-1)?.cursor ?? null) : page.endCursor;
  return {
    hasNextPage: page.more && endCursor !== null,
    hasPreviousPage: page.after,
    startCursor: edges[0]?.cursor ?? null,
    endCursor,
  };
}

/**
 * Opens one page of a list: `first` checked, then `after` decoded (both BAD_USER_INPUT, before any call). `info` is the
 * list field's, where entries left out are reported; without it (unit tests) nothing is reported.
 */
export function openPage(request: ListRequest, list: ListSpec, args: PageArgs, info?: Pick<GraphQLResolveInfo, 'path'>): ListPage {
  const size = pageSize(args.first, list.maxSize);
  const after = args.after === null || args.after === undefined ? undefined : request.cursors.decode(args.after, list.name, list.signed);
  const cursor = (position: string) => request.cursors.encode(list.name, list.signed, position);
  return {
    size,
    after,
    cursor,
    connection(edges, end) {
      if (end.leftOut && info && request.partial) request.partial.entriesLeftOut(info, list.provider, end.leftOut, 'account');
      return {
        edges,
        nodes: edges.map((edge) => edge.node),
        pageInfo: pageInfo(edges, {
          after: after !== undefined,
          more: end.more,
          endCursor: end.endPosition === undefined ? undefined : cursor(end.endPosition),
        }),
      };
    },
  };
}

/** Lists hold data read for this caller now: never cached, never shared (a lookup's hint cannot make them so). */
export function uncached(info: GraphQLResolveInfo): void {
  maybeCacheControlFromInfo(info)?.setCacheHint({ maxAge: 0, scope: 'PRIVATE' });
}

/** Ascending code-point order of strings (locale-independent, so pages are stable). */
export const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Paging in the gateway, for providers that answer a whole list at once: the items strictly after a position, in a list
 * sorted by `keyOf`. A page stays put when items come or go before it, and a position that no longer exists still works.
 * `before`/`more` say whether items lie on either side (`more` is the page's `PageEnd.more`).
 */
export function pageAfter<T>(
  sorted: readonly T[],
  keyOf: (item: T) => string,
  after: string | undefined,
  size: number,
): { items: T[]; before: boolean; more: boolean } {
  const start = after === undefined ? 0 : sorted.findIndex((item) => keyOf(item) > after);
  const from = start < 0 ? sorted.length : start;
  return { items: sorted.slice(from, from + size), before: from > 0, more: from + size < sorted.length };
}
