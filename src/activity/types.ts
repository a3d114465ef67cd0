// What a provider module gives to read account activity: pages of one account's history, newest first.
import type { AccountCapability, ActivityDirection, Asset } from '../generated/resolvers-types.js';
import type { ProviderClient } from '../upstream/client.js';

/**
 * One movement as a provider module maps it: the AccountActivity fields, `__typename` (the provider's own type) and
 * that type's own fields. Amounts are exact decimal strings in major units, signed (a debit is negative).
 */
export interface ActivityModel {
  __typename: string;
  /** `activity:<provider>:<account native id>:<entry id>` (see activityId). */
  id: string;
  /** The account's global id. */
  accountId: string;
  /** ISO 8601. */
  occurredAt: string;
  direction: ActivityDirection;
  amount: string;
  asset: Asset;
  counterparty: string | null;
  description: string | null;
  [field: string]: unknown;
}

/** One entry of a page and where to resume just after it (a provider position: paging token, row id, …). */
export interface PagedEntry {
  entry: ActivityModel;
  position: string;
}

/** A page of one account's history, newest first. */
export interface ActivityPage {
  entries: PagedEntry[];
  /** Whether older entries follow the last one of this page. */
  hasMore: boolean;
  /** Entries the provider sent that could not be read exactly (left out, with an error at the list's path). */
  omitted: number;
}

/** What one page read asks for: at most `size` entries, newest first, after `position` (none: from the newest). */
export interface ActivityRequest {
  size: number;
  after?: string | undefined;
}

/** A provider's account history, where it keeps one per account. */
export interface ActivityFeature {
  /** One page of the account's history; throws a GatewayError on failure (NOT_FOUND for an unknown account). */
  page(client: ProviderClient, nativeId: string, request: ActivityRequest): Promise<ActivityPage>;
  /** One entry by its provider id, for `node(id:)`, where the provider can read one; NOT_FOUND when it has none. */
  entry?(client: ProviderClient, nativeId: string, entryId: string): Promise<ActivityModel>;
}

/** What a provider's accounts support; ACTIVITY is added when the module has an ActivityFeature. */
export type Capabilities = readonly AccountCapability[];

/** The global id of an activity entry: `activity:<provider prefix>:<account native id>:<entry id>`. */
export const activityId = (prefix: string, nativeId: string, entryId: string): string => `activity:${prefix}:${nativeId}:${entryId}`;

/** The parts of an activity id; undefined when the text is not one (`activity:<prefix>:<native id>:<entry id>`). */
export function parseActivityId(id: string): { prefix: string; nativeId: string; entryId: string } | undefined {
  const match = /^activity:([a-z]+):(.+):([^:]+)$/.exec(id);
  return match ? { prefix: match[1]!, nativeId: match[2]!, entryId: match[3]! } : undefined;
}
