// Who the Interledger connector is to the gateway: id prefix, names, variables, credential headers and defaults.
import { basicAuthorization } from '../../env.js';
import type { ProviderIdentity } from '../types.js';

export const interledgerIdentity: ProviderIdentity<'INTERLEDGER'> = {
  provider: 'INTERLEDGER',
  prefix: 'interledger',
  label: 'Interledger',
  typename: 'InterledgerAccount',
  variables: {
    INTERLEDGER_URL: { description: "base URL of an Interledger connector's admin API", secret: false },
    INTERLEDGER_USERNAME: { description: 'admin API user name (default `admin`)', secret: false },
    INTERLEDGER_PASSWORD: { description: 'admin API password (HTTP Basic)', secret: true },
  },
  // The admin API's Basic credentials; without a password the connector is called without any.
  configuredHeaders: (env) => (env.INTERLEDGER_PASSWORD ? basicAuthorization(env.INTERLEDGER_USERNAME || 'admin', env.INTERLEDGER_PASSWORD) : {}),
  credentialHeaders: ['authorization'],
  callerHeaders: [['x-interledger-authorization', 'authorization']],
  // The admin list answers three or more accounts in one call.
  defaults: { cacheTtlMs: 0, listThreshold: () => 3 },
  acceptsRequestId: false,
  simulator: 'interledger',
  exampleFields: 'relationship assetCode assetScale linkType balance { clearing prepaid net }',
};
