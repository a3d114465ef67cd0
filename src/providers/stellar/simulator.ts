// A Horizon stand-in: `GET /accounts/{account_id}` over the seeded fixtures, with Horizon's content types, headers and problem bodies.
import type { ProviderSimulator, SimRequest, SimResponse, SimulatorDefinition } from '../../simulation/server.js';
import { formatGlobalId } from '../../ids.js';
import { stellarFixtures } from './fixtures.js';
import { isAccountId } from './strkey.js';
import type { HorizonAccountInput } from './wire.js';

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
const latestLedger = (accounts: readonly HorizonAccountInput[]): number => Math.max(...accounts.map((a) => a.last_modified_ledger)) + 7;

/** Problems are pretty-printed with a 2-space indent, as Horizon's renderer does. */
function problem(p: Problem, ledger: number): SimResponse {
  const body = { type: `${PROBLEM_TYPE}${p.slug}`, title: p.title, status: p.status, detail: p.detail, ...(p.extras ? { extras: p.extras } : {}) };
  return { status: p.status, body: JSON.stringify(body, null, 2), headers: { 'content-type': PROBLEM_JSON, 'latest-ledger': String(ledger) } };
}

const notFound = (ledger: number): SimResponse => problem({ slug: 'not_found', title: 'Resource Missing', status: 404, detail: NOT_FOUND_DETAIL }, ledger);

const badAccountId = (ledger: number): SimResponse =>
  problem(
    { slug: 'bad_request', title: 'Bad Request', status: 400, detail: BAD_REQUEST_DETAIL, extras: { invalid_field: 'account_id', reason: BAD_ACCOUNT_ID_REASON } },
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

function accountHandler(accounts: ReadonlyMap<string, HorizonAccountInput>, ledger: number) {
  return (request: SimRequest): SimResponse => {
    const id = request.params.account_id ?? '';
    if (!isAccountId(id)) return badAccountId(ledger);
    const account = accounts.get(id);
    if (!account) return notFound(ledger);
    const body = { _links: accountLinks(baseUrlOf(request), id), ...account };
    return { status: 200, body: JSON.stringify(body, null, 2), headers: { 'content-type': HAL_JSON, 'latest-ledger': String(ledger) } };
  };
}

export const simulator: ProviderSimulator = {
  provider: 'STELLAR',
  create(): SimulatorDefinition {
    const accounts = new Map(stellarFixtures.map((account) => [account.id, structuredClone(account)]));
    const ledger = latestLedger(stellarFixtures);
    return {
      name: 'stellar',
      contentType: HAL_JSON,
      routes: [{ method: 'GET', path: '/accounts/:account_id', handler: accountHandler(accounts, ledger) }],
      notFound: () => notFound(ledger),
    };
  },
  env: (url) => ({ STELLAR_URL: url }),
  sampleIds: stellarFixtures.map((account) => formatGlobalId('STELLAR', account.id)),
};
