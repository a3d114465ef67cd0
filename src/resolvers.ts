// Root resolvers (parse → loader → return), the Account/Node type resolution, and the scalars.
import type { AccountModel } from './providers/models.js';
import type { AccountProvider, Resolvers } from './generated/resolvers-types.js';
import { BigIntScalar, DateTimeScalar, DecimalScalar } from './scalars.js';
import { badUserInput } from './errors.js';
import { maybeCacheControlFromInfo } from '@apollo/cache-control-types';
import type { GraphQLResolveInfo } from 'graphql';
import { splitGlobalId } from './ids.js';
import { identityOf } from './providers/index.js';
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

export function createCoreResolvers(maxIds: number, cacheSeconds: CacheSeconds = {}): Resolvers {
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
        hint(info, [id]);
        return ctx.loadAccount(id, selectionOf(info));
      },
      nodes: (_root, { ids }, ctx, info) => {
        checkCount(ids);
        hint(info, ids);
        const selects = selectionOf(info);
        return ids.map((id) => ctx.loadAccount(id, selects));
      },
    },
    Account: { __resolveType: resolveAccountType },
    Node: { __resolveType: resolveAccountType },
    Decimal: DecimalScalar,
    BigInt: BigIntScalar,
    DateTime: DateTimeScalar,
  };
}
