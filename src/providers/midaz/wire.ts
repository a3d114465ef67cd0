// The Midaz v3.0–v3.8 wire shapes (Account, Balance, the list pages) under the tolerant-reading rule, and the JSON parser that keeps amounts exact.
//
// Sources (LerianStudio/midaz, read at tags v3.0.0 … v3.8.0): pkg/mmodel/account.go, pkg/mmodel/balance.go,
// pkg/mmodel/balance_settings.go and pkg/mmodel/balance_position.go (v3.7+), pkg/net/http/httputils.go (Pagination).
// What each version family sends:
//   v3.0–v3.2  Balance without `key` (one balance per account: the default one); Account without `blocked`.
//   v3.3–v3.6  Balance `key`; Account `blocked` from v3.4.
//   v3.7–v3.8  Balance `direction` ("credit"|"debit", omitted when empty), `overdraftUsed`, `settings` (omitted when
//              nil) and the computed `position` block (Balance.MarshalJSON); the overdraft companion balance.
// Amounts are shopspring/decimal values, which Midaz writes as JSON strings ("150.5"); the swagger types them `number`,
// so numbers are read too, exactly (parseExactJson hands them over as decimal text).
import { z } from 'zod';
import { isDecimal } from '../../decimal.js';
import { ErrorCode } from '../../errors.js';
import type { WireReader } from '../../upstream/wire.js';

/**
 * JSON.parse, except that every JSON number arrives as its source text: v3 sends amounts as strings,
 * but the swagger types them `number`, and a server that follows it must not lose a digit here.
 */
export { parseExactJson } from '../../upstream/exactJson.js';

/** Any UUID version, either case (Midaz generates v7, older data may hold v4). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const uuid = z.string().regex(UUID_PATTERN, 'not a UUID');
/** An exact, exponent-free decimal string ("23212.31", "-5", "0"): what Midaz writes, and what parseExactJson makes of a JSON number. */
const decimalText = z.string().refine(isDecimal, 'not an exponent-free decimal string');
/** An integer that parseExactJson hands over as text, or plain JSON.parse as a number. */
const integer = z.union([z.number().int(), z.string().regex(/^-?\d+$/)]);
/** A timestamp a DateTime can carry (Go writes RFC 3339 with up to nine fractional digits). */
const timestamp = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not a date-time');
/** Text that may be anything the gateway only passes on. */
const text = z.string();

/**
 * `GET …/accounts/{id}` (and each entry of `GET …/accounts`, and the POST/PATCH answers). Required: the three ids
 * (identity) and the asset code (what the account's money is in; every v3 version sends it). Everything else degrades
 * to absent when missing or unreadable (see upstream/wire.ts).
 */
export const wireAccountSchema = z.object({
  id: uuid,
  organizationId: uuid,
  ledgerId: uuid,
  assetCode: z.string().min(1),
  name: text.nullish(),
  parentAccountId: uuid.nullish(),
  entityId: text.nullish(),
  portfolioId: uuid.nullish(),
  segmentId: uuid.nullish(),
  status: z.object({ code: text.nullish(), description: text.nullish() }).nullish(),
  alias: text.nullish(),
  type: text.nullish(),
  /** v3.4+; false (Midaz's default) when absent. */
  blocked: z.boolean().nullish(),
  createdAt: timestamp.nullish(),
  updatedAt: timestamp.nullish(),
  deletedAt: timestamp.nullish(),
  /** Omitted by the server when empty; flat (values are never nested). */
  metadata: z.record(z.string(), z.unknown()).nullish(),
});
export type WireAccount = z.infer<typeof wireAccountSchema>;

/** `settings` of a v3.7+ balance (pkg/mmodel/balance_settings.go); omitted for balances without custom settings. */
export const wireBalanceSettingsSchema = z.object({
  /** "transactional" (the default, also when empty or absent) or "internal" (system-managed, e.g. the overdraft companion). */
  balanceScope: text.nullish(),
  allowOverdraft: z.boolean().nullish(),
  overdraftLimitEnabled: z.boolean().nullish(),
  /** A decimal string, present only when the limit is enabled. */
  overdraftLimit: decimalText.nullish(),
});

/** The computed `position` block of a v3.7+ balance (pkg/mmodel/balance_position.go): response-only, never stored. */
export const wireBalancePositionSchema = z.object({
  /** available − overdraftUsed: negative when the balance is overdrawn. */
  available: decimalText.nullish(),
  onHold: decimalText.nullish(),
  /** "0" when overdraft is off, limit − used when limited; omitted when overdraft is unlimited. */
  overdraftLimitAvailable: decimalText.nullish(),
});

/**
 * One balance entry. Required: the id, the asset code and the two amounts every version sends. The amounts later
 * versions add (`overdraftUsed`, `position.available`) may be absent, but when present they must read exactly:
 * see BALANCE_AMOUNTS.
 */
