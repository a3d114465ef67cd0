// A Horizon stand-in: `GET /accounts/{account_id}` and the filtered `GET /accounts` list over the seeded fixtures, an
// account's payments stream (`GET /accounts/{account_id}/payments`), one operation and its effects, with Horizon's
// content types, headers, HAL links, paging rules and problem bodies; `POST /simulator/payments` records a payment.
// With `Accept: text/event-stream` the payments route streams server-sent events as Horizon does (stream.ts), and a
// recorded payment is pushed to every open stream of its sender and receiver.
import { publicAccountId } from '../shared/ids.js';
import type { ProviderSimulator, SimRequest, SimResponse, SimulatorDefinition } from '../shared/server.js';
import { stellarFixtures, stellarMemberFixtures } from './fixtures.js';
import type { HorizonAccount } from './horizon.js';
import { isAccountId } from './strkey.js';
import { nextLedger, recordedOperation, seededHistory, type AssetFields, type StoredOperation } from './history.js';
import { DEFAULT_STREAM_LIFETIME_MS, negotiate, StreamRegistry } from './stream.js';

const HAL_JSON = 'application/hal+json; charset=utf-8';
const PROBLEM_JSON = 'application/problem+json; charset=utf-8';
const PROBLEM_TYPE = 'https://stellar.org/horizon-errors/';

/** Horizon's texts, verbatim (the double spaces are Horizon's). */
const NOT_FOUND_DETAIL =
  'The resource at the url requested was not found.  This usually occurs for one of two reasons:  The url requested is not valid, or no data in our database could be found with the parameters provided.';
const BAD_REQUEST_DETAIL = 'The request you sent was invalid in some way.';
const BAD_ACCOUNT_ID_REASON = 'Account ID must start with `G` and contain 56 alphanum characters';

interface Problem {
  slug: string;
  title: string;
  status: number;
  detail: string;
  extras?: Readonly<Record<string, string>>;
}

/** The ledger the simulated network is at: a little past the newest change among the fixtures. */
const latestLedger = (accounts: readonly HorizonAccount[]): number => Math.max(...accounts.map((a) => a.last_modified_ledger)) + 7;

/** Problems are pretty-printed with a 2-space indent, as Horizon's renderer does. */
function problem(p: Problem, ledger: number): SimResponse {
  const body = { type: `${PROBLEM_TYPE}${p.slug}`, title: p.title, status: p.status, detail: p.detail, ...(p.extras ? { extras: p.extras } : {}) };
  return { status: p.status, body: JSON.stringify(body, null, 2), headers: { 'content-type': PROBLEM_JSON, 'latest-ledger': String(ledger) } };
}

const notFound = (ledger: number): SimResponse =>
  problem({ slug: 'not_found', title: 'Resource Missing', status: 404, detail: NOT_FOUND_DETAIL }, ledger);

const badAccountId = (ledger: number): SimResponse =>
  problem(
    {
      slug: 'bad_request',
      title: 'Bad Request',
      status: 400,
      detail: BAD_REQUEST_DETAIL,
      extras: { invalid_field: 'account_id', reason: BAD_ACCOUNT_ID_REASON },
    },
    ledger,
  );

/** The simulator's own base URL, as the client reached it. */
const baseUrlOf = (request: SimRequest): string => `http://${request.headers.host ?? '127.0.0.1'}`;

/** Horizon's HAL links of an account, built on the server's own base URL. */
function accountLinks(base: string, id: string): Record<string, { href: string; templated?: true }> {
  const account = `${base}/accounts/${id}`;
  const page = (rel: string) => ({ href: `${account}/${rel}{?cursor,limit,order}`, templated: true as const });
  return {
    self: { href: account },
    transactions: page('transactions'),
    operations: page('operations'),
    payments: page('payments'),
    effects: page('effects'),
    offers: page('offers'),
    trades: page('trades'),
    data: { href: `${account}/data/{key}`, templated: true },
  };
}

function accountHandler(accounts: ReadonlyMap<string, HorizonAccount>, ledger: number) {
  return (request: SimRequest): SimResponse => {
    const id = request.params.account_id ?? '';
    if (!isAccountId(id)) return badAccountId(ledger);
    const account = accounts.get(id);
    if (!account) return notFound(ledger);
    const body = { _links: accountLinks(baseUrlOf(request), id), ...account };
    return { status: 200, body: JSON.stringify(body, null, 2), headers: { 'content-type': HAL_JSON, 'latest-ledger': String(ledger) } };
  };
}

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 200;

