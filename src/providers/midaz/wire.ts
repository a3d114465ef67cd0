// The Midaz v3.8 wire shapes (Account, Balance, the balances cursor page) and the JSON parser that keeps amounts exact.
import { z } from 'zod';
import { isDecimal } from '../../decimal.js';

/**
 * JSON.parse, except that every JSON number arrives as its source text: v3 sends amounts as strings,
 * but the swagger types them `number`, and a server that follows it must not lose a digit here.
 */
export { parseExactJson } from '../../upstream/exactJson.js';

/** Any UUID version, either case (Midaz generates v7, older data may hold v4). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const uuid = z.string().regex(UUID_PATTERN, 'not a UUID');
/** An exact, exponent-free decimal string ("23212.31", "-5", "0"). */
const decimalText = z.string().refine(isDecimal, 'not an exponent-free decimal string');
/** An integer that parseExactJson hands over as text, or plain JSON.parse as a number. */
const integer = z.union([z.number().int(), z.string().regex(/^-?\d+$/)]);

export const wireAccountSchema = z.object({
  id: uuid,
  name: z.string().nullish(),
  parentAccountId: uuid.nullish(),
  entityId: z.string().nullish(),
  assetCode: z.string(),
  organizationId: uuid,
  ledgerId: uuid,
  portfolioId: uuid.nullish(),
  segmentId: uuid.nullish(),
  status: z.object({ code: z.string(), description: z.string().nullish() }),
  alias: z.string().nullish(),
  type: z.string(),
  blocked: z.boolean().nullish(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullish(),
  /** Omitted by the server when empty; flat (values are never nested). */
  metadata: z.record(z.string(), z.unknown()).nullish(),
});
export type WireAccount = z.infer<typeof wireAccountSchema>;

export const wireBalanceSchema = z.object({
  id: z.string(),
  organizationId: z.string().nullish(),
  ledgerId: z.string().nullish(),
  accountId: z.string().nullish(),
  alias: z.string().nullish(),
  key: z.string(),
  assetCode: z.string(),
  available: decimalText,
  onHold: decimalText,
  overdraftUsed: decimalText.nullish(),
  version: integer.nullish(),
  accountType: z.string().nullish(),
  /** Absent on bodies that predate the flags: a balance then sends and receives. */
  allowSending: z.boolean().nullish().transform((value) => value ?? true),
  allowReceiving: z.boolean().nullish().transform((value) => value ?? true),
  direction: z.string().nullish(),
  createdAt: z.string().nullish(),
  updatedAt: z.string().nullish(),
  deletedAt: z.string().nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
});
export type WireBalance = z.infer<typeof wireBalanceSchema>;

/** `GET …/accounts/{id}/balances`: one cursor page; `next_cursor` is absent (or empty) on the last page. */
export const wireBalancePageSchema = z.object({
  items: z.array(wireBalanceSchema),
  limit: integer,
  next_cursor: z.string().nullish(),
  prev_cursor: z.string().nullish(),
});
export type WireBalancePage = z.infer<typeof wireBalancePageSchema>;

/** `GET …/accounts`: one page by number; the body carries no total. */
export const wireAccountPageSchema = z.object({
  items: z.array(wireAccountSchema),
  page: integer,
  limit: integer,
});
export type WireAccountPage = z.infer<typeof wireAccountPageSchema>;

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
