// Reading Horizon accounts under the shared tolerant-reading rule: the account, then each balance line and signer.
import type { z } from 'zod';
import { ErrorCode, GatewayError } from '../../errors.js';
import type { ProviderClient } from '../../upstream/client.js';
import { readWire, type WireReader } from '../../upstream/wire.js';
import { fetchAnswer } from '../shared/fetched.js';
import { toStellarAccount, type Read } from './mapping.js';
import type { StellarAccountModel } from './model.js';
import type { Mapped } from '../types.js';
import { horizonAccount, horizonBalanceEntry, horizonSignerEntry } from './wire.js';

/**
 * Each item of a list read with readWire, in order: `{ ok: true, value }`, or `{ ok: false, raw }` when a required
 * field refused it (logged and counted like any refusal). Field paths in logs and metrics are prefixed with `at`
 * (`balances[].balance`), so operators see where in the body the field sits.
 */
export function readEach<S extends z.ZodType>(
  client: WireReader,
  schema: S,
  items: readonly unknown[],
  route: string,
  at: string,
): Array<Read<z.infer<S>>> {
  const reader: WireReader = {
    provider: client.provider,
    label: client.label,
    error: (...args) => client.error(...args),
    reportWire: (issue) =>
      client.reportWire({ ...issue, fields: issue.fields.map((field) => (field === '(body)' ? `${at}[]` : `${at}[].${field}`)) }),
  };
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
 * A Horizon account body (`GET /accounts/{account_id}`, or one record of `GET /accounts` with `at` =
 * `_embedded.records[]`) → the account model. Throws UPSTREAM_ERROR only when the id or the `balances` array cannot
 * be read; an unreadable balance line or signer costs only itself (counted in `leftOut`).
 */
export function readStellarAccount(client: WireReader, body: unknown, route: string, at = ''): Mapped<StellarAccountModel> {
  const prefix = (field: string) => (at ? `${at}.${field}` : field);
  const reader: WireReader = at
    ? {
        provider: client.provider,
        label: client.label,
        error: (...args) => client.error(...args),
        reportWire: (issue) => client.reportWire({ ...issue, fields: issue.fields.map((field) => (field === '(body)' ? at : prefix(field))) }),
      }
    : client;
  const account = readWire(reader, horizonAccount, body, route);
  return toStellarAccount({
    account,
    lines: readEach(client, horizonBalanceEntry, account.balances, route, prefix('balances')),
    signers: account.signers == null ? null : readEach(client, horizonSignerEntry, account.signers, route, prefix('signers')),
  });
}

/**
 * One account, read under the tolerant-reading rule (see wire.ts) and checked to be the one asked for. Horizon has
 * no lookup by a list of ids, so each id is its own call. UPSTREAM_ERROR when the id or the balances cannot be read.
 */
export async function fetchStellarAccount(client: ProviderClient, accountId: string): Promise<StellarAccountModel> {
  const answer = await fetchAnswer(client, ['accounts', accountId]);
  const account = readStellarAccount(client, answer.body, 'GET /accounts/{account_id}');
  if (account.nativeId !== accountId) {
    throw client.error(ErrorCode.UpstreamError, 'Stellar answered with a different account than the one asked for.');
  }
  return answer.stamp(account);
}
