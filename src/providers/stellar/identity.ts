// Who Stellar (a Horizon server) is to the gateway: id prefix, names and defaults. Horizon is public: no credentials.
import type { ProviderIdentity } from '../types.js';

export const stellarIdentity: ProviderIdentity<'STELLAR'> = {
  provider: 'STELLAR',
  prefix: 'stellar',
  label: 'Stellar',
  typename: 'StellarAccount',
  variables: {
    STELLAR_URL: { description: 'Horizon base URL, e.g. `https://horizon-testnet.stellar.org`', secret: false },
  },
  configuredHeaders: () => ({}),
  credentialHeaders: [],
  callerHeaders: [],
  // Public ledger data: a few seconds of caching spares Horizon's rate limit. Horizon has no lookup by a list of ids.
  defaults: { cacheTtlMs: 5_000, listThreshold: () => 0 },
  acceptsRequestId: false,
  simulator: 'stellar',
  exampleFields: 'sequence subentryCount trustlines { asset { code issuer } balance limit authorized } signers { key type weight }',
};
