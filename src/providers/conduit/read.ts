// Reading Conduit bodies under the shared tolerant-reading rule: the body, then each balance (and list item) alone.
import type { z } from 'zod';
import { ErrorCode, GatewayError } from '../../errors.js';
import type { ProviderClient } from '../../upstream/client.js';
import { readWire, type WireReader } from '../../upstream/wire.js';
import { fetchAnswer } from '../shared/fetched.js';
import { toConduitAccount, toListedConduitAccount, type Read } from './mapping.js';
import type { ConduitAccountModel } from './model.js';
import type { Mapped } from '../types.js';
import { AssetAmountEntry, ClientAccountItemWire, GetAccountWire } from './wire.js';

/** A reader whose reported field paths are prefixed with `at` (`balances.available[].amount`), for entries read alone. */
function under(client: WireReader, at: string): WireReader {
  return {
    provider: client.provider,
    label: client.label,
    error: (...args) => client.error(...args),
    reportWire: (issue) => client.reportWire({ ...issue, fields: issue.fields.map((field) => (field === '(body)' ? at : `${at}.${field}`)) }),
  };
}

/**
 * Each item read with readWire, in order: `{ ok: true, value }`, or `{ ok: false, raw }` when a required field refused
 * it (logged with the field path under `at[]`, and counted like any refusal).
 */
export function readEach<S extends z.ZodType>(
  client: WireReader,
  schema: S,
  items: readonly unknown[],
  route: string,
  at: string,
): Array<Read<z.infer<S>>> {
  const reader = under(client, `${at}[]`);
  return items.map((raw) => {
    try {
      return { ok: true, value: readWire(reader, schema, raw, route) };
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      return { ok: false, raw };
    }
  });
}

/**
 * `GET /accounts/{id}` → the account model. UPSTREAM_ERROR only when the id or `balances.available` cannot be read;
 * an unreadable balance costs only itself (counted in `omittedBalances`).
 */
export function readConduitAccount(client: WireReader, body: unknown, route: string): Mapped<ConduitAccountModel> {
  const account = readWire(client, GetAccountWire, body, route);
  return toConduitAccount({ account, available: readEach(client, AssetAmountEntry, account.balances.available, route, 'balances.available') });
}

/**
 * One item of `GET /clients/{id}/accounts` (`data[]`) → the listed account model. Throws UPSTREAM_ERROR when its
 * `accountId` or balances cannot be read (the caller leaves the item out and says so).
 */
export function readListedConduitAccount(client: WireReader, item: unknown, route: string): Mapped<ConduitAccountModel> {
  const account = readWire(under(client, 'data[]'), ClientAccountItemWire, item, route);
  return toListedConduitAccount({
    account,
    available: readEach(client, AssetAmountEntry, account.balances.available, route, 'data[].balances.available'),
  });
}

/**
 * Conduit has no lookup by a list of ids, so each distinct id is one `GET /accounts/{id}`, all in
 * flight together. Upstream failures keep the client's status mapping: Conduit's documented error
 * body (`{errors:[{detail,code}]}`) carries nothing the gateway may show, and its undocumented 404
 * for an unknown id comes out NOT_FOUND by status alone.
 */
export async function fetchConduitAccount(client: ProviderClient, id: string): Promise<ConduitAccountModel> {
  const answer = await fetchAnswer(client, ['accounts', id]);
  const account = readConduitAccount(client, answer.body, 'GET /accounts/{id}');
  if (account.nativeId !== id) {
    throw client.error(ErrorCode.UpstreamError, 'Conduit answered with a different account than the one asked for.');
  }
  return answer.stamp(account);
}
