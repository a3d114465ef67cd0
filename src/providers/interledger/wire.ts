// The Interledger connector's admin API bodies (interledger4j/ilpv4-connector), read under the shared tolerant rule
// (src/upstream/wire.ts): required are only what identity and money need (the account id, the asset code and scale,
// and the three amounts of a balance); every other field is optional and degrades to absent when it cannot be read.
//
// Numbers: every released connector (0.1.0 to 0.5.1) writes them as JSON strings (ObjectMapperFactory sets
// WRITE_NUMBERS_AS_STRINGS), but a connector with another Jackson configuration writes real JSON numbers. Bodies are
// parsed with parseExactJson, which hands every JSON number over as its exact decimal text, so both read alike and
// no amount ever passes through a JS number.
import { z } from 'zod';

/**
 * Parses a body keeping every number as its exact decimal text, so an upstream that sends real JSON numbers
 * (not Jackson's strings) still never puts an amount through a JS number.
 */
export { parseExactJson } from '../../upstream/exactJson.js';

/** Digits an integer of the connector may have: a uint64 has 20, a Java long 19; 40 leaves room and bounds the work. */
const MAX_DIGITS = 40;
const NUMBER_TEXT = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d{1,4}))?$/;

/**
 * The integer a decimal text stands for, as canonical integer text ("1E+3" → "1000", "150.0" → "150", "-0" → "0"),
 * or undefined when the text is not an exact integer of at most 40 digits ("1.5", "5e-7", "abc").
 */
export function exactInteger(text: string): string | undefined {
  const match = NUMBER_TEXT.exec(text);
  if (!match) return undefined;
  const [, sign = '', whole = '', fraction = '', exponentText = '0'] = match;
  const exponent = Number(exponentText);
  let digits = whole + fraction;
  let point = whole.length + exponent;
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point - digits.length > MAX_DIGITS) return undefined;
  if (point > digits.length) digits = digits.padEnd(point, '0');
  if (/[1-9]/.test(digits.slice(point))) return undefined;
  const integer = digits.slice(0, point).replace(/^0+(?=\d)/, '') || '0';
  if (integer.length > MAX_DIGITS) return undefined;
  return sign && integer !== '0' ? `-${integer}` : integer;
}

/** An integer field: its exact decimal text (a JSON string, or a JSON number handed over as text) as integer text. */
const integerText = (message: string) =>
  z.union([z.string(), z.number()]).transform((value, ctx) => {
    const integer = typeof value === 'string' ? exactInteger(value) : Number.isSafeInteger(value) ? String(value) : undefined;
    if (integer === undefined) {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return integer;
  });

/** A signed count of base units (a Java long, or a uint64 for packet sizes), as integer text; never a JS number. */
export const baseUnits = integerText('expected an integer');

/** Decimal places of the asset: a small integer, 0 to 255 (small enough to be a JS number). */
const assetScale = integerText('expected a small integer')
  .transform(Number)
  .refine((scale) => scale >= 0 && scale <= 255, 'asset scale outside 0 to 255');

/** A Java int that must also fit GraphQL's 32-bit Int. */
const smallCount = integerText('expected an integer')
  .transform(Number)
  .refine((count) => count >= 0 && count <= 2_147_483_647, 'count outside 0 to 2^31-1');

/** An instant as the connector writes it (ISO 8601 UTC); one the gateway's DateTime cannot carry (Instant.MAX) degrades. */
const instant = z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'not a date-time');

/** The relationships the connector defines (AccountRelationship); any other value is kept raw, never refused. */
export const RELATIONSHIPS = ['PARENT', 'PEER', 'CHILD'] as const;

/**
 * `AccountSettings` as the connector writes it. Fields the gateway never shows are left out, so zod strips them:
 * `_links`, and `settlementEngineDetails.baseUrl` (an upstream URL) and its custom settings. A wrong amount limit
 * degrades to absent like any optional field; the mapping tells that apart from "unlimited" (null) by the raw body.
 */
