// Reading one Taler account (`GET /accounts/{username}`), shared by the loaders and the mutations' read-back.
import type { ProviderClient } from '../../upstream/client.js';
import { readWire } from '../../upstream/wire.js';
import { toTalerAccount, type BalanceRefused } from './mapping.js';
import type { TalerAccountModel } from './model.js';
import { WireAccountData } from './wire.js';

/** The route template operators see in the logs and metrics for an account read. */
export const ACCOUNT_ROUTE = 'GET /accounts/{username}';

/**
 * The account, read under the tolerant-reading rule (wire.ts): UPSTREAM_ERROR only when the body has no balance
 * object; a balance that cannot be read exactly is left out (logged, counted) and the account stands.
 * `fresh`: skip the shared cache (the read-back after a change must see the change).
 */
export async function fetchTalerAccount(client: ProviderClient, username: string, fresh = false): Promise<TalerAccountModel> {
  const { body, fetchedAt } = await client.fetch(['accounts', username], { noCache: fresh });
  const wire = readWire(client, WireAccountData, body, ACCOUNT_ROUTE);
  return { ...toTalerAccount(username, wire, balanceRefused(client, ACCOUNT_ROUTE)), fetchedAt };
}

/**
 * Reports a balance the mapping left out: the provider, the route and the field paths (relative to the account or
 * list entry, like readWire's), never the values.
 */
export function balanceRefused(client: Pick<ProviderClient, 'reportWire'>, route: string): BalanceRefused {
  return (fields) => client.reportWire({ outcome: 'refused', route, fields });
}
