// The Midaz provider module: native id rules, per-request loaders for accounts and balances, and lazy-field resolvers.
import type { MidazBalance, Resolvers } from '../../generated/resolvers-types.js';
import { ErrorCode } from '../../errors.js';
import { withLeftOut } from '../../partialResults.js';
import type { ProviderClient } from '../../upstream/client.js';
import { readEntries, readWire, type Entries } from '../../upstream/wire.js';
import { createLoader, type SourceOptions } from '../batch.js';
import type { ProviderModule } from '../types.js';
import { toBalances, toMidazAccount, toMidazBalance } from './mapping.js';
import type { MidazAccountModel, MidazSource } from './model.js';
import { accountPath } from './paths.js';
import { parseMidazNativeId } from './nativeId.js';
import { listAccounts } from './lists.js';
import { createAccount, deleteAccount, updateAccount } from './mutations.js';
import { BALANCE_AMOUNTS, BALANCE_PAGE_FIELDS, entriesAt, parseExactJson, strictWhenPresent, wireAccountSchema, wireBalancePageSchema, wireBalanceSchema } from './wire.js';

export { parseMidazNativeId };

/** Balances asked for per page: the ledger's maximum. */
export const BALANCE_PAGE_LIMIT = 100;
/** A cursor chain longer than this is a misbehaving server, not an account (100 × 100 balance keys). */
const MAX_BALANCE_PAGES = 100;

const ACCOUNT_ROUTE = 'GET /v1/organizations/{organization_id}/ledgers/{ledger_id}/accounts/{id}';
const BALANCES_ROUTE = 'GET /v1/organizations/{organization_id}/ledgers/{ledger_id}/accounts/{id}/balances';

async function fetchAccount(client: ProviderClient, nativeId: string): Promise<MidazAccountModel> {
  const { body, fetchedAt } = await client.fetch(accountPath(nativeId), { parse: parseExactJson });
  const account = toMidazAccount(readWire(client, wireAccountSchema, body, ACCOUNT_ROUTE));
  if (account.nativeId !== nativeId) {
    throw client.error(ErrorCode.UpstreamError, 'Midaz answered with a different account than the one asked for.');
  }
  return { ...account, fetchedAt };
}

/**
 * Every page of the account's balances, following `next_cursor` until the last page. A page whose `items` is null
 * (Go's nil slice: an empty page) or a 204 has no entries; each entry is read on its own, so one that cannot be read
 * exactly (a missing or inexact amount) is left out and counted, never the whole list. A page without `items`, or
 * whose `items` or `next_cursor` cannot be read, refuses the list (UPSTREAM_ERROR): its length could not be known.
 */
async function fetchBalances(client: ProviderClient, nativeId: string): Promise<Entries<MidazBalance>> {
  const pageReader = strictWhenPresent(client, BALANCE_PAGE_FIELDS);
  const entryReader = strictWhenPresent(entriesAt(client, 'items[]'), BALANCE_AMOUNTS);
  const entries: MidazBalance[] = [];
  let omitted = 0;
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (let page = 0; page < MAX_BALANCE_PAGES; page += 1) {
    const query: Record<string, string> = { limit: String(BALANCE_PAGE_LIMIT), ...(cursor ? { cursor } : {}) };
    const body = await client.get([...accountPath(nativeId), 'balances'], { query, parse: parseExactJson });
    const wire = body === undefined ? { items: null, next_cursor: undefined } : readWire(pageReader, wireBalancePageSchema, body, BALANCES_ROUTE);
    const read = readEntries(entryReader, wireBalanceSchema, wire.items ?? [], BALANCES_ROUTE);
    entries.push(...read.entries.map(toMidazBalance));
    omitted += read.omitted;
    cursor = wire.next_cursor || undefined;
    if (!cursor) return { entries, omitted };
    if (seen.has(cursor)) break;
    seen.add(cursor);
  }
  throw client.error(ErrorCode.UpstreamError, 'Midaz sent a list of balances that never ends.');
}

function createSource(client: ProviderClient, options?: SourceOptions): MidazSource {
  const accounts = createLoader((key) => fetchAccount(client, key), options);
  const balances = createLoader((key) => fetchBalances(client, key), options);
  return {
    account: (nativeId) => accounts.load(nativeId),
    prime: (account) => void accounts.prime(account.nativeId, account),
    balances: (nativeId) => balances.load(nativeId),
    replace: (account) => void accounts.clear(account.nativeId).prime(account.nativeId, account),
    forget: (nativeId) => {
      accounts.clear(nativeId);
      balances.clear(nativeId);
    },
  };
}

const resolvers: Resolvers = {
  Query: {
    midazAccounts: (_root, args, ctx, info) => listAccounts(ctx, args, info),
  },
  Mutation: {
    midazAccountCreate: (_root, args, ctx) => ctx.idempotent('midazAccountCreate', args.idempotencyKey, args.input, () => createAccount(ctx, args)),
    midazAccountUpdate: (_root, args, ctx) => updateAccount(ctx, args),
    midazAccountDelete: (_root, args, ctx) => deleteAccount(ctx, args),
  },
  MidazAccount: {
    balances: async (account, _args, ctx, info) => withLeftOut(ctx.partial, info, 'MIDAZ', toBalances(await ctx.source('MIDAZ').balances(account.nativeId))),
    ledgerBalances: async (account, _args, ctx, info) => withLeftOut(ctx.partial, info, 'MIDAZ', await ctx.source('MIDAZ').balances(account.nativeId)),
  },
};

export const midaz: ProviderModule<MidazSource> = {
  provider: 'MIDAZ',
  parseNativeId: parseMidazNativeId,
  createSource,
  resolvers,
  lazyFields: { typename: 'MidazAccount', fields: ['balances', 'ledgerBalances'], prefetch: (source, nativeId) => source.balances(nativeId) },
};
