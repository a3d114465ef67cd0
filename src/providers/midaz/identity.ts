// Who a Midaz ledger (v3) is to the gateway: id prefix, names, variables, credential headers and defaults.
import type { ProviderIdentity } from '../types.js';

export const midazIdentity: ProviderIdentity<'MIDAZ'> = {
  provider: 'MIDAZ',
  prefix: 'midaz',
  label: 'Midaz',
  typename: 'MidazAccount',
  variables: {
    MIDAZ_URL: { description: 'Midaz ledger API base URL (the part before `/v1`)', secret: false },
    MIDAZ_TOKEN: { description: 'bearer token, when the Midaz auth plugin is on', secret: true },
  },
  configuredHeaders: (env): Record<string, string> => (env.MIDAZ_TOKEN ? { authorization: `Bearer ${env.MIDAZ_TOKEN}` } : {}),
  credentialHeaders: ['authorization'],
  callerHeaders: [['x-midaz-authorization', 'authorization']],
  defaults: { cacheTtlMs: 0, listThreshold: () => 0 },
  // Midaz logs and echoes X-Request-Id, so a gateway request can be found in its logs.
  acceptsRequestId: true,
  simulator: 'midaz',
  exampleFields: 'alias type assetCode statusCode ledgerBalances { key available onHold }',
};
