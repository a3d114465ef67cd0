// A libeufin-bank (v0.11.1) Core Bank API simulator: config, account reads and changes, admin and public lists, auth quirks,
// and account histories (history.ts) with the bank's transfer endpoint and a simulator-only `POST /__simulator/transfers`.
// Histories long-poll as libeufin-bank's do: `timeout_ms` (Core Bank API v5+) or `long_poll_ms` (0.11.x).
//
// Two-factor authentication: a holder changing or deleting their own account while it has a TAN channel
// (`tan_channel` or `tan_channels`) gets 202 with a v10 `ChallengeResponse` and nothing changes, as libeufin
// does when 2FA is on; the administrator is never challenged. Solving challenges is not simulated.
import { publicAccountId } from '../shared/ids.js';
import {
  basicCredentials,
  bearerToken,
  type ProviderSimulator,
  type SimRequest,
  type SimResponse,
  type SimulatorDefinition,
} from '../shared/server.js';
import { printAmount, readAmount } from './amount.js';
import type { AccountData, AccountMinimalData, PublicAccount } from './bank.js';
import { TALER_ADMIN_PASSWORD, TALER_CURRENCY, TALER_TOKENS, talerFixtures, type TalerFixture } from './fixtures.js';
import { barePayto, bookTransfer, historyOf, seedLedger, waitForRow, type Ledger } from './history.js';

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
  // On, so that holders may delete their own accounts (and meet the 2FA challenge); the admin always may.
  allow_deletions: true,
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

type Accounts = Map<string, TalerFixture>;

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
  if (limit === 0) return apiError(400, 26, "Param 'limit' must be non-zero");
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
    return matching
      .filter((row) => row.rowId < below)
      .sort((a, b) => b.rowId - a.rowId)
      .slice(0, -page.limit);
  }
  const above = page.offset ?? 0;
  return matching
    .filter((row) => row.rowId > above)
    .sort((a, b) => a.rowId - b.rowId)
    .slice(0, page.limit);
}

