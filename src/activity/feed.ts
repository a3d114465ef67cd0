// Activity connections: one account's history, and the feed that merges several accounts newest first with one
// cursor resuming every account where it stopped.
import type { GraphQLResolveInfo } from 'graphql';
import { ErrorCode, GatewayError, badUserInput } from '../errors.js';
import type { RequestContext } from '../context.js';
import { parseActivityId, type ActivityModel, type ActivityPage } from './types.js';
import { splitGlobalId } from '../ids.js';
import { providers } from '../providers/index.js';
import type { ProviderModule } from '../providers/types.js';

/** Page sizes: `first` defaults to 20, at most 100. */
export const DEFAULT_ACTIVITY_PAGE = 20;
export const MAX_ACTIVITY_PAGE = 100;

export interface ActivityEdgeModel {
  cursor: string;
  node: ActivityModel;
}

export interface ActivityConnection {
  edges: ActivityEdgeModel[];
  nodes: ActivityModel[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  incompleteAccountIds: string[];
}

function pageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_ACTIVITY_PAGE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_ACTIVITY_PAGE) throw badUserInput(`first must be 1 to ${MAX_ACTIVITY_PAGE}; got ${size}.`);
  return size;
}

/** The provider's module, or NOT_SUPPORTED when it keeps no per-account history. */
function featureOf(provider: keyof typeof providers) {
  const module: ProviderModule = providers[provider] as unknown as ProviderModule;
  const feature = module.activity;
  if (!feature)
    throw new GatewayError(ErrorCode.NotSupported, `${module.identity.label} keeps no per-account history the gateway can read.`, { provider });
  return feature;
}

/** One page of one account's history through the request's de-duplicated page reads. */
function readPage(ctx: RequestContext, accountId: string, size: number, after: string | undefined): Promise<ActivityPage> {
  const { provider, nativeId } = splitGlobalId(accountId);
  const canonical = providers[provider].parseNativeId(nativeId);
  const feature = featureOf(provider);
  return ctx.activityPage(provider, canonical, size, after, (client) => feature.page(client, canonical, { size, after }));
}

/** `Account.activity(first, after)`: the account's history, newest first. */
export async function accountActivity(
  ctx: RequestContext,
  info: Pick<GraphQLResolveInfo, 'path'>,
  accountId: string,
  args: { first?: number | null; after?: string | null },
): Promise<ActivityConnection> {
  const size = pageSize(args.first);
  const list = `activity:${accountId}`;
  const after = args.after ? ctx.cursors.decode(args.after, list, {}) : undefined;
  const page = await readPage(ctx, accountId, size, after);
  if (page.omitted > 0) ctx.partial.entriesLeftOut(info, splitGlobalId(accountId).provider, page.omitted, 'activity');
  const edges = page.entries.map(({ entry, position }) => ({ cursor: ctx.cursors.encode(list, {}, position), node: entry }));
  return connection(edges, page.hasMore, !!args.after, []);
}

/** Where each account of a feed stands: its provider position, `null` before its first entry, or ended. */
type FeedState = Record<string, string | null | { ended: true }>;

