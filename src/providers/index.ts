// The provider registry, typed over AccountProvider: the compiler refuses a provider left out or half-registered.
import type { ProviderRegistry } from '../context.js';
import { interledger } from './interledger/index.js';
import { stellar } from './stellar/index.js';
import { taler } from './taler/index.js';
import { conduit } from './conduit/index.js';
import { midaz } from './midaz/index.js';

export const providers: ProviderRegistry = {
  INTERLEDGER: interledger,
  STELLAR: stellar,
  TALER: taler,
  CONDUIT: conduit,
  MIDAZ: midaz,
};