/** Horizon's reasons for bad list parameters, verbatim where its code has them. */
const REASONS = {
  accountId: BAD_ACCOUNT_ID_REASON,
  asset: 'Asset must be the string "native" or a string of the form "Code:IssuerAccountID" for issued assets.',
  native: "you can't filter by asset: native",
  unparseableLimit: 'unparseable value',
  nonPositiveLimit: 'invalid limit: non-positive value provided',
  limitOverMax: `invalid limit: value provided that is over limit max of ${MAX_LIMIT}`,
} as const;
const INVALID_ACCOUNTS_PARAMS_DETAIL =
  'Exactly one filter is required. Please ensure that you are including a signer, sponsor, asset, or liquidity pool filter.';
const ASSET_CODE = /^[a-zA-Z0-9]{1,12}$/;
/** govalidator's IsSHA256: lower-case hex only. */
const SHA256 = /^[a-f0-9]{64}$/;

const badField = (field: string, reason: string, ledger: number): SimResponse =>
  problem({ slug: 'bad_request', title: 'Bad Request', status: 400, detail: BAD_REQUEST_DETAIL, extras: { invalid_field: field, reason } }, ledger);

/** `limit` as Horizon's getLimit reads it: default 10, 1..200. */
function readLimit(raw: string | null, ledger: number): number | SimResponse {
  if (raw === null || raw === '') return DEFAULT_LIMIT;
  if (!/^[+-]?\d{1,18}$/.test(raw)) return badField('limit', REASONS.unparseableLimit, ledger);
  const limit = Number(raw);
  if (limit <= 0) return badField('limit', REASONS.nonPositiveLimit, ledger);
  return limit > MAX_LIMIT ? badField('limit', REASONS.limitOverMax, ledger) : limit;
}

const isAsset = (value: string): boolean => {
  if (value.toLowerCase() === 'native') return true;
  const parts = value.split(':');
  return parts.length === 2 && ASSET_CODE.test(parts[0] ?? '') && isAccountId(parts[1] ?? '');
};

type Matcher = (account: HorizonAccount) => boolean;

/** Which accounts each filter selects (the sponsor filter: the account itself or any of its subentries). */
function matcherFor(param: string, value: string): Matcher {
  switch (param) {
    case 'signer':
      return (account) => account.signers.some((signer) => signer.key === value);
    case 'sponsor':
      return (account) =>
        account.sponsor === value ||
        account.signers.some((signer) => signer.sponsor === value) ||
        account.balances.some((line) => 'sponsor' in line && line.sponsor === value);
    case 'liquidity_pool':
      return (account) => account.balances.some((line) => line.asset_type === 'liquidity_pool_shares' && line.liquidity_pool_id === value);
    default: {
      const [code, issuer] = value.split(':');
      return (account) => account.balances.some((line) => 'asset_code' in line && line.asset_code === code && line.asset_issuer === issuer);
    }
  }
}

/** The list's HAL links: `self`, then `next` after the last record and `prev` before the first (order reversed). */
function pageLinks(
  request: SimRequest,
  filter: [string, string],
  page: { cursor: string; limit: number; order: string },
  records: readonly HorizonAccount[],
) {
  const href = (cursor: string, order: string) => {
    const query = new URLSearchParams([['cursor', cursor], ['limit', String(page.limit)], ['order', order], filter]);
    return { href: `${baseUrlOf(request)}/accounts?${query.toString()}` };
  };
  const first = records[0]?.paging_token ?? page.cursor;
  const last = records.at(-1)?.paging_token ?? page.cursor;
  return { self: href(page.cursor, page.order), next: href(last, page.order), prev: href(first, page.order === 'asc' ? 'desc' : 'asc') };
}

