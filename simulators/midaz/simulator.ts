// A Midaz v3.8 ledger simulator with state: account reads, the filtered account list, create/update/soft delete, balances (with the
// overdraft fields and the computed position block), each account's operations and transfers recording new ones
// (operations.ts), Midaz's error bodies and bearer auth.
import { randomBytes } from 'node:crypto';
import { addDecimals, isZeroDecimal, negate } from '../shared/decimal.js';
import { bearerToken, type ProviderSimulator, type SimRequest, type SimResponse, type SimulatorDefinition } from '../shared/server.js';
import { readCreateBody, readUpdateBody } from './bodies.js';
import { midazErrors } from './errors.js';
import {
  MIDAZ_SAMPLE_IDS,
  midazFixtures,
  midazPayoutFixtures,
  uuidV7,
  type MidazAccountBody,
  type MidazBalanceBody,
  type MidazFixtureAccount,
} from './fixtures.js';
import { UUID, type CreateAccountInput, type UpdateAccountInput } from './inputs.js';
import { createOperationBook } from './operations.js';
import { matches, readAccountQuery, readLimit } from './query.js';

/** The bearer token the demo simulator accepts (a stand-in for an Access Manager JWT). */
export const MIDAZ_DEMO_TOKEN = 'midaz-demo-token-7f3c9a';

const PREFIX = '/v1/organizations/:organization_id/ledgers/:ledger_id';

export interface MidazSimulatorOptions {
  /** When set, every request must carry `Authorization: Bearer <token>` (the auth plugin is on). */
  token?: string;
  /** Seed data instead of the fixtures and the payouts ledger (tests use it for long balance lists). */
  accounts?: readonly MidazFixtureAccount[];
  /** The clock of created and updated accounts (tests pin it). */
  now?: () => Date;
}

/** The account as the server serialises it: `metadata` is left out when empty. */
function present(account: MidazAccountBody): MidazAccountBody {
  const { metadata, ...rest } = account;
  return metadata && Object.keys(metadata).length > 0 ? { ...rest, metadata } : rest;
}

/** Names of the path parameters that are not UUIDs, in route order. */
function badPathIds(params: SimRequest['params']): string[] {
  return Object.entries(params)
    .filter(([, value]) => value !== undefined && !UUID.test(value))
    .map(([name]) => name);
}

const encodeCursor = (id: string): string => Buffer.from(JSON.stringify({ id, points_next: true })).toString('base64url');

function decodeCursor(cursor: string): string | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const id = (value as { id?: unknown } | null)?.id;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The balance with the `position` block Balance.MarshalJSON adds (pkg/mmodel/balance_position.go): available −
 * overdraftUsed; the overdraft headroom "0" when overdraft is off, limit − used when capped, omitted when unlimited.
 */
export function withPosition(balance: MidazBalanceBody): MidazBalanceBody & { position: Record<string, string> } {
  const settings = balance.settings;
  const used = negate(balance.overdraftUsed);
  const position: Record<string, string> = { available: addDecimals([balance.available, used]), onHold: balance.onHold };
  if (!settings?.allowOverdraft) position.overdraftLimitAvailable = '0';
  else if (settings.overdraftLimitEnabled) position.overdraftLimitAvailable = addDecimals([settings.overdraftLimit ?? '0', used]);
  return { ...balance, position };
}

/**
 * One cursor page of balances, oldest first: `next_cursor` only when more follow, `prev_cursor` only after the first
 * page; `items` is null when the page is empty (Go's nil slice, as Midaz serialises it).
 */
function balancePage(balances: readonly MidazBalanceBody[], query: URLSearchParams): SimResponse {
  const limit = readLimit(query);
  if (typeof limit !== 'number') return limit;
  const cursor = query.get('cursor');
  let start = 0;
  if (cursor !== null) {
    const after = decodeCursor(cursor);
    const index = balances.findIndex((b) => b.id === after);
    if (index < 0) return midazErrors.invalidQuery('cursor');
    start = index + 1;
  }
  const items = balances.slice(start, start + limit);
  const last = items.at(-1);
  const more = start + limit < balances.length;
  return {
    status: 200,
    body: {
      items: items.length > 0 ? items.map(withPosition) : null,
      limit,
      ...(more && last ? { next_cursor: encodeCursor(last.id) } : {}),
      ...(start > 0 && items[0] ? { prev_cursor: encodeCursor(items[0].id) } : {}),
    },
  };
}

/** Oldest first, as the ledger sorts by default: by creation time, then id (UUIDv7 ids are time-ordered). */
const byCreation = (a: MidazAccountBody, b: MidazAccountBody): number => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

