// The provider registry: the only list of provider modules. Typed over AccountProvider (whose values each provider's
// SDL adds), so the compiler refuses a provider left out or half-registered; every per-provider table of the gateway
// (id prefixes, variables, credential headers, redaction paths, type names, labels) is derived from it.
import type { AccountProvider } from '../generated/resolvers-types.js';
import type { AccountSource, ProviderIdentity, ProviderModule } from './types.js';
import { interledger } from './interledger/index.js';
import { stellar } from './stellar/index.js';
import { taler } from './taler/index.js';
import { conduit } from './conduit/index.js';
import { midaz } from './midaz/index.js';

/** One complete module per AccountProvider value, under its own key: the compiler refuses anything less. */
export type ProviderModules = { readonly [P in AccountProvider]: ProviderModule<AccountSource, P> };

export const providers = {
  INTERLEDGER: interledger,
  STELLAR: stellar,
  TALER: taler,
  CONDUIT: conduit,
  MIDAZ: midaz,
} as const satisfies ProviderModules;

/** Each provider's source type, as its module creates it (`ctx.source('TALER').details`). */
export type SourceMap = { [P in AccountProvider]: ReturnType<(typeof providers)[P]['createSource']> };

/** The registry's type, keyed so that `registry[provider]` knows its provider's source type. */
export type ProviderRegistry = { readonly [P in AccountProvider]: ProviderModule<SourceMap[P], P> };

/** Every provider, in registry order. */
export const PROVIDERS = Object.freeze(Object.keys(providers) as AccountProvider[]);

/** A provider's identity (see ProviderIdentity). */
export const identityOf = <P extends AccountProvider>(provider: P): ProviderIdentity<P> => providers[provider].identity as ProviderIdentity<P>;

/** Every provider's identity, in registry order. */
export const IDENTITIES: readonly ProviderIdentity[] = Object.freeze(PROVIDERS.map((provider) => identityOf(provider)));

/** A provider's name in messages: "Taler". */
export const labelOf = (provider: AccountProvider): string => providers[provider].identity.label;
