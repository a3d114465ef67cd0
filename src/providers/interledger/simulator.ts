// A stand-in for the Interledger Java connector's admin API: Basic auth, Jackson's number-strings, HAL and problem+json.
import type { ProviderSimulator, SimRequest, SimResponse, SimulatorDefinition } from '../../simulation/server.js';
import { basicCredentials } from '../../simulation/server.js';
import { formatGlobalId } from '../../ids.js';
import { INTERLEDGER_FIXTURES, type FixtureAccount, type FixtureBalance } from './fixtures.js';

/** The demo connector's `interledger.connector.adminPassword`, shared by `admin` and `user` as on the real server. */
export const DEMO_PASSWORD = 'connie-demo-admin-pw';

const ERRORS = 'https://errors.interledger.org/accounts';
const PROBLEM = { 'content-type': 'application/problem+json' } as const;

const problem = (status: number, body: Record<string, unknown>): SimResponse => ({ status, body, headers: PROBLEM });

const unauthorized = () => problem(401, { title: 'Unauthorized', status: 401, detail: 'Full authentication is required to access this resource' });
const forbidden = () => problem(403, { title: 'Forbidden', status: 403, detail: 'Access is denied' });
const accountNotFound = (accountId: string) =>
  problem(404, { accountId, type: `${ERRORS}/account-not-found`, title: `Account Not Found (\`${accountId}\`)`, status: 404 });
const invalidAccountId = (detail: string) => problem(400, { type: `${ERRORS}/invalid-account-id`, title: 'Invalid AccountId', status: 400, detail });

/** The connector's AccountId rules (Ids.java): normalise first, then check length and characters. */
function checkAccountId(raw: string): { accountId: string } | { error: SimResponse } {
  const accountId = raw.toLowerCase().replaceAll('.', '');
  if (accountId.length > 64) return { error: invalidAccountId('AccountId must not be longer than 64 characters') };
  if (!/^[a-z0-9_~-]+$/.test(accountId)) {
    return { error: invalidAccountId("AccountIds may only contain the following characters: 'a–z', '0–9', '-', '_', or '~'") };
  }
  return { accountId };
}

const origin = (request: SimRequest) => `http://${request.headers.host ?? 'localhost:8080'}`;

const withLinks = (account: FixtureAccount, request: SimRequest) => ({
  ...account,
  _links: { self: { href: `${origin(request)}/accounts/${account.accountId}` } },
});

/** Admin may do anything; `user` only reads balances, as SecurityConfiguration allows. */
function authorize(request: SimRequest): SimResponse | undefined {
  const credentials = basicCredentials(request.headers);
  const known = credentials && (credentials.username === 'admin' || credentials.username === 'user') && credentials.password === DEMO_PASSWORD;
  if (!known) return unauthorized();
  const path = request.url.split('?')[0] ?? '';
  if (credentials.username === 'user' && !/^\/accounts\/[^/]+\/balance$/.test(path)) return forbidden();
  return undefined;
}

function create(): SimulatorDefinition {
  const accounts = new Map<string, FixtureAccount>(INTERLEDGER_FIXTURES.map((f) => [f.account.accountId, structuredClone(f.account)]));
  const balances = new Map<string, FixtureBalance>(INTERLEDGER_FIXTURES.map((f) => [f.account.accountId, structuredClone(f.balance)]));

  /** Runs a handler on the normalised id of an existing account, or answers 400 / 404 as the connector does. */
  const withAccount = (request: SimRequest, reply: (account: FixtureAccount) => SimResponse): SimResponse => {
    const checked = checkAccountId(request.params.accountId ?? '');
    if ('error' in checked) return checked.error;
    const account = accounts.get(checked.accountId);
    return account ? reply(account) : accountNotFound(checked.accountId);
  };

  return {
    name: 'interledger',
    authorize,
    routes: [
      {
        method: 'GET',
        path: '/accounts',
        // The controller ignores paging parameters and returns every account in one page.
        handler: (request) => {
          const list = [...accounts.values()].map((account) => withLinks(account, request));
          const count = String(list.length);
          return {
            status: 200,
            body: {
              _embedded: { immutableAccountSettingsList: list },
              page: { size: count, totalElements: count, totalPages: '1', number: '0' },
            },
          };
        },
      },
      {
        method: 'GET',
        path: '/accounts/:accountId',
        handler: (request) => withAccount(request, (account) => ({ status: 200, body: withLinks(account, request) })),
      },
      {
        method: 'GET',
        path: '/accounts/:accountId/balance',
        handler: (request) =>
          withAccount(request, (account) => ({
            status: 200,
            body: {
              assetCode: account.assetCode,
              assetScale: account.assetScale,
              accountBalance: { accountId: account.accountId, ...balances.get(account.accountId) },
            },
          })),
      },
    ],
    notFound: () => problem(404, { title: 'Not Found', status: 404 }),
  };
}

export const simulator: ProviderSimulator = {
  provider: 'INTERLEDGER',
  create,
  env: (url) => ({ INTERLEDGER_URL: url, INTERLEDGER_USERNAME: 'admin', INTERLEDGER_PASSWORD: DEMO_PASSWORD }),
  sampleIds: INTERLEDGER_FIXTURES.map((f) => formatGlobalId('INTERLEDGER', f.account.accountId)),
};