/** `GET /accounts`: the checks in Horizon's order (page query, field tags, then exactly one filter), then one page by account id. */
function listHandler(accounts: ReadonlyMap<string, HorizonAccount>, ledger: number) {
  return (request: SimRequest): SimResponse => {
    const q = request.query;
    const order = q.get('order') || 'asc';
    if (order !== 'asc' && order !== 'desc') return badField('order', 'order: invalid value', ledger);
    const limit = readLimit(q.get('limit'), ledger);
    if (typeof limit !== 'number') return limit;
    const cursor = q.get('cursor') ?? '';
    const values = {
      signer: q.get('signer') ?? '',
      sponsor: q.get('sponsor') ?? '',
      asset: q.get('asset') ?? '',
      liquidity_pool: q.get('liquidity_pool') ?? '',
    };
    for (const field of ['signer', 'sponsor'] as const)
      if (values[field] && !isAccountId(values[field])) return badField(field, REASONS.accountId, ledger);
    if (values.asset && !isAsset(values.asset)) return badField('asset', REASONS.asset, ledger);
    if (values.liquidity_pool && !SHA256.test(values.liquidity_pool))
      return badField('liquidity_pool', `${values.liquidity_pool} does not validate as sha256`, ledger);
    if (values.asset === 'native') return badField('asset', REASONS.native, ledger);
    if (values.asset && values.asset.split(':').length !== 2) return badField('asset', REASONS.asset, ledger);
    const given = Object.entries(values).filter(([, value]) => value !== '');
    const [filter] = given;
    if (given.length !== 1 || !filter) {
      return problem(
        { slug: 'invalid_accounts_params', title: 'Invalid Accounts Parameters', status: 400, detail: INVALID_ACCOUNTS_PARAMS_DETAIL },
        ledger,
      );
    }
    const matches = matcherFor(filter[0], filter[1]);
    const sorted = [...accounts.values()].filter(matches).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const ordered = order === 'asc' ? sorted.filter((a) => !cursor || a.id > cursor) : sorted.reverse().filter((a) => !cursor || a.id < cursor);
    const records = ordered
      .slice(0, limit)
      .map((account) => ({ _links: accountLinks(baseUrlOf(request), account.id), ...account, paging_token: account.id }));
    const body = { _links: pageLinks(request, filter, { cursor, limit, order }, records), _embedded: { records } };
    return { status: 200, body: JSON.stringify(body, null, 2), headers: { 'content-type': HAL_JSON, 'latest-ledger': String(ledger) } };
  };
}

/** Operation links as Horizon writes them. */
function operationLinks(base: string, op: StoredOperation) {
  const id = op.record.id;
  return {
    self: { href: `${base}/operations/${id}` },
    transaction: { href: `${base}/transactions/${op.record.transaction_hash}` },
    effects: { href: `${base}/operations/${id}/effects` },
    succeeds: { href: `${base}/effects?order=desc&cursor=${id}` },
    precedes: { href: `${base}/effects?order=asc&cursor=${id}` },
  };
}

/** A record as Horizon sends it: links, the operation, and its transaction with `join=transactions`. */
function operationBody(request: SimRequest, op: StoredOperation, join: boolean) {
  return { _links: operationLinks(baseUrlOf(request), op), ...op.record, ...(join ? { transaction: op.transaction } : {}) };
}

const INT64 = /^\d{1,19}$/;
const MAX_INT64 = 9_223_372_036_854_775_807n;

/**
 * A page query of an operations list, as Horizon's GetPageQuery reads it: order, limit, cursor (an int64 or `now`,
 * which is `now` itself when given). A `Last-Event-ID` header replaces the cursor, as Horizon's getCursor does.
 */
function readPageQuery(
  request: SimRequest,
  ledger: number,
  now: bigint = MAX_INT64,
): { order: 'asc' | 'desc'; limit: number; cursor: bigint | undefined } | SimResponse {
  const q = request.query;
  const order = q.get('order') || 'asc';
  if (order !== 'asc' && order !== 'desc') return badField('order', 'order: invalid value', ledger);
  const limit = readLimit(q.get('limit'), ledger);
  if (typeof limit !== 'number') return limit;
  const lastEventId = request.headers['last-event-id'];
  const raw = typeof lastEventId === 'string' && lastEventId !== '' ? lastEventId : (q.get('cursor') ?? '');
  if (raw === '' || raw === 'now') return { order, limit, cursor: raw === 'now' ? now : undefined };
  if (/^-\d{1,19}$/.test(raw)) return badField('cursor', `the cursor ${raw} is a negative number: `, ledger);
  if (!INT64.test(raw) || BigInt(raw) > MAX_INT64) return badField('cursor', 'cursor must contain exactly one colon', ledger);
  return { order, limit, cursor: BigInt(raw) };
}

/** Horizon's TOID of the last operation a ledger could hold (toid.AfterLedger): where `cursor=now` streams from. */
const afterLedger = (ledger: number): bigint => (BigInt(ledger) << 32n) | (((1n << 20n) - 1n) << 12n) | ((1n << 12n) - 1n);

/**
 * A payments stream (`Accept: text/event-stream`): the records after the cursor in the page's order, then, in
 * ascending order, each payment recorded later; at most `limit` in all (see stream.ts).
 */