/** JSON merge patch of flat metadata: null removes a key. */
function mergeMetadata(current: Record<string, unknown> | null | undefined, patch: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

const ledgerKey = (organizationId: string, ledgerId: string): string => `${organizationId.toLowerCase()}/${ledgerId.toLowerCase()}`;

export function createMidazSimulator(options: MidazSimulatorOptions = {}): SimulatorDefinition {
  const now = options.now ?? (() => new Date());
  const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
  const accounts: MidazFixtureAccount[] = structuredClone([...(options.accounts ?? [...midazFixtures, ...midazPayoutFixtures])])
    .map((entry) => ({ account: entry.account, balances: entry.balances.sort(byId) }))
    .sort((a, b) => byId(a.account, b.account));
  /** Each ledger's assets, as far as the seed tells: an account can only be created for one of them. */
  const ledgers = new Map<string, Set<string>>();
  for (const { account } of accounts) {
    const key = ledgerKey(account.organizationId, account.ledgerId);
    ledgers.set(key, (ledgers.get(key) ?? new Set()).add(account.assetCode));
  }
  let sequence = 0n;
  const newId = (): string => uuidV7(now().getTime(), (sequence++ << 40n) | BigInt(`0x${randomBytes(5).toString('hex')}`));
  const operations = createOperationBook(accounts);

  const inLedger = (params: SimRequest['params']): MidazFixtureAccount[] | undefined => {
    if (!ledgers.has(ledgerKey(params.organization_id ?? '', params.ledger_id ?? ''))) return undefined;
    return accounts.filter(
      ({ account }) =>
        account.organizationId === params.organization_id?.toLowerCase() &&
        account.ledgerId === params.ledger_id?.toLowerCase() &&
        !account.deletedAt,
    );
  };

  const findAccount = (params: SimRequest['params']): MidazFixtureAccount | undefined =>
    inLedger(params)?.find(({ account }) => account.id === params.account_id?.toLowerCase());

  /** Checks the path ids, then answers from the live account they name (`missing` when there is none). */
  const withAccount =
    (handle: (entry: MidazFixtureAccount, request: SimRequest) => SimResponse, missing = midazErrors.entityNotFound) =>
    (request: SimRequest): SimResponse => {
      const bad = badPathIds(request.params);
      if (bad.length > 0) return midazErrors.invalidPath(bad);
      const entry = findAccount(request.params);
      return entry ? handle(entry, request) : missing();
    };

  const listAccounts = (request: SimRequest): SimResponse => {
    const bad = badPathIds(request.params);
    if (bad.length > 0) return midazErrors.invalidPath(bad);
    const ledger = inLedger(request.params);
    if (!ledger) return midazErrors.entityNotFound();
    const read = readAccountQuery(request.query);
    if (!read.ok) return read.response;
    const { query } = read;
    const { limit, page, descending } = query;
    const found = ledger
      .map(({ account }) => account)
      .filter((account) => matches(account, query))
      .sort(byCreation);
    if (descending) found.reverse();
    const items = found.slice((page - 1) * limit, page * limit).map(present);
    // A metadata filter goes through the metadata store first: a page it finds nothing for is 404 0064 (v3.8
    // get_all_metadata_accounts.go); any other empty page is `items: null` (a nil slice).
    if (items.length === 0 && query.metadata) return midazErrors.noAccountsFound();
    return { status: 200, body: { items: items.length > 0 ? items : null, page, limit } };
  };

  const createAccount = (request: SimRequest): SimResponse => {
    const bad = badPathIds(request.params);
    if (bad.length > 0) return midazErrors.invalidPath(bad);
    const checked = readCreateBody(request.body);
    if (!checked.ok) return checked.response;
    const organizationId = (request.params.organization_id ?? '').toLowerCase();
    const ledgerId = (request.params.ledger_id ?? '').toLowerCase();
    const assets = ledgers.get(ledgerKey(organizationId, ledgerId));
    if (!assets) return midazErrors.ledgerIdNotFound();
    const input: CreateAccountInput = checked.value;
    if (!assets.has(input.assetCode)) return midazErrors.assetCodeNotFound();
    const live = inLedger(request.params) ?? [];
    if (input.parentAccountId) {
      const parent = live.find(({ account }) => account.id === input.parentAccountId?.toLowerCase());
      if (!parent) return midazErrors.invalidParentAccountId();
      if (parent.account.assetCode !== input.assetCode) return midazErrors.mismatchedAssetCode();
    }
    if (input.alias && live.some(({ account }) => account.alias === input.alias)) return midazErrors.aliasUnavailable(input.alias);
    const id = newId();
    const at = now().toISOString();
    const account: MidazAccountBody = {
      id,
      name: input.name ?? '',
      parentAccountId: input.parentAccountId?.toLowerCase() ?? null,
      entityId: input.entityId ?? null,
      assetCode: input.assetCode,
      organizationId,
      ledgerId,
      portfolioId: input.portfolioId?.toLowerCase() ?? null,
      segmentId: input.segmentId?.toLowerCase() ?? null,
      status: { code: input.status?.code || 'ACTIVE', description: input.status?.description ?? null },
      alias: input.alias || id,
      type: input.type,
      blocked: input.blocked ?? false,
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
      metadata: input.metadata ?? {},
    };
    const defaultBalance: MidazBalanceBody = {
      id: newId(),
      organizationId,
      ledgerId,
      accountId: id,
      alias: account.alias,
      key: 'default',
      assetCode: account.assetCode,
      available: '0',
      onHold: '0',
      version: 1,
      accountType: account.type,
      allowSending: true,
      allowReceiving: true,
      direction: account.type === 'external' ? 'debit' : 'credit',
      overdraftUsed: '0',
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
    };
    accounts.push({ account, balances: [defaultBalance] });
    return { status: 201, body: present(account) };
  };

  const updateAccount = withAccount((entry, request) => {
    const checked = readUpdateBody(request.body);
    if (!checked.ok) return checked.response;
    if (entry.account.type === 'external') return midazErrors.externalAccount();
    const input: UpdateAccountInput = checked.value;
    const account = entry.account;
    if (input.name) account.name = input.name;
    if (input.portfolioId) account.portfolioId = input.portfolioId.toLowerCase();
    if (input.segmentId) account.segmentId = input.segmentId.toLowerCase();
    if (input.entityId) account.entityId = input.entityId;
    if (input.status?.code) account.status = { code: input.status.code, description: input.status.description ?? null };
    if (input.blocked !== undefined && input.blocked !== null) account.blocked = input.blocked;
    if (input.metadata) account.metadata = mergeMetadata(account.metadata, input.metadata);
    account.updatedAt = now().toISOString();
    return { status: 200, body: present(account) };
  }, midazErrors.accountIdNotFound);

  const deleteAccount = withAccount((entry) => {
    if (entry.account.type === 'external') return midazErrors.externalAccount();
    if (entry.balances.some((b) => !b.deletedAt && (!isZeroDecimal(b.available) || !isZeroDecimal(b.onHold)))) return midazErrors.balanceDeletion();
    const at = now().toISOString();
    entry.account.deletedAt = at;
    for (const b of entry.balances) b.deletedAt = at;
    return { status: 204 };
  }, midazErrors.accountIdNotFound);

  /**
   * `GET …/accounts/{id}/operations`: Midaz checks no account here, so an unknown (or deleted) account lists nothing
   * (`items: []`), as FindAllByAccount answers an empty result.
   */
  const listOperations = (request: SimRequest): SimResponse => {
    const bad = badPathIds(request.params);
    if (bad.length > 0) return midazErrors.invalidPath(bad);
    const entry = findAccount(request.params);
    if (entry) return operations.list(entry, request.query, now());
    const limit = readLimit(request.query);
    return typeof limit === 'number' ? { status: 200, body: { items: [], limit } } : limit;
  };

  const readOperation = (request: SimRequest): SimResponse => {
    const bad = badPathIds(request.params);
    if (bad.length > 0) return midazErrors.invalidPath(bad);
    const entry = findAccount(request.params);
    return entry ? operations.one(entry, request.params.operation_id) : operations.one({ account: { id: '' }, balances: [] } as never, undefined);
  };

  const recordTransaction = (request: SimRequest): SimResponse => {
    const bad = badPathIds(request.params);
    if (bad.length > 0) return midazErrors.invalidPath(bad);
    const ledger = inLedger(request.params);
    if (!ledger) return midazErrors.ledgerIdNotFound();
    return operations.record(ledger, request, now(), newId);
  };

  return {
    name: 'midaz',
    routes: [
      { method: 'GET', path: `${PREFIX}/accounts`, handler: listAccounts },
      { method: 'POST', path: `${PREFIX}/accounts`, handler: createAccount },
      { method: 'GET', path: `${PREFIX}/accounts/:account_id`, handler: withAccount(({ account }) => ({ status: 200, body: present(account) })) },
      { method: 'PATCH', path: `${PREFIX}/accounts/:account_id`, handler: updateAccount },
      { method: 'DELETE', path: `${PREFIX}/accounts/:account_id`, handler: deleteAccount },
      { method: 'GET', path: `${PREFIX}/accounts/:account_id/operations`, handler: listOperations },
      { method: 'GET', path: `${PREFIX}/accounts/:account_id/operations/:operation_id`, handler: readOperation },
      { method: 'POST', path: `${PREFIX}/transactions/json`, handler: recordTransaction },
      {
        method: 'GET',
        path: `${PREFIX}/accounts/:account_id/balances`,
        handler: withAccount(({ balances }, request) =>
          balancePage(
            balances.filter((b) => !b.deletedAt),
            request.query,
          ),
        ),
      },
    ],
    authorize: (request) => {
      if (options.token === undefined) return undefined;
      const token = bearerToken(request.headers);
      if (token === undefined) return midazErrors.tokenMissing();
      return token === options.token ? undefined : midazErrors.invalidToken();
    },
    // Fiber's answer to a path no route knows: plain text, not a Midaz error body.
    notFound: (request) => ({
      status: 404,
      body: `Cannot ${request.method} ${request.url.split('?')[0] ?? '/'}`,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    }),
  };
}

export const simulator: ProviderSimulator = {
  provider: 'MIDAZ',
  create: () => createMidazSimulator({ token: MIDAZ_DEMO_TOKEN }),
  env: (url) => ({ MIDAZ_URL: url, MIDAZ_TOKEN: MIDAZ_DEMO_TOKEN }),
  sampleIds: MIDAZ_SAMPLE_IDS,
};
