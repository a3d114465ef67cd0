// A Horizon stand-in: `GET /accounts/{account_id}` and the filtered `GET /accounts` list over the seeded fixtures, with
// Horizon's content types, headers, HAL links, paging rules and problem bodies.
import { publicAccountId } from '../shared/ids.js';
import type { ProviderSimulator, SimRequest, SimResponse, SimulatorDefinition } from '../shared/server.js';
import { stellarFixtures, stellarMemberFixtures } from './fixtures.js';
import type { HorizonAccount } from './horizon.js';
import { isAccountId } from './strkey.js';

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

export const simulator: ProviderSimulator = {
  provider: 'STELLAR',
  create(): SimulatorDefinition {
    const accounts = new Map([...stellarFixtures, ...stellarMemberFixtures].map((account) => [account.id, structuredClone(account)]));
    const ledger = latestLedger(stellarFixtures);
    return {
      name: 'stellar',
      contentType: HAL_JSON,
      routes: [
        { method: 'GET', path: '/accounts', handler: listHandler(accounts, ledger) },
        { method: 'GET', path: '/accounts/:account_id', handler: accountHandler(accounts, ledger) },
      ],
      notFound: () => notFound(ledger),
    };
  },
  env: (url) => ({ STELLAR_URL: url }),
  sampleIds: stellarFixtures.map((account) => publicAccountId('stellar', account.id)),
};
