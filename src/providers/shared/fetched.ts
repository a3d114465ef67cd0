// The one place a model gets its `fetchedAt`: the time the provider gave the answer the model was read from.
import type { ProviderClient } from '../../upstream/client.js';

/** A model with the time its data was read (mapping functions produce the rest: see `Mapped` in ../types.ts). */
export type Stamped<T> = T & { fetchedAt: string };

/** A provider's answer to a read: its body, and what stamps the models read from it. */
export interface Answer {
  /** The parsed body; undefined for 204 No Content (and for an answer the call was told means "nothing here"). */
  readonly body: unknown;
  /** The model with the time of this answer: earlier than now when the answer came from the shared cache. */
  stamp<T extends object>(mapped: T): Stamped<T>;
}

type FetchOptions = Parameters<ProviderClient['fetch']>[1];

/** One read (GET) of a provider, through this request's client: every lookup, list page and list scan reads this way. */
export async function fetchAnswer(client: Pick<ProviderClient, 'fetch'>, segments: readonly string[], options?: FetchOptions): Promise<Answer> {
  const { body, fetchedAt } = await client.fetch(segments, options);
  return { body, stamp: (mapped) => ({ ...mapped, fetchedAt }) };
}

/** A model read from the answer to a change (a POST, PUT or PATCH: never cached), stamped with the time it came. */
export function stampNow<T extends object>(mapped: T): Stamped<T> {
  return { ...mapped, fetchedAt: new Date().toISOString() };
}