export const accountWire = z.object({
  accountId: z.string().min(1),
  assetCode: z.string().min(1),
  assetScale,
  createdAt: instant.nullish(),
  modifiedAt: instant.nullish(),
  description: z.string().nullish(),
  accountRelationship: z.string().nullish(),
  maximumPacketAmount: baseUnits.nullish(),
  linkType: z.string().nullish(),
  ilpAddressSegment: z.string().nullish(),
  connectionInitiator: z.boolean().nullish(),
  internal: z.boolean().nullish(),
  sendRoutes: z.boolean().nullish(),
  receiveRoutes: z.boolean().nullish(),
  balanceSettings: z
    .object({
      minBalance: baseUnits.nullish(),
      settleThreshold: baseUnits.nullish(),
      settleTo: baseUnits.nullish(),
    })
    .nullish(),
  rateLimitSettings: z.object({ maxPacketsPerSecond: smallCount.nullish() }).nullish(),
  settlementEngineDetails: z.object({ settlementEngineAccountId: z.string().nullish() }).nullish(),
  customSettings: z.record(z.string(), z.unknown()).nullish(),
});
export type AccountWire = z.infer<typeof accountWire>;

/** `AccountBalanceResponse` of `GET /accounts/{id}/balance` (connector 0.2.0 and later); amounts in base units of `assetScale`. */
export const balanceWire = z.object({
  assetCode: z.string().min(1),
  assetScale,
  accountBalance: z.object({
    accountId: z.string().nullish(),
    clearingBalance: baseUnits,
    prepaidAmount: baseUnits,
    netBalance: baseUnits,
  }),
});
export type BalanceWire = z.infer<typeof balanceWire>;

/**
 * `GET /accounts`: a HAL page whose `_embedded` relation name differs between docs (`accounts`) and servers
 * (`immutableAccountSettingsList`); its first array, entries unread (each is read on its own). No `_embedded`
 * (Spring HATEOAS leaves it out of an empty page), or none readable, is an empty page.
 */
export const accountPageWire = z
  .object({ _embedded: z.record(z.string(), z.unknown()).nullish() })
  .transform((page) => (Object.values(page._embedded ?? {}).find(Array.isArray) as unknown[] | undefined) ?? []);

/**
 * One `StreamPayment` of `GET /accounts/{accountId}/payments` (connector 0.5.0 and later). Required are what identity,
 * time and money need: the payment id, the amount (signed base units: the connector's own check keeps a payment sent
 * at or below 0 and one received at or above 0), the asset code and scale, and `createdAt` (the list's order).
 * Everything else degrades to absent when it cannot be read.
 */
export const paymentWire = z.object({
  streamPaymentId: z.string().min(1),
  accountId: z.string().nullish(),
  sourceAddress: z.string().nullish(),
  destinationAddress: z.string().nullish(),
  amount: baseUnits,
  expectedAmount: baseUnits.nullish(),
  packetCount: smallCount.nullish(),
  assetCode: z.string().min(1),
  assetScale,
  status: z.string().nullish(),
  type: z.string().nullish(),
  // A Guava UnsignedLong: never below 0.
  deliveredAmount: baseUnits.refine((units) => !units.startsWith('-'), 'a delivered amount below 0').nullish(),
  deliveredAssetCode: z.string().nullish(),
  deliveredAssetScale: assetScale.nullish(),
  createdAt: instant,
  modifiedAt: instant.nullish(),
});
export type PaymentWire = z.infer<typeof paymentWire>;

/**
 * `ListStreamPaymentsResponse`: one page (`?page=`, 0-based) of at most `pageSize` (always 100) payments, newest first;
 * entries unread (each is read on its own). A page with fewer than `pageSize` payments is the last.
 */
export const paymentPageWire = z.object({
  payments: z.array(z.unknown()),
  pageNumber: smallCount.nullish(),
  pageSize: smallCount.refine((size) => size > 0, 'a page size of 0').nullish(),
});

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
