// Who a GNU Taler bank (libeufin-bank) is to the gateway: id prefix, names, variables, credential headers and defaults.
import { basicAuthorization } from '../../env.js';
import type { ProviderIdentity } from '../types.js';

/** Taler tokens are sent as `secret-token:…`; accept them with or without the prefix. */
const talerToken = (token: string) => (token.startsWith('secret-token:') ? token : `secret-token:${token}`);

export const talerIdentity: ProviderIdentity<'TALER'> = {
  provider: 'TALER',
  prefix: 'taler',
  label: 'Taler',
  typename: 'TalerAccount',
  variables: {
    TALER_URL: { description: 'base URL of a GNU Taler libeufin-bank Core Bank API', secret: false },
    TALER_TOKEN: { description: 'bearer token (`secret-token:…`, the prefix optional); wins over Basic credentials', secret: true },
    TALER_USERNAME: { description: 'Basic user name (`admin` allows the account list)', secret: false },
    TALER_PASSWORD: { description: 'Basic password', secret: true },
  },
  configuredHeaders: (env) => {
    if (env.TALER_TOKEN) return { authorization: `Bearer ${talerToken(env.TALER_TOKEN)}` };
    return env.TALER_USERNAME && env.TALER_PASSWORD ? basicAuthorization(env.TALER_USERNAME, env.TALER_PASSWORD) : {};
  },
  credentialHeaders: ['authorization'],
  callerHeaders: [['x-taler-authorization', 'authorization']],
  // The admin list needs admin rights: a token or the admin user.
  defaults: { cacheTtlMs: 0, listThreshold: (env) => (env.TALER_TOKEN || env.TALER_USERNAME === 'admin' ? 5 : 0) },
  acceptsRequestId: false,
  simulator: 'taler',
  exampleFields: 'paytoUri status isPublic debitThreshold { amount currency }',
};
