// What every provider module implements: its identity, id rules, a per-request source of accounts, and its resolvers.
import type { AccountProvider, AccountResolvers, Resolvers } from '../generated/resolvers-types.js';
import type { ProviderClient } from '../upstream/client.js';
import type { Env } from '../env.js';
import type { AccountModel } from './models.js';
import type { SourceOptions } from './batch.js';

/** The names of the schema's types implementing Account: one per provider. */
export type AccountTypename = NonNullable<Awaited<ReturnType<AccountResolvers['__resolveType']>>>;

/** One environment variable of a provider's own (besides the `<PROVIDER>_URL`, `_TIMEOUT_MS`, `_CACHE_TTL_MS` and `_LIST_THRESHOLD` every provider has). */
export interface ProviderVariable {
  /** What it holds, for people (the README's configuration table says the same). */
  readonly description: string;
  /** A credential: never logged; set on a gateway without authentication, it draws a start-up warning. */
  readonly secret: boolean;
}

/**
 * Everything the gateway's shared parts know of one provider, kept in the provider's folder (`identity.ts`): every
 * table that used to be kept by hand elsewhere (id prefixes, variables, credential headers, redaction paths, type
 * names, labels) is derived from these objects through the registry (src/providers/index.ts).
 */
export interface ProviderIdentity<P extends AccountProvider = AccountProvider> {
  readonly provider: P;
  /** The prefix of its global ids (`<prefix>:<nativeId>`): always the provider's value in lower case (see ids.ts). */
  readonly prefix: Lowercase<P>;
  /** Its name in messages and logs: "Interledger has no such account." */
  readonly label: string;
  /** The GraphQL object type of its accounts (implements Account and Node). */
  readonly typename: AccountTypename;
  /**
   * Its own environment variables, each starting with its value (`TALER_TOKEN`). The URL variable is `<PROVIDER>_URL`:
   * set, it turns the provider on.
   */
  readonly variables: Readonly<Record<`${P}_${string}`, ProviderVariable>>;
  /**
   * The headers sent with every call, from its variables (credentials, a fixed API version). Reads only the variables
   * declared above; throws ConfigError naming the variable when one is malformed.
   */
  configuredHeaders(env: Env): Record<string, string>;
  /** Upstream headers that carry its credentials: redacted wherever headers are logged. */
  readonly credentialHeaders: readonly string[];
  /**
   * Headers a caller may send to use their own credentials for one request instead of the configured ones: request
   * header (lower case) → the upstream header it becomes. A caller sends all of them or none.
   */
  readonly callerHeaders: ReadonlyArray<readonly [request: string, upstream: string]>;
  readonly defaults: {
    /** How long a successful response may be served from the shared cache, in ms (0: not cached). */
    readonly cacheTtlMs: number;
    /** Distinct accounts of one request from which a list call replaces single calls (0: never). */
    listThreshold(env: Env): number;
  };
  /** Whether its API takes the caller's request id as X-Request-Id (the others are not sent one). */
  readonly acceptsRequestId: boolean;
  /** Its simulator for demo mode and tests: the folder `simulators/<name>/` (never loaded in production). */
  readonly simulator: string;
  /** GraphiQL's example selection on its account type. */
  readonly exampleFields: string;
}

/** Per-request access to one provider's accounts, batched and de-duplicated (DataLoader inside). */
export interface AccountSource<M extends AccountModel = AccountModel> {
  /** The account with this canonical native id; rejects with a GatewayError. */
  account(nativeId: string): Promise<M>;
  /** Hands the loader an account read some other way (a list page), so this request never fetches it again. */
  prime(account: M): void;
}

import type { ActivityFeature, Capabilities } from '../activity/types.js';

import type { LiveFeature } from '../live/types.js';

export interface ProviderModule<S extends AccountSource = AccountSource, P extends AccountProvider = AccountProvider> {
  /** Who the provider is to the rest of the gateway (see ProviderIdentity). */
  readonly identity: ProviderIdentity<P>;
  /**
   * Checks a native id (the part after `provider:`) and returns its canonical form, which is both the
   * loader key and the id the account is returned under. Throws BAD_USER_INPUT; never calls upstream.
   */
  parseNativeId(nativeId: string): string;
  /** A fresh source for one GraphQL request: its loaders must never be shared between requests. */
  createSource(client: ProviderClient, options?: SourceOptions): S;
  /** Resolvers of the provider's own GraphQL types (lazy fields); plain fields resolve by default. */
  readonly resolvers: Resolvers;
  /**
   * Fields of the provider's account type that need calls of their own, and how to start them: when a lookup
   * selects one, its call starts together with the account's instead of one round trip later.
   */
  readonly lazyFields?: { typename: string; fields: readonly string[]; prefetch(source: S, nativeId: string): Promise<unknown> };
  /** The account history, where the provider keeps one per account (`Account.activity`, `Query.activity`). */
  readonly activity?: ActivityFeature;
  /**
   * How its accounts are followed live when the provider can tell of new movements itself (a stream, a long poll);
   * without it, the account (and its activity, where it has one) is read every `<PROVIDER>_POLL_INTERVAL_MS`.
   */
  readonly live?: LiveFeature;
  /** What its accounts support besides reading (UPDATE, DELETE); ACTIVITY comes with `activity`, LIVE_UPDATES with the gateway's subscriptions. */
  readonly capabilities?: Capabilities;
}

/** What a pure mapping function produces: the model without `fetchedAt`, which the source adds from the call. */
export type Mapped<M> = Omit<M, 'fetchedAt'>;
