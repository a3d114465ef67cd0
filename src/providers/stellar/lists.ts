// Horizon's account lists (`GET /accounts?signer|sponsor|asset|liquidity_pool`) as a Relay connection over its own cursors.
import type { GraphQLResolveInfo } from 'graphql';
import { badUserInput, ErrorCode, GatewayError } from '../../errors.js';
import type { QueryStellarAccountsArgs } from '../../generated/resolvers-types.js';
import { readWire } from '../../upstream/wire.js';
import { openPage, type Connection, type Edge } from '../shared/connection.js';
import { fetchAnswer } from '../shared/fetched.js';
import type { ProviderCall } from '../shared/resolve.js';
import type { StellarAccountModel } from './model.js';
import { readStellarAccount } from './read.js';
import { accountIdProblem, isAccountId } from './strkey.js';
import { HORIZON_FILTER_PARAMS, horizonAccountPage, type StellarListFilter } from './wire.js';

const ROUTE = 'GET /accounts';
/** Horizon's largest `limit`. */
export const HORIZON_MAX_PAGE = 200;
const ASSET_CODE = /^[A-Za-z0-9]{1,12}$/;
const POOL_ID = /^[0-9a-fA-F]{64}$/;

/** The one filter of a list request, checked and canonical (pool ids in lower case). */
export interface StellarFilter {
  name: StellarListFilter;
  value: string;
}

const FILTER_NAMES = Object.keys(HORIZON_FILTER_PARAMS) as StellarListFilter[];

/** Exactly one filter, valid as Horizon would check it; BAD_USER_INPUT (saying why) otherwise, before any call. */
export function parseStellarFilter(args: Partial<Record<StellarListFilter, string | null>>): StellarFilter {
  const given = FILTER_NAMES.filter((name) => args[name] != null);
  const [name] = given;
  if (given.length !== 1 || name === undefined) {
    throw badUserInput(
      `Horizon lists accounts by exactly one filter: give one of signer, sponsor, asset or liquidityPool${given.length ? ` (got ${given.join(', ')})` : ''}.`,
    );
  }
  const value = args[name] ?? '';
  switch (name) {
    case 'signer':
    case 'sponsor': {
      const problem = accountIdProblem(value);
      if (problem) throw badUserInput(`\`${name}\` must be a Stellar account id: ${problem}.`);
      return { name, value };
    }
    case 'asset':
      return { name, value: checkAsset(value) };
    case 'liquidityPool':
      if (!POOL_ID.test(value)) throw badUserInput('`liquidityPool` must be a pool id: 64 hexadecimal characters.');
      return { name, value: value.toLowerCase() };
  }
}

function checkAsset(value: string): string {
  if (value.toLowerCase() === 'native')
    throw badUserInput('Horizon cannot list the holders of the native asset (XLM): give an issued asset, `CODE:ISSUER`.');
  const parts = value.split(':');
  const [code = '', issuer = ''] = parts;
  if (parts.length !== 2 || !ASSET_CODE.test(code)) {
    throw badUserInput('`asset` must be `CODE:ISSUER`: a code of 1 to 12 letters or digits, a colon, and the issuer’s account id.');
  }
  const problem = accountIdProblem(issuer);
  if (problem) throw badUserInput(`The issuer in \`asset\` must be a Stellar account id: ${problem}.`);
  return value;
}

/** The Horizon query of one page: one record more than asked where the limit allows, to know whether more follow. */
export function pageQuery(filter: StellarFilter, size: number, cursor: string | undefined): Record<string, string> {
  return {
    [HORIZON_FILTER_PARAMS[filter.name]]: filter.value,
    ...(cursor === undefined ? {} : { cursor }),
    limit: String(Math.min(size + 1, HORIZON_MAX_PAGE)),
    order: 'asc',
  };
}

/**
 * Whether another page follows: certain when Horizon sent more than asked; with a full page of 200 (no room for
 * the extra record), Horizon's own rule applies: only a page shorter than the limit is known to be the last.
 */
export const hasMore = (received: number, size: number): boolean => received > size || (size === HORIZON_MAX_PAGE && received === HORIZON_MAX_PAGE);

/** Where a raw record sits in Horizon's order: its paging token, or its account id (older servers send ""). */
function positionOf(raw: unknown): string | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const { paging_token: token, id } = raw as { paging_token?: unknown; id?: unknown };
  if (typeof token === 'string' && token !== '') return token;
  return typeof id === 'string' && isAccountId(id) ? id : undefined;
}

/**
 * One page of `GET /accounts?<filter>`. Records are read one by one: one Horizon sends unreadably (no valid id, no
 * balances) is left out with an error at the list's path, and `endCursor` still moves past it, so the next page never
 * serves it again. An empty page (no records, `records: null`, 204) is an empty connection; `hasNextPage` is true only
 * with a cursor to continue from. A 404 means the server has no account list (Horizon before 1.0): UPSTREAM_ERROR.
 */
export async function listStellarAccounts(
  on: ProviderCall<'STELLAR'>,
  args: QueryStellarAccountsArgs,
  info?: Pick<GraphQLResolveInfo, 'path'>,
): Promise<Connection<StellarAccountModel>> {
  const filter = parseStellarFilter(args);
  const request = openPage(
    on,
    { provider: 'STELLAR', name: 'stellarAccounts', signed: { [filter.name]: filter.value }, maxSize: HORIZON_MAX_PAGE },
    args,
    info,
  );
  const { after, size } = request;
  const { client } = on;
  const answer = await fetchAnswer(client, ['accounts'], { query: pageQuery(filter, size, after) }).catch((error: unknown) => {
    if (error instanceof GatewayError && error.code === ErrorCode.NotFound) {
      throw client.error(
        ErrorCode.UpstreamError,
        'This Stellar server does not list accounts (Horizon 1.0 or later lists them by signer, sponsor, asset or pool).',
      );
    }
    throw error;
  });
  const records = answer.body == null ? [] : (readWire(client, horizonAccountPage, answer.body, ROUTE)._embedded.records ?? []);
  const page = records.slice(0, size);
  const positions = page.map(positionOf);
  // A server ignoring the cursor would page forever.
  if (after !== undefined && positions.some((position) => position !== undefined && position <= after)) {
    throw client.error(ErrorCode.UpstreamError, 'Stellar answered with accounts from before the cursor.');
  }
  const edges: Array<Edge<StellarAccountModel>> = [];
  page.forEach((raw, index) => {
    let node: StellarAccountModel;
    try {
      node = answer.stamp(readStellarAccount(client, raw, ROUTE, '_embedded.records[]'));
    } catch (error) {
      if (error instanceof GatewayError) return;
      throw error;
    }
    on.source.prime(node);
    edges.push({ cursor: request.cursor(positions[index] ?? node.nativeId), node });
  });
  // `endCursor` moves past records left out at the end of the page, so the next page never serves them again.
  const endPosition = [...positions].reverse().find((position) => position !== undefined);
  return request.connection(edges, { more: hasMore(records.length, size), endPosition, leftOut: page.length - edges.length });
}
