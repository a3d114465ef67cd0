// A libeufin-bank (v0.11.1) Core Bank API simulator: config, account reads, admin and public lists, and its auth quirks.
import type { ProviderSimulator, SimRequest, SimResponse, SimulatorDefinition } from '../../simulation/server.js';
import { basicCredentials, bearerToken } from '../../simulation/server.js';
import { formatGlobalId } from '../../ids.js';
import { TALER_ADMIN_PASSWORD, TALER_CURRENCY, TALER_TOKENS, talerFixtures, type TalerFixture } from './fixtures.js';
import type { WireAccountMinimalData, WirePublicAccount } from './wire.js';

/** `GET /config` as libeufin-bank v0.11.1 serialises it (its `name` differs from the docs' "taler-corebank"). */
const CONFIG = {
  currency: TALER_CURRENCY,
  currency_specification: {
    name: 'Euro',
    num_fractional_input_digits: 2,
    num_fractional_normal_digits: 2,
    num_fractional_trailing_zero_digits: 2,
    alt_unit_names: { '0': '€' },
  },
  bank_name: 'Taler Demo Bank',
  allow_conversion: false,
  allow_registrations: false,
  allow_deletions: false,
  allow_edit_name: false,
  allow_edit_cashout_payto_uri: false,
  default_debit_threshold: `${TALER_CURRENCY}:0`,
  supported_tan_channels: ['sms', 'email'],
  wire_type: 'IBAN',
  name: 'libeufin-bank',
  version: '4:8:0',
};

const DEFAULT_PAGE = -20;

const apiError = (status: number, code: number, hint: string, headers?: Record<string, string>): SimResponse => ({
  status,
  body: { code, hint },
  ...(headers ? { headers } : {}),
});
const unauthorized = (hint: string) => apiError(401, 40, hint);

type Accounts = ReadonlyMap<string, TalerFixture>;

/** The authenticated username, or the error reply libeufin-bank sends. */
function authenticate(request: SimRequest, accounts: Accounts): string | SimResponse {
  const header = request.headers.authorization;
  if (!header) return apiError(401, 25, 'Authorization header not found', { 'www-authenticate': 'Basic' });
  if (/^Basic\s/i.test(header)) {
    const credentials = basicCredentials(request.headers);
    if (!credentials) return apiError(400, 23, 'Malformed Basic auth credentials found in the Authorization header');
    const user = accounts.get(credentials.username);
    if (!user || user.account.status === 'deleted') return unauthorized('Unknown account');
    return user.password === credentials.password ? user.username : unauthorized('Bad password');
  }
  const token = bearerToken(request.headers);
  if (token !== undefined) {
    if (!token.startsWith('secret-token:')) return apiError(400, 23, "Auth token not prefixed with 'secret-token:'");
    return TALER_TOKENS[token]?.username ?? unauthorized('Unknown token');
  }
  return unauthorized('Authorization method wrong or not supported');
}

/** Only `username` itself or admin; v0.11.1 answers 401 (the docs say 403) to anyone else. */
function authorizeFor(request: SimRequest, accounts: Accounts, username: string): SimResponse | undefined {
  const login = authenticate(request, accounts);
  if (typeof login !== 'string') return login;
  if (login === 'admin' || login === username) return undefined;
  return unauthorized(`Customer ${login} have no right on ${username} account`);
}

function authorizeAdmin(request: SimRequest, accounts: Accounts): SimResponse | undefined {
  const login = authenticate(request, accounts);
  if (typeof login !== 'string') return login;
  return login === 'admin' ? undefined : unauthorized('Only administrator allowed');
}

interface Page {
  limit: number;
  offset: number | undefined;
  filterName: string | undefined;
}

