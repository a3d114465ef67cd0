// What every provider module implements: id rules, a per-request source of accounts, and its resolvers.
import type { AccountProvider, Resolvers } from '../generated/resolvers-types.js';
import type { ProviderClient } from '../upstream/client.js';
import type { AccountModel } from './models.js';
import type { SourceOptions } from './batch.js';

/** Per-request access to one provider's accounts, batched and de-duplicated (DataLoader inside). */
export interface AccountSource<M extends AccountModel = AccountModel> {
  /** The account with this canonical native id; rejects with a GatewayError. */
  account(nativeId: string): Promise<M>;
  /** Hands the loader an account read some other way (a list page), so this request never fetches it again. */
  prime(account: M): void;
}

export interface ProviderModule<S extends AccountSource = AccountSource> {
  readonly provider: AccountProvider;
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
}

/** What a pure mapping function produces: the model without `fetchedAt`, which the source adds from the call. */
export type Mapped<M> = Omit<M, 'fetchedAt'>;
