// A Conduit 2024-12-01 simulator: account and client-account lookups with its auth, error bodies and amount style.
import { addDecimals, normalizeDecimal } from '../shared/decimal.js';
import { publicAccountId } from '../shared/ids.js';
import type { ProviderSimulator, SimHandler, SimRequest, SimResponse, SimulatorDefinition } from '../shared/server.js';
import { ACCOUNT_ID, CLIENT_ID, type Account, type AssetAmount, type ErrorResponse } from './api.js';
import { FIXTURE_ACCOUNTS, FIXTURE_CLIENTS, MANY_ACCOUNTS, type FixtureClient } from './fixtures.js';

const DEMO_API_KEY = 'demo-conduit-key';
const DEMO_API_SECRET = 'demo-conduit-secret';

const ASSET = /^[A-Z][A-Z0-9]{1,11}$/;
const NETWORK = /^[a-z][a-z0-9-]{0,31}$/;
const AMOUNT = /^\d{1,30}(\.\d{1,6})?$/;

/** Conduit's error body (the same shape for 400, 401, 403, 404, 429, 500). */
function failure(status: number, code: string, detail: string): SimResponse {
  const body: ErrorResponse = { errors: [{ detail, code }] };
  return { status, body };
}

/** The docs' amount style: six fractional digits ("150.320000"), and a bare "0" for zero. */
export function conduitAmount(value: string): string {
  const canonical = normalizeDecimal(value);
  if (canonical === '0') return '0';
  const [whole = '0', fraction = ''] = canonical.split('.');
  return `${whole}.${fraction.padEnd(6, '0')}`;
}

function renderAmounts(available: readonly AssetAmount[]): AssetAmount[] {
  return available.map((entry) => ({ ...entry, amount: conduitAmount(entry.amount) }));
}

/** Totals per asset, network and country, in order of first appearance. */
function totals(available: readonly AssetAmount[]): AssetAmount[] {
  const groups = new Map<string, { first: AssetAmount; amounts: string[] }>();
  for (const entry of available) {
    const key = `${entry.asset}|${entry.network ?? ''}|${entry.country ?? ''}`;
    const group = groups.get(key) ?? { first: entry, amounts: [] };
    group.amounts.push(entry.amount);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ first, amounts }) => ({ ...first, amount: conduitAmount(addDecimals(amounts)) }));
}

function create(extraAccounts: readonly Account[] = []): SimulatorDefinition {
  const accounts = new Map<string, Account>([...FIXTURE_ACCOUNTS, ...MANY_ACCOUNTS, ...extraAccounts].map((a) => [a.id, structuredClone(a)]));
  const clients = new Map<string, FixtureClient>(FIXTURE_CLIENTS.map((c) => [c.id, structuredClone(c)]));

  const clientAccounts = (client: FixtureClient): Account[] => client.accountIds.flatMap((id) => accounts.get(id) ?? []);

  function lookupClient(request: SimRequest): FixtureClient | SimResponse {
    const id = request.params.id ?? '';
    if (!CLIENT_ID.test(id)) return failure(400, 'invalid_request', `id must match ${CLIENT_ID.source}`);
    return clients.get(id) ?? failure(404, 'not_found', 'Client not found');
  }

  function getAccount(request: SimRequest): SimResponse {
    const id = request.params.id ?? '';
    if (!ACCOUNT_ID.test(id)) return failure(400, 'invalid_request', `id must match ${ACCOUNT_ID.source}`);
    const account = accounts.get(id);
    if (!account) return failure(404, 'not_found', 'Account not found');
    return {
      status: 200,
      body: { id: account.id, balances: { available: renderAmounts(account.balances.available) }, createdAt: account.createdAt },
    };
  }

  function listClientAccounts(request: SimRequest): SimResponse {
    const client = lookupClient(request);
    if ('status' in client) return client;
    const owned = clientAccounts(client);
    const data = owned.map((account) => ({
      id: client.id,
      accountId: account.id,
      balances: { available: renderAmounts(account.balances.available) },
      businessLegalName: client.businessLegalName,
    }));
    return { status: 200, body: { data, totalBalances: { available: totals(owned.flatMap((a) => a.balances.available)) } } };
  }

  function getClientAccount(request: SimRequest): SimResponse {
    const client = lookupClient(request);
    if ('status' in client) return client;
    const [account] = clientAccounts(client);
    if (!account) return failure(404, 'not_found', 'Account not found');
    return {
      status: 200,
      body: {
        id: account.id,
        clientId: client.id,
        businessLegalName: client.businessLegalName,
        balances: { available: renderAmounts(account.balances.available) },
      },
    };
  }

  /**
   * `POST /__simulator/balances` (the simulator's own, no API key): `{ accountId, asset, network?, amount }` sets the
   * account's available balance of that asset (and network) to `amount`, a non-negative decimal string with at most
   * six fractional digits, adding the balance when the account has none; 200 with the account as `GET /accounts/{id}`
   * answers it, 400 for a bad body, 404 for an unknown account.
   */
  function setBalance(request: SimRequest): SimResponse {
    const input = request.body;
    if (input === null || typeof input !== 'object' || Array.isArray(input)) {
      return failure(400, 'invalid_request', 'body must be a JSON object { accountId, asset, network?, amount }');
    }
    const { accountId, asset, network, amount } = input as Record<string, unknown>;
    if (typeof accountId !== 'string' || !ACCOUNT_ID.test(accountId))
      return failure(400, 'invalid_request', `accountId must match ${ACCOUNT_ID.source}`);
    if (typeof asset !== 'string' || !ASSET.test(asset))
      return failure(400, 'invalid_request', 'asset must be an asset code such as "USD" or "USDC"');
    if (network !== undefined && network !== null && (typeof network !== 'string' || !NETWORK.test(network))) {
      return failure(400, 'invalid_request', 'network, when given, must be a network name such as "ethereum" or "tron"');
    }
    if (typeof amount !== 'string') return failure(400, 'invalid_request', 'amount must be a decimal string (not a JSON number)');
    if (!AMOUNT.test(amount))
      return failure(400, 'invalid_request', `amount must be a non-negative decimal with at most 6 fractional digits; got "${amount}"`);
    const account = accounts.get(accountId);
    if (!account) return failure(404, 'not_found', 'Account not found');
    const onNetwork = typeof network === 'string' ? network : undefined;
    const existing = account.balances.available.find((entry) => entry.asset === asset && (entry.network ?? undefined) === onNetwork);
    if (existing) existing.amount = normalizeDecimal(amount);
    else account.balances.available.push({ asset, ...(onNetwork ? { network: onNetwork } : {}), amount: normalizeDecimal(amount) });
    return getAccount({ ...request, params: { id: accountId } });
  }

  return {
    name: 'conduit',
    routes: [
      { method: 'GET', path: '/accounts/:id', handler: getAccount },
      { method: 'GET', path: '/clients/:id/accounts', handler: listClientAccounts },
      { method: 'GET', path: '/clients/:id/account', handler: getClientAccount },
      { method: 'POST', path: '/__simulator/balances', handler: setBalance },
    ],
    // 401 uses the BadRequest error schema, as the API documents. The simulator's own routes need no key.
    authorize: (request) =>
      (request.url.split('?')[0] ?? '').startsWith('/__simulator/') ||
      (request.headers['x-api-key'] === DEMO_API_KEY && request.headers['x-api-secret'] === DEMO_API_SECRET)
        ? undefined
        : failure(401, 'unauthorized', 'Missing or invalid X-API-Key / X-API-Secret'),
    notFound: () => failure(404, 'not_found', 'Not found'),
  };
}