/** `Query.activity(ids, first, after)`: the accounts' histories merged newest first. */
export async function activityFeed(
  ctx: RequestContext,
  info: Pick<GraphQLResolveInfo, 'path'>,
  args: { ids: readonly string[]; first?: number | null; after?: string | null },
): Promise<ActivityConnection> {
  const size = pageSize(args.first);
  const ids = [...new Set(args.ids)];
  const list = 'activityFeed';
  const key = [...ids].sort();
  const state: FeedState = args.after ? decodeState(ctx.cursors.decode(args.after, list, key)) : Object.fromEntries(ids.map((id) => [id, null]));
  const open = ids.filter((id) => !isEnded(state[id]));
  const reads = await Promise.allSettled(open.map(async (id) => readPage(ctx, id, size, (state[id] as string | null) ?? undefined)));

  const incomplete: string[] = [];
  const finished = new Set<string>();
  const candidates: Array<{ accountId: string; entry: ActivityModel; position: string; index: number }> = [];
  const pages = new Map<string, ActivityPage>();
  reads.forEach((read, i) => {
    const accountId = open[i]!;
    if (read.status === 'rejected') {
      const error = toGatewayError(read.reason);
      incomplete.push(accountId);
      ctx.partial.fieldError(info, error);
      // What will never change (no history, no such account, a malformed id) ends the account: the feed goes on
      // without it. A provider failure keeps its place, so the next page tries it again.
      if (FINAL_CODES.has(error.code)) finished.add(accountId);
      return;
    }
    pages.set(accountId, read.value);
    if (read.value.omitted > 0) ctx.partial.entriesLeftOut(info, splitGlobalId(accountId).provider, read.value.omitted, 'activity');
    read.value.entries.forEach((item, index) => candidates.push({ accountId, ...item, index }));
  });

  candidates.sort(newestFirst);
  const taken = candidates.slice(0, size);
  const next: FeedState = { ...state };
  for (const accountId of finished) next[accountId] = { ended: true };
  const consumed = new Map<string, number>();
  const edges = taken.map((item) => {
    next[item.accountId] = item.position;
    consumed.set(item.accountId, item.index + 1);
    return { cursor: ctx.cursors.encode(list, key, encodeState(next)), node: item.entry };
  });
  // An account whose page was all taken and has nothing older is done.
  for (const [accountId, page] of pages) {
    if ((consumed.get(accountId) ?? 0) === page.entries.length && !page.hasMore) next[accountId] = { ended: true };
  }
  const more = ids.some((id) => !isEnded(next[id]));
  const endCursor = more ? ctx.cursors.encode(list, key, encodeState(next)) : (edges.at(-1)?.cursor ?? null);
  const result = connection(edges, more, !!args.after, incomplete);
  result.pageInfo.endCursor = endCursor;
  return result;
}

function connection(edges: ActivityConnection['edges'], hasNextPage: boolean, hasPreviousPage: boolean, incomplete: string[]): ActivityConnection {
  const last = edges.at(-1)?.cursor ?? null;
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    // Never true without a cursor to continue from.
    pageInfo: { hasNextPage: hasNextPage && last !== null, hasPreviousPage, startCursor: edges[0]?.cursor ?? null, endCursor: last },
    incompleteAccountIds: incomplete,
  };
}

/** Newest first; entries of the same instant by account id, then in their page's order, so the order is stable. */
function newestFirst(
  a: { accountId: string; entry: ActivityModel; index: number },
  b: { accountId: string; entry: ActivityModel; index: number },
): number {
  const time = Date.parse(b.entry.occurredAt) - Date.parse(a.entry.occurredAt);
  if (time !== 0 && !Number.isNaN(time)) return time;
  if (a.accountId !== b.accountId) return a.accountId < b.accountId ? -1 : 1;
  return a.index - b.index;
}

/** Failures that another page would meet again. */
const FINAL_CODES = new Set<string>([ErrorCode.NotSupported, ErrorCode.NotFound, ErrorCode.BadUserInput, ErrorCode.ProviderNotConfigured]);

const isEnded = (value: FeedState[string] | undefined): boolean => typeof value === 'object' && value !== null;

const encodeState = (state: FeedState): string => JSON.stringify(state);

function decodeState(text: string): FeedState {
  const parsed = JSON.parse(text) as unknown;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw badUserInput('The cursor is not valid for this feed.');
  return parsed as FeedState;
}

function toGatewayError(reason: unknown): GatewayError {
  if (reason instanceof GatewayError) return reason;
  throw reason;
}

/** `node(id:)` for an activity id: the provider's one-entry read, or NOT_SUPPORTED where it has none. */
export async function activityNode(ctx: RequestContext, id: string): Promise<ActivityModel> {
  const parts = parseActivityId(id);
  if (!parts) throw badUserInput('An activity id looks like `activity:<provider>:<account native id>:<entry id>`.');
  const { provider, nativeId } = splitGlobalId(`${parts.prefix}:${parts.nativeId}`);
  const canonical = providers[provider].parseNativeId(nativeId);
  const feature = featureOf(provider);
  if (!feature.entry)
    throw new GatewayError(ErrorCode.NotSupported, `${providers[provider].identity.label} cannot read one movement by its id.`, { provider });
  return feature.entry(ctx.client(provider), canonical, parts.entryId);
}