/** `limit`/`offset` (docs) or legacy `delta`/`start` (v0.11.1), and `filter_name`. */
function readPage(query: URLSearchParams): Page | SimResponse {
  const limit = readInteger(query, 'limit') ?? readInteger(query, 'delta');
  const offset = readInteger(query, 'offset') ?? readInteger(query, 'start');
  if (typeof limit === 'object') return limit;
  if (typeof offset === 'object') return offset;
  if (limit === 0) return apiError(400, 26, 'Param \'limit\' must be non-zero');
  return { limit: limit ?? DEFAULT_PAGE, offset, filterName: query.get('filter_name') ?? undefined };
}

function readInteger(query: URLSearchParams, name: string): number | SimResponse | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  return /^-?\d{1,15}$/.test(raw) ? Number(raw) : apiError(400, 26, `Param '${name}' not a number`);
}

/** Negative limit: descending row ids below offset (default +∞); positive: ascending above it (default 0). */
function pageOf(rows: readonly TalerFixture[], page: Page): TalerFixture[] {
  const matching = rows.filter((row) => page.filterName === undefined || row.account.name.includes(page.filterName));
  if (page.limit < 0) {
    const below = page.offset ?? Number.POSITIVE_INFINITY;
    return matching.filter((row) => row.rowId < below).sort((a, b) => b.rowId - a.rowId).slice(0, -page.limit);
  }
  const above = page.offset ?? 0;
  return matching.filter((row) => row.rowId > above).sort((a, b) => a.rowId - b.rowId).slice(0, page.limit);
}

function minimal({ username, rowId, account }: TalerFixture): WireAccountMinimalData {
  return {
    username,
    name: account.name,
    payto_uri: account.payto_uri,
    balance: account.balance,
    debit_threshold: account.debit_threshold,
    ...(account.min_cashout ? { min_cashout: account.min_cashout } : {}),
    is_public: account.is_public,
    is_taler_exchange: account.is_taler_exchange,
    row_id: rowId,
    status: account.status ?? 'active',
  };
}

function publicAccount({ username, rowId, account }: TalerFixture): WirePublicAccount {
  return { username, payto_uri: account.payto_uri, balance: account.balance, is_taler_exchange: account.is_taler_exchange, row_id: rowId };
}

/** A list reply: 200 with the items, or 204 with no body when there are none. */
const listReply = (key: string, items: readonly unknown[]): SimResponse => (items.length === 0 ? { status: 204 } : { status: 200, body: { [key]: items } });

export function createTalerSimulator(): SimulatorDefinition {
  const accounts: Accounts = new Map(structuredClone(talerFixtures).map((fixture) => [fixture.username, fixture]));
  return {
    name: 'taler',
    routes: [
      { method: 'GET', path: '/config', handler: () => ({ status: 200, body: CONFIG }) },
      {
        method: 'GET',
        path: '/accounts/:username',
        handler: (request) => {
          const username = request.params.username ?? '';
          const refused = authorizeFor(request, accounts, username);
          if (refused) return refused;
          const found = accounts.get(username);
          return found ? { status: 200, body: found.account } : apiError(404, 5106, `Account '${username}' not found`);
        },
      },
      {
        method: 'GET',
        path: '/accounts',
        handler: (request) => {
          const refused = authorizeAdmin(request, accounts);
          if (refused) return refused;
          const page = readPage(request.query);
          return 'status' in page ? page : listReply('accounts', pageOf([...accounts.values()], page).map(minimal));
        },
      },
      {
        method: 'GET',
        path: '/public-accounts',
        handler: (request) => {
          const page = readPage(request.query);
          if ('status' in page) return page;
          const visible = [...accounts.values()].filter((row) => row.account.is_public && row.account.status !== 'deleted');
          return listReply('public_accounts', pageOf(visible, page).map(publicAccount));
        },
      },
    ],
    notFound: () => apiError(404, 21, 'There is no endpoint defined for the URL provided by the client.'),
  };
}

export const simulator: ProviderSimulator = {
  provider: 'TALER',
  create: createTalerSimulator,
  env: (url) => ({ TALER_URL: url, TALER_USERNAME: 'admin', TALER_PASSWORD: TALER_ADMIN_PASSWORD }),
  sampleIds: talerFixtures.map((fixture) => formatGlobalId('TALER', fixture.username)),
};