function minimal({ username, rowId, account }: TalerFixture): AccountMinimalData {
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

function publicAccount({ username, rowId, account }: TalerFixture): PublicAccount {
  return { username, payto_uri: account.payto_uri, balance: account.balance, is_taler_exchange: account.is_taler_exchange, row_id: rowId };
}

/** A list reply: 200 with the items, or 204 with no body when there are none. */
const listReply = (key: string, items: readonly unknown[]): SimResponse =>
  items.length === 0 ? { status: 204 } : { status: 200, body: { [key]: items } };

/** Usernames the bank keeps for itself (409 5120 to register or delete). */
const RESERVED = new Set(['admin', 'bank']);
const USERNAME = /^[a-zA-Z0-9\-._~]+$/;
const PHONE = /^\+?[0-9]+$/;

const conflict = (code: number, hint: string) => apiError(409, code, hint);
const malformed = (hint: string) => apiError(400, 26, hint);
const jsonInvalid = (hint: string) => apiError(400, 22, hint);

type Body = Record<string, unknown>;
const isObject = (value: unknown): value is Body => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The login of a request, or the error reply; with whether it is the administrator. */
function login(request: SimRequest, accounts: Accounts): { username: string; admin: boolean } | SimResponse {
  const who = authenticate(request, accounts);
  return typeof who === 'string' ? { username: who, admin: who === 'admin' } : who;
}

/** An amount field: undefined when absent, a 400 when malformed or in another currency. */
function amountField(body: Body, name: string): string | undefined | SimResponse {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') return jsonInvalid(`Field '${name}' is not a string`);
  const amount = readAmount(value);
  if (!amount) return malformed(`Field '${name}' is not a valid amount`);
  if (amount.currency !== TALER_CURRENCY) return apiError(400, 30, `Wrong currency: expected ${TALER_CURRENCY} got ${amount.currency}`);
  return printAmount(amount);
}

const isReply = (value: unknown): value is SimResponse => isObject(value) && typeof value.status === 'number';

/** The TAN channels an account has, from `tan_channels` (v10) or the single `tan_channel`. */
function tanChannelsOf(account: AccountData): string[] {
  return account.tan_channels?.length ? [...account.tan_channels] : account.tan_channel ? [account.tan_channel] : [];
}

/** Whether the contact data has what a TAN channel sends codes to. */
function hasTanInfo(channel: string, contact: AccountData['contact_data']): boolean {
  return channel === 'sms' ? !!contact?.phone : channel === 'email' ? !!contact?.email : false;
}

/** A masked hint of where a code goes, as banks show it. */
function tanInfo(channel: string, contact: AccountData['contact_data']): string {
  const target = (channel === 'sms' ? contact?.phone : contact?.email) ?? '';
  return `${target.slice(0, 3)}•••${target.slice(-4)}`;
}

/** 202 with one challenge per TAN channel, any one of which is enough (`combi_and: false`). */
function challenge(account: AccountData, counter: { next: number }): SimResponse {
  const challenges = tanChannelsOf(account).map((channel) => ({
    challenge_id: String(counter.next++),
    tan_channel: channel,
    tan_info: tanInfo(channel, account.contact_data),
  }));
  return { status: 202, body: { challenges, combi_and: false } };
}

/** A German IBAN with correct check digits (ISO 13616 mod 97) for a row id. */
function ibanFor(rowId: number): string {
  const bban = `37040044${String(5320130000 + rowId).padStart(10, '0')}`;
  const check = 98n - (BigInt(`${bban}131400`) % 97n);
  return `DE${String(check).padStart(2, '0')}${bban}`;
}

function contactField(body: Body): AccountData['contact_data'] | SimResponse {
  const contact = body.contact_data;
  if (contact === undefined || contact === null) return undefined;
  if (!isObject(contact)) return jsonInvalid("Field 'contact_data' is not an object");
  const phone = contact.phone;
  if (phone !== undefined && phone !== null && (typeof phone !== 'string' || !PHONE.test(phone))) return malformed('phone contact is malformed');
  return { ...(typeof contact.email === 'string' ? { email: contact.email } : {}), ...(typeof phone === 'string' ? { phone } : {}) };
}

/** `POST /accounts`: admin only (registrations are closed); 200 with the new account's payto URI. */
function register(request: SimRequest, accounts: Accounts): SimResponse {
  const who = login(request, accounts);
  if (isReply(who)) return who;
  if (!who.admin) return unauthorized('Only administrator allowed');
  const body = request.body;
  if (!isObject(body)) return jsonInvalid('Request body is not a JSON object');
  const { username, password, name } = body;
  if (typeof username !== 'string' || typeof password !== 'string' || typeof name !== 'string') {
    return jsonInvalid("Fields 'username', 'password' and 'name' are required strings");
  }
  if (!USERNAME.test(username)) return malformed(`Username '${username}' is malformed`);
  const debitThreshold = amountField(body, 'debit_threshold');
  const minCashout = amountField(body, 'min_cashout');
  const contact = contactField(body);
  for (const value of [debitThreshold, minCashout, contact]) if (isReply(value)) return value;
  const tanChannel = typeof body.tan_channel === 'string' ? body.tan_channel : undefined;
  const isExchange = body.is_taler_exchange === true;
  if (RESERVED.has(username)) return conflict(5120, `Username '${username}' is reserved`);
  if (username === 'exchange' && !isExchange) return conflict(9999, "'exchange' account must be a taler exchange account");
  if (accounts.has(username)) return conflict(5121, 'Username already used');
  const rowId = Math.max(0, ...[...accounts.values()].map((row) => row.rowId)) + 1;
  const payto = typeof body.payto_uri === 'string' ? body.payto_uri : `payto://iban/${ibanFor(rowId)}`;
  const bare = payto.split('?')[0];
  if ([...accounts.values()].some((row) => row.account.payto_uri.split('?')[0] === bare)) return conflict(5122, 'Bank internalPayToUri reuse');
  if (tanChannel !== undefined && !hasTanInfo(tanChannel, contact as AccountData['contact_data'])) {
    return conflict(5129, `missing info for tan channel ${tanChannel}`);
  }
  const account: AccountData = {
    name,
    balance: { amount: `${TALER_CURRENCY}:0`, credit_debit_indicator: 'credit' },
    payto_uri: `${bare}?receiver-name=${encodeURIComponent(name)}`,
    debit_threshold: (debitThreshold as string | undefined) ?? CONFIG.default_debit_threshold,
    ...(minCashout ? { min_cashout: minCashout as string } : {}),
    ...(contact ? { contact_data: contact as AccountData['contact_data'] } : {}),
    ...(typeof body.cashout_payto_uri === 'string' ? { cashout_payto_uri: body.cashout_payto_uri } : {}),
    is_public: body.is_public === true,
    is_taler_exchange: isExchange,
    ...(tanChannel ? { tan_channel: tanChannel } : {}),
    status: 'active',
  };
  accounts.set(username, { username, password, rowId, account });
  return { status: 200, body: { internal_payto_uri: account.payto_uri } };
}

/** A live account of that name, or the 404 libeufin sends (deleted accounts are gone for changes). */
function liveAccount(accounts: Accounts, username: string): TalerFixture | SimResponse {
  const found = accounts.get(username);
  return found && found.account.status !== 'deleted' ? found : apiError(404, 5106, `Account '${username}' not found`);
}

/** `PATCH /accounts/{username}`: holder or admin; holders may not change name, cash-out URI, limits. */
function reconfigure(request: SimRequest, accounts: Accounts, counter: { next: number }): SimResponse {
  const username = request.params.username ?? '';
  const refused = authorizeFor(request, accounts, username);
  if (refused) return refused;
  const admin = authenticate(request, accounts) === 'admin';
  const row = liveAccount(accounts, username);
  if (isReply(row)) return row;
  const body = request.body;
  if (!isObject(body)) return jsonInvalid('Request body is not a JSON object');
  const debitThreshold = amountField(body, 'debit_threshold');
  const minCashout = amountField(body, 'min_cashout');
  const contact = contactField(body);
  for (const value of [debitThreshold, minCashout, contact]) if (isReply(value)) return value;
  if (!admin) {
    if (typeof body.name === 'string' && body.name !== row.account.name && !CONFIG.allow_edit_name)
      return conflict(5135, 'non-admin user cannot change their legal name');
    if (typeof body.cashout_payto_uri === 'string' && !CONFIG.allow_edit_cashout_payto_uri)
      return conflict(5140, 'non-admin user cannot change their cashout account');
    if (debitThreshold !== undefined) return conflict(5136, 'non-admin user cannot change their debt limit');
    if (minCashout !== undefined) return conflict(5146, 'non-admin user cannot change their min cashout amount');
  }
  const nextContact = contact === undefined ? row.account.contact_data : { ...row.account.contact_data, ...(contact as object) };
  const tanChannel = typeof body.tan_channel === 'string' ? body.tan_channel : undefined;
  if (tanChannel !== undefined && !hasTanInfo(tanChannel, nextContact)) return conflict(5129, `missing info for tan channel ${tanChannel}`);
  if (!admin && tanChannelsOf(row.account).length > 0) return challenge(row.account, counter);
  const account = row.account;
  if (typeof body.name === 'string') {
    account.name = body.name;
    account.payto_uri = `${account.payto_uri.split('?')[0]}?receiver-name=${encodeURIComponent(body.name)}`;
  }
  if (typeof body.is_public === 'boolean') account.is_public = body.is_public;
  if (nextContact) account.contact_data = nextContact;
  if (typeof body.cashout_payto_uri === 'string') account.cashout_payto_uri = body.cashout_payto_uri;
  if (debitThreshold !== undefined) account.debit_threshold = debitThreshold as string;
  if (minCashout !== undefined) account.min_cashout = minCashout as string;
  if (tanChannel !== undefined) {
    account.tan_channel = tanChannel;
    account.tan_channels = [tanChannel];
  }
  return { status: 204 };
}

/** `DELETE /accounts/{username}`: never the reserved ones, only at a zero balance; kept as `deleted` for its history. */
function remove(request: SimRequest, accounts: Accounts, counter: { next: number }): SimResponse {
  const username = request.params.username ?? '';
  const refused = CONFIG.allow_deletions ? authorizeFor(request, accounts, username) : authorizeAdmin(request, accounts);
  if (refused) return refused;
  const admin = authenticate(request, accounts) === 'admin';
  if (RESERVED.has(username)) return conflict(5120, `Cannot delete reserved account '${username}'`);
  const row = liveAccount(accounts, username);
  if (isReply(row)) return row;
  if (!admin && tanChannelsOf(row.account).length > 0) return challenge(row.account, counter);
  if (readAmount(row.account.balance.amount)?.units !== 0n) return conflict(5123, 'Account balance is not zero.');
  row.account.status = 'deleted';
  return { status: 204 };
}

/**
 * Node's timers hold at most 2^31 - 1 ms (a longer delay fires at once); libeufin-bank itself caps no wait, so this
 * is the simulator's only bound (about 24.8 days).
 */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The long-poll wait of a history request: `timeout_ms` (Core Bank API v5+) or its deprecated alias `long_poll_ms`
 * (the only name in libeufin-bank 0.11.x, common/params.kt PollingParams); 0 when neither is given.
 */
function readPolling(query: URLSearchParams): number | SimResponse {
  const name = query.get('timeout_ms') !== null ? 'timeout_ms' : 'long_poll_ms';
  const value = readInteger(query, name);
  if (value === undefined) return 0;
  if (typeof value === 'object') return value;
  if (value < 0) return malformed(`Param '${name}' must be a positive number`);
  return Math.min(value, MAX_TIMER_MS);
}

/**
 * `GET /accounts/{username}/transactions`: the holder or admin; row-id paging as the account list; 204 when empty.
 * With a positive limit and a wait (`timeout_ms`/`long_poll_ms`), an empty page waits for the account's next row
 * after the offset and answers as soon as one is booked, else 204 when the wait is over (libeufin-bank poolHistory).
 */
async function history(request: SimRequest, accounts: Accounts, ledger: Ledger): Promise<SimResponse> {
  const username = request.params.username ?? '';
  const refused = authorizeFor(request, accounts, username);
  if (refused) return refused;
  if (!accounts.has(username)) return apiError(404, 5106, `Account '${username}' not found`);
  const page = readPage(request.query);
  if ('status' in page) return page;
  const pollMs = readPolling(request.query);
  if (typeof pollMs === 'object') return pollMs;
  const load = () => {
    const rows = historyOf(ledger, username);
    return page.limit < 0
      ? rows.filter((row) => row.row_id < (page.offset ?? Number.POSITIVE_INFINITY)).slice(0, -page.limit)
      : rows
          .filter((row) => row.row_id > (page.offset ?? 0))
          .reverse()
          .slice(0, page.limit);
  };
  const first = load();
  if (first.length > 0 || page.limit < 0 || pollMs === 0) return listReply('transactions', first);
  const booked = await waitForRow(ledger, username, page.offset ?? 0, pollMs, request.signal);
  return listReply('transactions', booked ? load() : first);
}

/** `GET /accounts/{username}/transactions/{row_id}`: one row of the account's own history, else 404 (5107). */
function historyEntry(request: SimRequest, accounts: Accounts, ledger: Ledger): SimResponse {
  const username = request.params.username ?? '';
  const refused = authorizeFor(request, accounts, username);
  if (refused) return refused;
  const raw = request.params.row_id ?? '';
  if (!/^\d{1,15}$/.test(raw)) return malformed(`Param 'T_ID' not a number`);
  const row = historyOf(ledger, username).find((info) => info.row_id === Number(raw));
  return row ? { status: 200, body: row } : apiError(404, 5107, `Bank transaction '${raw}' not found`);
}

/**
 * `POST /accounts/{username}/transactions` (`TransactionCreateRequest`): the holder pays the account of `payto_uri`
 * (`message` is the subject, `amount` there or in the body); 200 `{row_id}`; a holder with a TAN channel is challenged.
 */
function createTransfer(request: SimRequest, accounts: Accounts, ledger: Ledger, counter: { next: number }): SimResponse {
  const username = request.params.username ?? '';
  const who = login(request, accounts);
  if (isReply(who)) return who;
  if (who.username !== username) return unauthorized(`Customer ${who.username} have no right on ${username} account`);
  const body = request.body;
  if (!isObject(body) || typeof body.payto_uri !== 'string') return jsonInvalid("Field 'payto_uri' is required");
  let target: URL;
  try {
    target = new URL(body.payto_uri);
  } catch {
    return malformed('payto_uri is malformed');
  }
  const subject = target.searchParams.get('message');
  if (!subject) return malformed('Wire transfer lacks subject');
  const amount = target.searchParams.get('amount') ?? (typeof body.amount === 'string' ? body.amount : undefined);
  if (!amount) return malformed('Wire transfer lacks amount');
  const creditor = [...accounts.values()].find((row) => barePayto(row.account.payto_uri) === barePayto(body.payto_uri as string));
  if (!creditor) return conflict(5124, `Unknown creditor '${barePayto(body.payto_uri)}'`);
  if (creditor.username === 'admin') return conflict(5142, 'Cannot transfer money to admin account');
  const debtor = accounts.get(username);
  if (debtor && tanChannelsOf(debtor.account).length > 0) return challenge(debtor.account, counter);
  const booked = bookTransfer(accounts, ledger, { debtor: username, creditor: creditor.username, amount, subject });
  return 'code' in booked ? apiError(booked.status, booked.code, booked.hint) : { status: 200, body: { row_id: booked.debitRow } };
}

/**
 * `POST /__simulator/transfers` (simulator only, no auth): `{debtor, creditor, amount: "EUR:1.5", subject}` books a
 * transfer between two usernames as the bank would, so demos and tests can move histories; 200 with both row ids.
 */
function simulatorTransfer(request: SimRequest, accounts: Accounts, ledger: Ledger): SimResponse {
  const body = request.body;
  if (!isObject(body)) return jsonInvalid('Request body is not a JSON object');
  const { debtor, creditor, amount, subject } = body;
  if (typeof debtor !== 'string' || typeof creditor !== 'string' || typeof amount !== 'string') {
    return jsonInvalid("Fields 'debtor', 'creditor' and 'amount' are required strings");
  }
  const booked = bookTransfer(accounts, ledger, { debtor, creditor, amount, subject: typeof subject === 'string' ? subject : '' });
  return 'code' in booked
    ? apiError(booked.status, booked.code, booked.hint)
    : { status: 200, body: { debit_row_id: booked.debitRow, credit_row_id: booked.creditRow } };
}

export function createTalerSimulator(): SimulatorDefinition {
  const accounts: Accounts = new Map(structuredClone(talerFixtures).map((fixture) => [fixture.username, fixture]));
  const challenges = { next: 1 };
  const ledger = seedLedger(accounts);
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
      { method: 'POST', path: '/accounts', handler: (request) => register(request, accounts) },
      { method: 'GET', path: '/accounts/:username/transactions', handler: (request) => history(request, accounts, ledger) },
      { method: 'GET', path: '/accounts/:username/transactions/:row_id', handler: (request) => historyEntry(request, accounts, ledger) },
      { method: 'POST', path: '/accounts/:username/transactions', handler: (request) => createTransfer(request, accounts, ledger, challenges) },
      { method: 'POST', path: '/__simulator/transfers', handler: (request) => simulatorTransfer(request, accounts, ledger) },
      { method: 'PATCH', path: '/accounts/:username', handler: (request) => reconfigure(request, accounts, challenges) },
      { method: 'DELETE', path: '/accounts/:username', handler: (request) => remove(request, accounts, challenges) },
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
  sampleIds: talerFixtures.map((fixture) => publicAccountId('taler', fixture.username)),
};
