// The Interledger connector's admin API bodies as the server emits them (Jackson writes every number as a string).
import { z } from 'zod';

/**
 * Parses a body keeping every number as its source text, so an upstream that sends real JSON numbers
 * (not Jackson's strings) still never puts an amount through a JS number.
 */
export { parseExactJson } from '../../upstream/exactJson.js';

/** A signed count of base units (a Java long, or a uint64 for packet sizes); never a JS number. */
const baseUnits = z.string().regex(/^-?\d{1,40}$/, 'expected an integer string');

/** Decimal places of the asset: a small integer, 0 to 255. */
const assetScale = z
  .string()
  .regex(/^\d{1,3}$/, 'expected a small integer string')
  .transform(Number)
  .refine((scale) => scale <= 255, 'asset scale above 255');

/** A Java int that must also fit GraphQL's 32-bit Int. */
const smallCount = z
  .string()
  .regex(/^\d{1,10}$/, 'expected a non-negative integer string')
  .transform(Number)
  .refine((count) => count <= 2_147_483_647, 'count above 2^31-1');

export const accountRelationshipWire = z.enum(['PARENT', 'PEER', 'CHILD']);

/**
 * `AccountSettings`. Fields the gateway never shows are left out, so zod strips them: `_links`, and
 * `settlementEngineDetails.baseUrl` (an upstream URL) and its custom settings.
 */
export const accountWire = z.object({
  accountId: z.string(),
  createdAt: z.string().nullish(),
  modifiedAt: z.string().nullish(),
  description: z.string().nullish(),
  accountRelationship: accountRelationshipWire,
  assetCode: z.string().min(1),
  assetScale,
  maximumPacketAmount: baseUnits.nullish(),
  linkType: z.string(),
  ilpAddressSegment: z.string().nullish(),
  connectionInitiator: z.boolean(),
  internal: z.boolean(),
  sendRoutes: z.boolean(),
  receiveRoutes: z.boolean(),
  balanceSettings: z.object({
    minBalance: baseUnits.nullish(),
    settleThreshold: baseUnits.nullish(),
    settleTo: baseUnits,
  }),
  rateLimitSettings: z
    .object({ maxPacketsPerSecond: smallCount.nullish() })
    .nullish(),
  settlementEngineDetails: z
    .object({ settlementEngineAccountId: z.string().nullish() })
    .nullish(),
  customSettings: z.record(z.string(), z.unknown()).nullish(),
});
export type AccountWire = z.infer<typeof accountWire>;

/** `AccountBalanceResponse` of `GET /accounts/{id}/balance`; amounts in base units of `assetScale`. */
export const balanceWire = z.object({
  assetCode: z.string().min(1),
  assetScale,
  accountBalance: z.object({
    accountId: z.string(),
    clearingBalance: baseUnits,
    prepaidAmount: baseUnits,
    netBalance: baseUnits,
  }),
});
export type BalanceWire = z.infer<typeof balanceWire>;

/** `GET /accounts`: a HAL page whose `_embedded` relation name differs between docs (`accounts`) and servers; take its first array. */
export const accountPageWire = z.object({ _embedded: z.record(z.string(), z.unknown()).optional() }).transform(
  (page) => (Object.values(page._embedded ?? {}).find(Array.isArray) as unknown[] | undefined) ?? [],
);

/** An RFC 7807 problem body of the connector (`application/problem+json`); only `type` is read. */
export const problemWire = z.object({ type: z.string().nullish() });
export type ProblemWire = z.infer<typeof problemWire>;

/** Problem types of the accounts API (`https://errors.interledger.org/accounts/…`), by their last segment. */
export const PROBLEM_TYPE = {
  accountExists: 'account-already-exists',
  accountNotFound: 'account-not-found',
  invalidAccountId: 'invalid-account-id',
  invalidAccountSettings: 'invalid-account-settings',
} as const;

/** The body of POST and PUT `/accounts`: `AccountSettings`, numbers as strings like the connector's own. */
export interface AccountSettingsBody {
  accountId: string;
  accountRelationship?: string;
  assetCode?: string;
  assetScale?: string;
  linkType?: string;
  description?: string;
  maximumPacketAmount?: string | null;
  connectionInitiator?: boolean;
  sendRoutes?: boolean;
  receiveRoutes?: boolean;
  balanceSettings?: { minBalance?: string | null; settleThreshold?: string | null; settleTo?: string };
  customSettings?: Record<string, unknown>;
  [other: string]: unknown;
}
