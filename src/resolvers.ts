// Root resolvers (parse → loader → return), the Account/Node type resolution, and the scalars.
import type { AccountModel } from './providers/models.js';
import type { AccountProvider, Resolvers } from './generated/resolvers-types.js';
import { BigIntScalar, DateTimeScalar, DecimalScalar } from './scalars.js';
import { badUserInput } from './errors.js';

const TYPENAMES = {
  INTERLEDGER: 'InterledgerAccount',
  STELLAR: 'StellarAccount',
  TALER: 'TalerAccount',
  CONDUIT: 'ConduitAccount',
  MIDAZ: 'MidazAccount',
} as const satisfies Record<AccountProvider, string>;

const resolveAccountType = (account: AccountModel) => TYPENAMES[account.provider];

export function createCoreResolvers(maxIds: number): Resolvers {
  const checkCount = (ids: readonly string[]) => {
    if (ids.length > maxIds) throw badUserInput(`At most ${maxIds} ids may be asked for at once; got ${ids.length}.`);
  };
  return {
    Query: {
      account: (_root, { id }, ctx) => ctx.loadAccount(id),
      accounts: (_root, { ids }, ctx) => {
        checkCount(ids);
        return ids.map((id) => ctx.loadAccount(id));
      },
      node: (_root, { id }, ctx) => ctx.loadAccount(id),
      nodes: (_root, { ids }, ctx) => {
        checkCount(ids);
        return ids.map((id) => ctx.loadAccount(id));
      },
    },
    Account: { __resolveType: resolveAccountType },
    Node: { __resolveType: resolveAccountType },
    Decimal: DecimalScalar,
    BigInt: BigIntScalar,
    DateTime: DateTimeScalar,
  };
}
