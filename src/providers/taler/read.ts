// Reading one Taler account (`GET /accounts/{username}`), shared by the loaders and the mutations' read-back.
import { ErrorCode, GatewayError } from '../../errors.js';
import type { ProviderClient } from '../../upstream/client.js';
import { readWire } from '../../upstream/wire.js';
import { toTalerAccount } from './mapping.js';
import type { TalerAccountModel } from './model.js';
import { WireAccountData } from './wire.js';

/** `fresh`: skip the shared cache (the read-back after a change must see the change). */
export async function fetchTalerAccount(client: ProviderClient, username: string, fresh = false): Promise<TalerAccountModel> {
  const { body, fetchedAt } = await client.fetch(['accounts', username], { noCache: fresh });
  return { ...mapOrRefuse(client, () => toTalerAccount(username, readWire(client, WireAccountData, body, 'GET /accounts/{username}'))), fetchedAt };
}

/** A mapping that throws on a malformed amount becomes UPSTREAM_ERROR for this account. */
export function mapOrRefuse<T>(client: ProviderClient, map: () => T): T {
  try {
    return map();
  } catch (cause) {
    if (cause instanceof GatewayError) throw cause;
    throw client.error(ErrorCode.UpstreamError, 'Taler sent a response the gateway could not read.', { cause });
  }
}