export const simulator: ProviderSimulator = {
  provider: 'CONDUIT',
  create: () => create(),
  env: (url) => ({ CONDUIT_URL: url, CONDUIT_API_KEY: DEMO_API_KEY, CONDUIT_API_SECRET: DEMO_API_SECRET }),
  sampleIds: FIXTURE_ACCOUNTS.map((account) => publicAccountId('conduit', account.id)),
};

export interface ConduitSimulatorOptions {
  /** Extra deterministic accounts beyond the fixtures (ids `acct_2Gen` + 23 digits), for load runs. */
  generatedAccounts?: number;
  /** Delay inside each handler, so it counts toward the requests in flight (unlike a latency fault). */
  latencyMs?: number;
  /** Most requests in flight; beyond it the simulator answers 429 with `Retry-After: 1`, as Conduit's rate limit does. */
  maxConcurrent?: number;
}

/** What a load-run simulator saw: requests in flight now and at peak, and how many it refused with 429. */
export interface ConduitSimulatorStats {
  inFlight: number;
  peakInFlight: number;
  rateLimited: number;
}

export interface ConduitLoadSimulator extends SimulatorDefinition {
  stats: ConduitSimulatorStats;
  /** Global ids of the generated accounts, in order. */
  generatedIds: readonly string[];
}

/** The id of the n-th generated account: deterministic, and matching `acct_[A-Za-z0-9]{27}`. */
export const generatedAccountId = (n: number): string => `acct_2Gen${String(n).padStart(23, '0')}`;

function generatedAccount(n: number): Account {
  return {
    id: generatedAccountId(n),
    balances: {
      available: [
        { asset: 'USD', amount: `${n}.250000` },
        { asset: 'USDC', network: 'base', amount: '1.000000' },
      ],
    },
    createdAt: '2025-07-01T00:00:00.000Z',
  };
}

/** A Conduit simulator for load runs: more accounts, in-handler latency and a concurrency limit answered with 429. */
export function createConduitSimulator(options: ConduitSimulatorOptions = {}): ConduitLoadSimulator {
  const extra = Array.from({ length: options.generatedAccounts ?? 0 }, (_, n) => generatedAccount(n));
  const definition = create(extra);
  const stats: ConduitSimulatorStats = { inFlight: 0, peakInFlight: 0, rateLimited: 0 };
  const routes = definition.routes.map((route) => ({ ...route, handler: limited(route.handler, options, stats) }));
  return { ...definition, routes, stats, generatedIds: extra.map((a) => publicAccountId('conduit', a.id)) };
}

function limited(handler: SimHandler, options: ConduitSimulatorOptions, stats: ConduitSimulatorStats): SimHandler {
  return async (request) => {
    stats.inFlight += 1;
    stats.peakInFlight = Math.max(stats.peakInFlight, stats.inFlight);
    try {
      if (options.maxConcurrent !== undefined && stats.inFlight > options.maxConcurrent) {
        stats.rateLimited += 1;
        return { ...failure(429, 'rate_limited', 'Too many requests'), headers: { 'retry-after': '1' } };
      }
      if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
      return await handler(request);
    } finally {
      stats.inFlight -= 1;
    }
  };
}
