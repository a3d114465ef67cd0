// Root resolvers (parse → loader → return), the Account/Node type resolution, and the scalars.
import type { AccountModel } from './providers/models.js';
import type { AccountCapability, AccountProvider, Resolvers } from './generated/resolvers-types.js';
import { BigIntScalar, DateTimeScalar, DecimalScalar } from './scalars.js';
import { badUserInput } from './errors.js';
import { maybeCacheControlFromInfo } from '@apollo/cache-control-types';
import type { GraphQLResolveInfo } from 'graphql';
import { splitGlobalId } from './ids.js';
import { identityOf, providers } from './providers/index.js';
import type { ProviderModule } from './providers/types.js';
import type { ActivityModel } from './activity/types.js';
import { accountActivity, activityFeed, activityNode } from './activity/feed.js';
import type { RequestContext } from './context.js';
import { selectedFieldNames } from './selection.js';

/** The fields selected on each account type below this root field, worked out once per type. */
function selectionOf(info: GraphQLResolveInfo): (typename: string) => ReadonlySet<string> {
  const byType = new Map<string, ReadonlySet<string>>();
  return (typename) => {
    let names = byType.get(typename);
    if (!names) byType.set(typename, (names = selectedFieldNames(info, typename)));
    return names;
  };
}

/** Whole seconds each provider's responses may be cached (0 or absent: not at all). */
export type CacheSeconds = Partial<Record<AccountProvider, number>>;

/** An account's GraphQL type: its provider's (ProviderIdentity.typename). */
const resolveAccountType = (account: AccountModel) => identityOf(account.provider).typename;

/** A node is an account, or an activity entry (its `__typename` is its provider's activity type). */
const resolveNodeType = (node: AccountModel | ActivityModel) =>
  '__typename' in node && typeof node.__typename === 'string' && node.id.startsWith('activity:')
    ? node.__typename
    : resolveAccountType(node as AccountModel);

/**
 * What an account supports: ACTIVITY with an activity feature, LIVE_UPDATES where the gateway serves subscriptions
 * (every provider can be followed: streamed, long-polled or polled), and the module's own capabilities.
 */
function capabilitiesOf(provider: AccountProvider, live: boolean): AccountCapability[] {
  const module = providers[provider] as unknown as ProviderModule;
  return [...(module.activity ? (['ACTIVITY'] as const) : []), ...(live ? (['LIVE_UPDATES'] as const) : []), ...(module.capabilities ?? [])];
}

/** `capabilities` and `activity` on every account type, the same for all. */
function accountTypeFields(live: boolean): Resolvers {
  const fields = {
    capabilities: (account: AccountModel) => capabilitiesOf(account.provider, live),
    activity: (account: AccountModel, args: { first?: number | null; after?: string | null }, ctx: RequestContext, info: GraphQLResolveInfo) => {
      uncachedHint(info);
      return accountActivity(ctx, info, account.id, args);
    },
  };
  return Object.fromEntries(Object.values(providers).map((module) => [module.identity.typename, fields])) as Resolvers;
}

/** Activity is never cached by clients or proxies: it grows with every movement. */
const uncachedHint = (info: GraphQLResolveInfo) => maybeCacheControlFromInfo(info)?.setCacheHint({ maxAge: 0, scope: 'PRIVATE' });

/** The core resolvers; `live`: the gateway serves subscriptions (accounts then say LIVE_UPDATES). */
export function createCoreResolvers(maxIds: number, cacheSeconds: CacheSeconds = {}, live = true): Resolvers {
  /** A private Cache-Control hint: as long as the least cacheable provider asked for allows. */
  const hint = (info: GraphQLResolveInfo, ids: readonly string[]) => {
    const ages = ids.map((id) => {
      try {
        return cacheSeconds[splitGlobalId(id).provider] ?? 0;
      } catch {
        return 0;
      }
    });
    maybeCacheControlFromInfo(info)?.setCacheHint({ maxAge: Math.min(...ages, Number.MAX_SAFE_INTEGER), scope: 'PRIVATE' });
  };
  const checkCount = (ids: readonly string[]) => {
    if (ids.length > maxIds) throw badUserInput(`At most ${maxIds} ids may be asked for at once; got ${ids.length}.`);
  };
  return {
    Query: {
      account: (_root, { id }, ctx, info) => {
        hint(info, [id]);
        return ctx.loadAccount(id, selectionOf(info));
      },
      accounts: (_root, { ids }, ctx, info) => {
        checkCount(ids);
        hint(info, ids);
        const selects = selectionOf(info);
        return ids.map((id) => ctx.loadAccount(id, selects));
      },
      node: (_root, { id }, ctx, info) => {
        if (id.startsWith('activity:')) return activityNode(ctx, id) as never;
        hint(info, [id]);
        return ctx.loadAccount(id, selectionOf(info));
      },
      activity: (_root, args, ctx, info) => {
        uncachedHint(info);
        return activityFeed(ctx, info, args);
      },
      nodes: (_root, { ids }, ctx, info) => {
        checkCount(ids);
        hint(info, ids);
        const selects = selectionOf(info);
        return ids.map((id) => (id.startsWith('activity:') ? (activityNode(ctx, id) as never) : ctx.loadAccount(id, selects)));
      },
    },
    Account: { __resolveType: resolveAccountType },
    Node: { __resolveType: resolveNodeType as never },
    AccountActivity: { __resolveType: (entry) => entry.__typename as never },
    ...accountTypeFields(live),
    Decimal: DecimalScalar,
    BigInt: BigIntScalar,
    DateTime: DateTimeScalar,
  };
}
