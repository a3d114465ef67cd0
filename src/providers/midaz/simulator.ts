// A Midaz v3.8 ledger simulator: account, account-list and balances routes with Midaz's error bodies, cursor pages and bearer auth.
import { bearerToken, type ProviderSimulator, type SimRequest, type SimResponse, type SimulatorDefinition } from '../../simulation/server.js';
import { MIDAZ_SAMPLE_IDS, midazFixtures, type MidazFixtureAccount } from './fixtures.js';
import { UUID_PATTERN, type WireAccount, type WireBalance } from './wire.js';

/** The bearer token the demo simulator accepts (a stand-in for an Access Manager JWT). */
export const MIDAZ_DEMO_TOKEN = 'midaz-demo-token-7f3c9a';

const PREFIX = '/v1/organizations/:organization_id/ledgers/:ledger_id';
const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 100;

export interface MidazSimulatorOptions {
  /** When set, every request must carry `Authorization: Bearer <token>` (the auth plugin is on). */
  token?: string;
  /** Seed data instead of the fixtures (tests use it for long balance lists). */
  accounts?: readonly MidazFixtureAccount[];
}

const error = (status: number, code: string, title: string, message: string): SimResponse => ({ status, body: { code, title, message } });

const notFound = (): SimResponse =>
  error(404, '0007', 'Entity Not Found', 'No entity was found for the given ID. Please make sure to use the correct ID for the entity you are trying to manage.');

const invalidPath = (names: readonly string[]): SimResponse =>
  error(400, '0065', 'Invalid Path Parameter', `One or more path parameters are in an incorrect format. Please check the following parameters ${names.join(', ')} and ensure they meet the required format before trying again.`);

const invalidQuery = (name: string): SimResponse =>
  error(400, '0082', 'Invalid Query Parameter', `One or more query parameters are in an incorrect format. Please check the following parameters '${name}' and ensure they meet the required format before trying again.`);

const limitExceeded = (): SimResponse =>
  error(400, '0080', 'Pagination Limit Exceeded', `The pagination limit exceeds the maximum allowed of ${MAX_LIMIT} items per page. Please verify the limit and try again.`);

/** The account as the server serialises it: `metadata` is left out when empty. */
function present(account: WireAccount): WireAccount {
  const { metadata, ...rest } = account;
  return metadata && Object.keys(metadata).length > 0 ? { ...rest, metadata } : rest;
}

/** Names of the path parameters that are not UUIDs, in route order. */
function badPathIds(params: SimRequest['params']): string[] {
  return Object.entries(params)
    .filter(([, value]) => value !== undefined && !UUID_PATTERN.test(value))
    .map(([name]) => name);
}

/** `limit` as the ledger reads it: default 10, 1..100, anything else refused. */
function readLimit(query: URLSearchParams): number | SimResponse {
  const raw = query.get('limit');
  if (raw === null) return DEFAULT_LIMIT;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) return invalidQuery('limit');
  return Number(raw) > MAX_LIMIT ? limitExceeded() : Number(raw);
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

/** One cursor page of balances, oldest first: `next_cursor` only when more follow, `prev_cursor` only after the first page. */
function balancePage(balances: readonly WireBalance[], query: URLSearchParams): SimResponse {
  const limit = readLimit(query);
  if (typeof limit !== 'number') return limit;
  const cursor = query.get('cursor');
  let start = 0;
  if (cursor !== null) {
    const after = decodeCursor(cursor);
    const index = balances.findIndex((b) => b.id === after);
    if (index < 0) return invalidQuery('cursor');
    start = index + 1;
  }
  const items = balances.slice(start, start + limit);
  const last = items.at(-1);
  const more = start + limit < balances.length;
  return {
    status: 200,
    body: {
      items,
      limit,
      ...(more && last ? { next_cursor: encodeCursor(last.id) } : {}),
      ...(start > 0 && items[0] ? { prev_cursor: encodeCursor(items[0].id) } : {}),
    },
  };
}

export function createMidazSimulator(options: MidazSimulatorOptions = {}): SimulatorDefinition {
  // Oldest first, as the ledger sorts by default (UUIDv7 ids are time-ordered).
  const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
  const accounts: MidazFixtureAccount[] = structuredClone([...(options.accounts ?? midazFixtures)])
    .map((entry) => ({ account: entry.account, balances: entry.balances.sort(byId) }))
    .sort((a, b) => byId(a.account, b.account));

  const inLedger = (params: SimRequest['params']): MidazFixtureAccount[] | undefined => {
    const found = accounts.filter(
      ({ account }) => account.organizationId === params.organization_id?.toLowerCase() && account.ledgerId === params.ledger_id?.toLowerCase(),
    );
    return found.length > 0 ? found : undefined;
  };

  const findAccount = (params: SimRequest['params']): MidazFixtureAccount | undefined =>
    inLedger(params)?.find(({ account }) => account.id === params.account_id?.toLowerCase() && !account.deletedAt);

  /** Checks the path ids, then answers from the account they name (404 when there is none). */
  const withAccount = (handle: (entry: MidazFixtureAccount, request: SimRequest) => SimResponse) => (request: SimRequest): SimResponse => {
    const bad = badPathIds(request.params);
    if (bad.length > 0) return invalidPath(bad);
    const entry = findAccount(request.params);
    return entry ? handle(entry, request) : notFound();
  };

  const listAccounts = (request: SimRequest): SimResponse => {
    const bad = badPathIds(request.params);
    if (bad.length > 0) return invalidPath(bad);
    const ledger = inLedger(request.params);
    if (!ledger) return notFound();
    const limit = readLimit(request.query);
    if (typeof limit !== 'number') return limit;
    const pageText = request.query.get('page') ?? '1';
    if (!/^\d+$/.test(pageText) || Number(pageText) < 1) return invalidQuery('page');
    const page = Number(pageText);
    const live = ledger.filter(({ account }) => !account.deletedAt);
    const items = live.slice((page - 1) * limit, page * limit).map(({ account }) => present(account));
    return { status: 200, body: { items, page, limit } };
  };

  return {
    name: 'midaz',
    routes: [
      { method: 'GET', path: `${PREFIX}/accounts`, handler: listAccounts },
      { method: 'GET', path: `${PREFIX}/accounts/:account_id`, handler: withAccount(({ account }) => ({ status: 200, body: present(account) })) },
      { method: 'GET', path: `${PREFIX}/accounts/:account_id/balances`, handler: withAccount(({ balances }, request) => balancePage(balances, request.query)) },
    ],
    authorize: (request) => {
      if (options.token === undefined) return undefined;
      const token = bearerToken(request.headers);
      if (token === undefined) {
        return error(401, '0041', 'Token Missing', 'A valid token must be provided in the request header. Please include a token and try again.');
      }
      if (token !== options.token) {
        return error(401, '0042', 'Invalid Token', 'The provided token is expired, invalid or malformed. Please provide a valid token and try again.');
      }
      return undefined;
    },
    // Fiber's answer to a path no route knows: plain text, not a Midaz error body.
    notFound: (request) => ({ status: 404, body: `Cannot ${request.method} ${request.url.split('?')[0] ?? '/'}`, headers: { 'content-type': 'text/plain; charset=utf-8' } }),
  };
}

export const simulator: ProviderSimulator = {
  provider: 'MIDAZ',
  create: () => createMidazSimulator({ token: MIDAZ_DEMO_TOKEN }),
  env: (url) => ({ MIDAZ_URL: url, MIDAZ_TOKEN: MIDAZ_DEMO_TOKEN }),
  sampleIds: MIDAZ_SAMPLE_IDS,
};