function paymentsStream(request: SimRequest, id: string, history: StoredOperation[], streams: StreamRegistry, ledger: number): SimResponse {
  const latest = Math.max(0, ...history.map((op) => op.transaction.ledger));
  const page = readPageQuery(request, ledger, afterLedger(latest));
  if (!('order' in page)) return page;
  const { order, limit, cursor } = page;
  const join = request.query.get('join') === 'transactions';
  const source = {
    account: id,
    next(after: bigint, max: number) {
      const mine = history.filter((op) => op.participants.includes(id));
      const ordered = order === 'asc' ? mine : [...mine].reverse();
      return ordered
        .filter((op) => (order === 'asc' ? BigInt(op.record.paging_token) > after : BigInt(op.record.paging_token) < after))
        .slice(0, max)
        .map((op) => ({ id: op.record.paging_token, data: operationBody(request, op, join) }));
    },
  };
  const start = cursor ?? (order === 'asc' ? 0n : MAX_INT64 + 1n);
  return { status: 200, stream: (res) => streams.start(res, source, start, limit) };
}

/** `GET /accounts/{account_id}/payments`: the account's movements by operation id; 404 for an account never seen. */
function paymentsHandler(accounts: ReadonlyMap<string, HorizonAccount>, history: StoredOperation[], ledger: number, streams: StreamRegistry) {
  return (request: SimRequest): SimResponse => {
    const id = request.params.account_id ?? '';
    if (!isAccountId(id)) return badAccountId(ledger);
    const mine = history.filter((op) => op.participants.includes(id));
    if (!accounts.has(id) && mine.length === 0) return notFound(ledger);
    if (negotiate(request.headers.accept) === 'text/event-stream') return paymentsStream(request, id, history, streams, ledger);
    const page = readPageQuery(request, ledger);
    if (!('order' in page)) return page;
    const { order, limit, cursor } = page;
    const sorted = order === 'asc' ? mine : [...mine].reverse();
    const after = sorted.filter((op) => {
      if (cursor === undefined) return true;
      const position = BigInt(op.record.paging_token);
      return order === 'asc' ? position > cursor : position < cursor;
    });
    const join = request.query.get('join') === 'transactions';
    const records = after.slice(0, limit).map((op) => operationBody(request, op, join));
    const href = (c: string, o: string) => ({
      href: `${baseUrlOf(request)}/accounts/${id}/payments?cursor=${c}&limit=${limit}&order=${o}${join ? '&join=transactions' : ''}`,
    });
    const start = cursor === undefined ? '' : String(cursor);
    const first = records[0]?.paging_token ?? start;
    const last = records.at(-1)?.paging_token ?? start;
    const body = {
      _links: { self: href(start, order), next: href(last, order), prev: href(first, order === 'asc' ? 'desc' : 'asc') },
      _embedded: { records },
    };
    return { status: 200, body: JSON.stringify(body, null, 2), headers: { 'content-type': HAL_JSON, 'latest-ledger': String(ledger) } };
  };
}

function operationHandler(history: StoredOperation[], ledger: number) {
  return (request: SimRequest): SimResponse => {
    const op = history.find((candidate) => candidate.record.id === request.params.id);
    if (!op) return notFound(ledger);
    const body = operationBody(request, op, request.query.get('join') === 'transactions');
    return { status: 200, body: JSON.stringify(body, null, 2), headers: { 'content-type': HAL_JSON, 'latest-ledger': String(ledger) } };
  };
}

/** `GET /operations/{id}/effects`: the merge effects the simulator keeps (other operations: an empty page). */
function effectsHandler(history: StoredOperation[], ledger: number) {
  return (request: SimRequest): SimResponse => {
    const op = history.find((candidate) => candidate.record.id === request.params.id);
    if (!op) return notFound(ledger);
    const base = baseUrlOf(request);
    const records = op.effects.map((effect) => ({
      _links: {
        operation: { href: `${base}/operations/${op.record.id}` },
        succeeds: { href: `${base}/effects?order=desc&cursor=${effect.paging_token}` },
        precedes: { href: `${base}/effects?order=asc&cursor=${effect.paging_token}` },
      },
      ...effect,
    }));
    const self = { href: `${base}/operations/${op.record.id}/effects?cursor=&limit=10&order=asc` };
    const body = { _links: { self, next: self, prev: self }, _embedded: { records } };
    return { status: 200, body: JSON.stringify(body, null, 2), headers: { 'content-type': HAL_JSON, 'latest-ledger': String(ledger) } };
  };
}

const AMOUNT = /^(?:0|[1-9]\d{0,11})\.\d{7}$/;
const toStroops = (amount: string): bigint => BigInt(amount.replace('.', ''));
const fromStroops = (stroops: bigint): string => {
  const digits = stroops.toString().padStart(8, '0');
  return `${digits.slice(0, -7)}.${digits.slice(-7)}`;
};