export const wireBalanceSchema = z.object({
  id: z.string().min(1),
  assetCode: z.string().min(1),
  available: decimalText,
  onHold: decimalText,
  organizationId: text.nullish(),
  ledgerId: text.nullish(),
  accountId: text.nullish(),
  alias: text.nullish(),
  /** v3.3+; absent before, when an account had only its default balance. */
  key: text.nullish(),
  overdraftUsed: decimalText.nullish(),
  version: integer.nullish(),
  accountType: text.nullish(),
  allowSending: z.boolean().nullish(),
  allowReceiving: z.boolean().nullish(),
  /** v3.7+: "credit" or "debit"; omitted (empty) on rows that predate it, which Midaz treats as "credit". */
  direction: text.nullish(),
  settings: wireBalanceSettingsSchema.nullish(),
  position: wireBalancePositionSchema.nullish(),
  createdAt: timestamp.nullish(),
  updatedAt: timestamp.nullish(),
  deletedAt: timestamp.nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
});
export type WireBalance = z.infer<typeof wireBalanceSchema>;

/** Balance fields that may be absent (older versions) but never unreadable: they are money. */
export const BALANCE_AMOUNTS = ['overdraftUsed', 'position.available'] as const;

/**
 * `GET …/accounts/{id}/balances`: one cursor page. `items` is required (every version writes it) and null on an empty
 * page (Go's nil slice); `next_cursor` is absent (or empty) on the last page. The entries are read one by one
 * (readEntries), so one unreadable entry costs only itself.
 */
export const wireBalancePageSchema = z.object({
  items: z.array(z.unknown()).nullable(),
  limit: integer.nullish(),
  next_cursor: text.nullish(),
  prev_cursor: text.nullish(),
});
export type WireBalancePage = z.infer<typeof wireBalancePageSchema>;
/** A page field that may be absent but never unreadable: without it the gateway cannot know the list is whole. */
export const BALANCE_PAGE_FIELDS = ['next_cursor'] as const;

/** `GET …/accounts`: one page by number; the body carries no total; `items` is required, and null on an empty page. */
export const wireAccountPageSchema = z.object({
  items: z.array(z.unknown()).nullable(),
  page: integer.nullish(),
  limit: integer.nullish(),
});
export type WireAccountPage = z.infer<typeof wireAccountPageSchema>;

/**
 * readWire's reader for bodies with fields that are optional only in that they may be absent (amounts a later version
 * added, a list's items or next cursor): when the tolerant rule would drop one of `fields` because its value cannot be
 * read, the body is refused instead (logged as refused with those paths, UPSTREAM_ERROR), never read as if the field
 * were absent. A path counts when it is one of `fields`, lies inside one, or contains one (`position` for
 * `position.available`).
 */
export function strictWhenPresent(client: WireReader, fields: readonly string[]): WireReader {
  const touches = (path: string) =>
    fields.some((field) => path === field || path.startsWith(`${field}.`) || path.startsWith(`${field}[`) || field.startsWith(`${path}.`));
  return {
    provider: client.provider,
    label: client.label,
    error: (code, message, extra) => client.error(code, message, extra),
    reportWire: (issue) => {
      const hit = issue.outcome === 'degraded' ? issue.fields.filter(touches) : [];
      if (hit.length === 0) return client.reportWire(issue);
      client.reportWire({ outcome: 'refused', route: issue.route, fields: hit });
      throw client.error(ErrorCode.UpstreamError, `${client.label} sent a response the gateway could not read.`);
    },
  };
}

/**
 * readWire's reader for the entries of a list read one by one (readEntries): each reported field path is prefixed with
 * where the entries sit in the body (`items[]`), so operators read `items[].available` under the page's route.
 */
export function entriesAt(client: WireReader, prefix: string): WireReader {
  return {
    provider: client.provider,
    label: client.label,
    error: (code, message, extra) => client.error(code, message, extra),
    reportWire: (issue) => client.reportWire({ ...issue, fields: issue.fields.map((field) => (field === '(body)' ? prefix : `${prefix}.${field}`)) }),
  };
}

/** Midaz's error body: a 4-digit code, a title and a message; 400s may add `fields` ({field: message}). */
export const wireErrorSchema = z.object({
  code: z.string(),
  title: z.string().nullish(),
  message: z.string().nullish(),
  entityType: z.string().nullish(),
  fields: z.record(z.string(), z.unknown()).nullish(),
});
export type WireError = z.infer<typeof wireErrorSchema>;

/** The status object of create and update bodies. */
export interface WireStatusInput {
  code: string;
  description?: string;
}

/** `POST …/accounts`: only the fields Midaz accepts (any other is refused with 0053). */
export interface WireCreateAccountBody {
  assetCode: string;
  type: string;
  name?: string;
  alias?: string;
  parentAccountId?: string;
  portfolioId?: string;
  segmentId?: string;
  entityId?: string;
  status?: WireStatusInput;
  blocked?: boolean;
  metadata?: Record<string, string>;
}

/** `PATCH …/accounts/{id}`: the mutable fields only; a metadata value of null removes the key (JSON merge patch). */
export interface WireUpdateAccountBody {
  name?: string;
  portfolioId?: string;
  segmentId?: string;
  entityId?: string;
  status?: WireStatusInput;
  blocked?: boolean;
  metadata?: Record<string, string | null>;
}
