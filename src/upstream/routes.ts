// Route templates of upstream calls, for logs and metrics: the method and the path below the base URL with every
// segment that is not a word of a provider's API written `{id}`, so no account id or user name reaches a label.

/**
 * Path segments route templates keep as they are: the words of the providers' APIs (Midaz, Horizon, libeufin-bank,
 * Conduit, the Interledger connector). Anything else in a path is an id and reads `{id}`: a provider whose words are
 * missing here still logs safely, only less precisely.
 */
const ROUTE_WORDS: ReadonlySet<string> = new Set([
  'v1',
  'v2',
  'organizations',
  'ledgers',
  'accounts',
  'account',
  'balances',
  'balance',
  'alias',
  'external',
  'portfolios',
  'segments',
  'assets',
  'metadata',
  'clients',
  'customers',
  'config',
  'monitor',
  'public-accounts',
  'transactions',
  'withdrawals',
  'cashouts',
  'conversion-info',
  'token',
  'challenge',
  'routes',
  'settlements',
  'operations',
  'payments',
  'offers',
  'trades',
  'effects',
  'data',
  'claimable_balances',
  'liquidity_pools',
]);

/** The path without its query (the query is never logged). */
export const withoutQuery = (path: string): string => path.split('?', 1)[0] ?? path;

/** `GET /v1/organizations/{id}/ledgers/{id}/accounts/{id}/balances`, for a request path below `basePath`. */
export function routeTemplate(method: string, path: string, basePath: string): string {
  const below = withoutQuery(path).slice(basePath.length);
  return `${method} ${
    below
      .split('/')
      .map((segment) => (segment === '' || ROUTE_WORDS.has(segment) ? segment : '{id}'))
      .join('/') || '/'
  }`;
}