/** The balance line of an asset, where the account holds it. */
function lineOf(account: HorizonAccount, asset: AssetFields) {
  return account.balances.find((line) =>
    asset.asset_type === 'native'
      ? line.asset_type === 'native'
      : 'asset_code' in line && line.asset_code === asset.asset_code && line.asset_issuer === asset.asset_issuer,
  );
}

/**
 * `POST /simulator/payments` (the simulator's own route, not Horizon's: Horizon takes signed transactions): records a
 * payment `{ from, to, amount, asset_code?, asset_issuer?, memo? }` between two accounts it holds, moves their balances
 * exactly, and answers 201 with the payments-stream record.
 */
function recordHandler(accounts: Map<string, HorizonAccount>, history: StoredOperation[], ledger: number, streams: StreamRegistry) {
  return (request: SimRequest): SimResponse => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const text = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : undefined);
    const [from, to, amount] = [text('from') ?? '', text('to') ?? '', text('amount') ?? ''];
    const fail = (reason: string) => badField('payment', reason, ledger);
    const sender = accounts.get(from);
    const receiver = accounts.get(to);
    if (!sender || !receiver) return fail('from and to must be accounts the simulator holds');
    if (!AMOUNT.test(amount) || toStroops(amount) === 0n) return fail('amount must be positive with 7 decimal places');
    const code = text('asset_code');
    const asset: AssetFields = code
      ? { asset_type: code.length <= 4 ? 'credit_alphanum4' : 'credit_alphanum12', asset_code: code, asset_issuer: text('asset_issuer') ?? '' }
      : { asset_type: 'native' };
    const debit = lineOf(sender, asset);
    const credit = lineOf(receiver, asset);
    if (!debit || !credit) return fail('both accounts must hold the asset');
    if (toStroops(debit.balance) < toStroops(amount)) return fail('underfunded');
    debit.balance = fromStroops(toStroops(debit.balance) - toStroops(amount));
    credit.balance = fromStroops(toStroops(credit.balance) + toStroops(amount));
    const memo = text('memo');
    const op = recordedOperation(
      { kind: 'payment', from, to, amount, asset },
      Math.max(ledger, nextLedger(history)),
      memo ? { type: 'text', value: memo } : undefined,
    );
    history.push(op);
    streams.notify(op.participants);
    return { status: 201, body: JSON.stringify(operationBody(request, op, true), null, 2), headers: { 'content-type': HAL_JSON } };
  };
}

export interface StellarSimulatorOptions {
  /** How long a payments stream stays open before Horizon's close event (its `--connection-timeout`, 55 s). */
  streamLifetimeMs?: number;
}

const JSON_TYPE = { 'content-type': 'application/json' } as const;

/**
 * The Horizon stand-in. Besides Horizon's routes, the simulator's own: `GET /__simulator/streams` answers
 * `{ open }` (payment streams open now) and `POST /__simulator/streams/drop` ends them all abruptly (`{ dropped }`).
 */
export function createStellarSimulator(options: StellarSimulatorOptions = {}): SimulatorDefinition {
  const accounts = new Map([...stellarFixtures, ...stellarMemberFixtures].map((account) => [account.id, structuredClone(account)]));
  const ledger = latestLedger(stellarFixtures);
  const history = seededHistory();
  const streams = new StreamRegistry(options.streamLifetimeMs ?? DEFAULT_STREAM_LIFETIME_MS);
  return {
    name: 'stellar',
    contentType: HAL_JSON,
    routes: [
      { method: 'GET', path: '/accounts', handler: listHandler(accounts, ledger) },
      { method: 'GET', path: '/accounts/:account_id', handler: accountHandler(accounts, ledger) },
      { method: 'GET', path: '/accounts/:account_id/payments', handler: paymentsHandler(accounts, history, ledger, streams) },
      { method: 'GET', path: '/operations/:id', handler: operationHandler(history, ledger) },
      { method: 'GET', path: '/operations/:id/effects', handler: effectsHandler(history, ledger) },
      { method: 'POST', path: '/simulator/payments', handler: recordHandler(accounts, history, ledger, streams) },
      { method: 'GET', path: '/__simulator/streams', handler: () => ({ status: 200, body: { open: streams.count() }, headers: JSON_TYPE }) },
      {
        method: 'POST',
        path: '/__simulator/streams/drop',
        handler: () => ({ status: 200, body: { dropped: streams.dropAll() }, headers: JSON_TYPE }),
      },
    ],
    notFound: () => notFound(ledger),
  };
}

export const simulator: ProviderSimulator = {
  provider: 'STELLAR',
  create: () => createStellarSimulator(),
  env: (url) => ({ STELLAR_URL: url }),
  sampleIds: stellarFixtures.map((account) => publicAccountId('stellar', account.id)),
};
