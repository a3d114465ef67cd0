// Who Conduit is to the gateway: id prefix, names, variables, credential headers (API version 2024-12-01) and defaults.
import type { ProviderIdentity } from '../types.js';

export const conduitIdentity: ProviderIdentity<'CONDUIT'> = {
  provider: 'CONDUIT',
  prefix: 'conduit',
  label: 'Conduit',
  typename: 'ConduitAccount',
  variables: {
    CONDUIT_URL: { description: 'Conduit API base URL', secret: false },
    CONDUIT_API_KEY: { description: 'sent as `X-API-Key`', secret: true },
    CONDUIT_API_SECRET: { description: 'sent as `X-API-Secret`', secret: true },
  },
  // The API version is pinned: the gateway reads the 2024-12-01 shapes.
  configuredHeaders: (env) => ({
    ...(env.CONDUIT_API_KEY ? { 'x-api-key': env.CONDUIT_API_KEY } : {}),
    ...(env.CONDUIT_API_SECRET ? { 'x-api-secret': env.CONDUIT_API_SECRET } : {}),
    'api-version': '2024-12-01',
  }),
  credentialHeaders: ['x-api-key', 'x-api-secret'],
  callerHeaders: [
    ['x-conduit-api-key', 'x-api-key'],
    ['x-conduit-api-secret', 'x-api-secret'],
  ],
  defaults: { cacheTtlMs: 0, listThreshold: () => 0 },
  acceptsRequestId: false,
  simulator: 'conduit',
  exampleFields: 'availableBalances { asset { code network } amount country }',
};
