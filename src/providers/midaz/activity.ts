// Midaz account activity: the operations of one account (`GET …/accounts/{id}/operations`), newest first, behind the
// gateway's positions, and one operation by id (`GET …/accounts/{id}/operations/{operation_id}`) for `node(id:)`.
//
// Sources (LerianStudio/midaz, read at tags v2.2.0, v3.0.0 … v3.8.0): the Operation model
// (components/{transaction,ledger}/internal/adapters/postgres/operation/operation.go), the operations handler
// (adapters/http/in/operation.go), the account query (services/query/get_all_operations_account.go), the paging rules
// (pkg/net/http/httputils.go: ValidateParameters, validateDates, ApplyDefaultDateRange) and the operation types
// (pkg/constant/operation.go). What each version family sends:
//   v2          `amount` { amount, scale } and `balance` { available, onHold, scale }: integers in minor units.
//   v3.0–v3.2   `amount` { value } and `balance`/`balanceAfter` { available, onHold }: decimal strings, major units.
//   v3.3–v3.5   + `balanceKey`, `balanceAffected`; + balance `version` (v3.4).
//   v3.6–v3.8   + `direction` ("debit"|"credit"), `routeId`/`routeCode`/`routeDescription`; + balance
//               `overdraftUsed` (v3.7); types OVERDRAFT, BLOCK, UNBLOCK (v3.8).
// Paging: a cursor page (`limit` ≤ 100, `cursor`, `sort_order`), `items` (null or [] when empty), `next_cursor` when
// more follow. Every v3 version searches only the last MAX_PAGINATION_MONTH_DATE_RANGE months (default 1) unless both
// `start_date` and `end_date` are given, so every call gives an explicit wide window; v3.0–v3.2 refuse a window wider
// than that limit (400, code 0079), and then the call is made again within it (older operations are not reachable
// there). The list checks no account: an unknown account lists nothing, so an empty first page reads the account to
// tell "no operations" from "no such account".
import { z } from 'zod';
import type { MetadataEntry } from '../../generated/resolvers-types.js';
import { activityId, type ActivityFeature, type ActivityModel, type ActivityPage, type ActivityRequest } from '../../activity/types.js';
import { canonicalDecimal, isDecimal, negateDecimal, scaleBaseUnits } from '../../decimal.js';
import { badUserInput, ErrorCode } from '../../errors.js';
import type { ProviderClient } from '../../upstream/client.js';
import { readWire, type WireReader } from '../../upstream/wire.js';
import { readEach } from '../shared/entries.js';
import { toMetadataEntries } from './mapping.js';
import { accountPath } from './paths.js';
import { fetchMidazAccount } from './read.js';
import { parseExactJson, strictWhenPresent, UUID_PATTERN, wireErrorSchema } from './wire.js';

/** Midaz's MAX_PAGINATION_LIMIT default: a larger `limit` is refused (0080). */
export const MAX_OPERATION_LIMIT = 100;
/** The start of the window every list call gives (Midaz did not exist before it; any earlier row is not Midaz's). */
export const WINDOW_START = '2000-01-01';
/** The GraphQL type of a Midaz activity entry. */
export const OPERATION_TYPENAME = 'MidazOperation';

const LIST_ROUTE = 'GET /v1/organizations/{organization_id}/ledgers/{ledger_id}/accounts/{account_id}/operations';
const ENTRY_ROUTE = 'GET /v1/organizations/{organization_id}/ledgers/{ledger_id}/accounts/{account_id}/operations/{operation_id}';

const decimalText = z.string().refine(isDecimal, 'not an exponent-free decimal string');
/** An integer as parseExactJson hands it over (text), or a plain JSON.parse number. */
const integerText = z.union([z.string().regex(/^-?\d+$/), z.number().int().transform(String)]);
const scale = z.union([
  z
    .string()
    .regex(/^\d{1,3}$/)
    .transform(Number),
  z.number().int().min(0).max(255),
]);
const timestamp = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not a date-time');
const text = z.string();

/**
 * `amount`: v3 `{ value }` (a decimal string in major units); `{ value, scale }` (an integer of minor units, as some
 * pre-v3 servers and clients wrote it); v2 `{ amount, scale }`. Anything else cannot be read exactly: the entry is refused.
 */
const wireAmountSchema = z.union([
  z.object({ value: integerText, scale }).transform(({ value, scale }) => scaleBaseUnits(value, scale)),
  z.object({ value: decimalText }).transform(({ value }) => canonicalDecimal(value)),
  z.object({ amount: integerText, scale }).transform(({ amount, scale }) => scaleBaseUnits(amount, scale)),
]);

/** `balance` / `balanceAfter`: v3 decimals, or v2 integers with their `scale`. */
const wireOperationBalanceSchema = z
  .object({
    available: decimalText,
    onHold: decimalText,
    scale: scale.nullish(),
    version: integerText.nullish(),
    overdraftUsed: decimalText.nullish(),
  })
  .transform((balance) => {
    const major = (value: string) =>
      balance.scale !== undefined && balance.scale !== null && /^-?\d+$/.test(value) ? scaleBaseUnits(value, balance.scale) : canonicalDecimal(value);
    return {
      available: major(balance.available),
      onHold: major(balance.onHold),
      version: balance.version ?? null,
      overdraftUsed: balance.overdraftUsed === undefined || balance.overdraftUsed === null ? null : canonicalDecimal(balance.overdraftUsed),
    };
  });

/**
 * One operation. Required: its id, the type (what it is, and its sign before v3.6), the asset and the amount; the
 * rest degrades to absent when unreadable (logged). Before/after balances are money too, but only shown, never summed:
 * an unreadable one reads as null, logged.
 */
export const wireOperationSchema = z.object({
  id: z.string().regex(UUID_PATTERN, 'not a UUID'),
  type: z.string().min(1),
  assetCode: z.string().min(1),
  amount: wireAmountSchema,
  createdAt: timestamp,
  transactionId: text.nullish(),
  description: text.nullish(),
  chartOfAccounts: text.nullish(),
  balance: wireOperationBalanceSchema.nullish(),
  balanceAfter: wireOperationBalanceSchema.nullish(),
  status: z.object({ code: text.nullish(), description: text.nullish() }).nullish(),
  accountId: text.nullish(),
  accountAlias: text.nullish(),
  balanceKey: text.nullish(),
  balanceId: text.nullish(),
  organizationId: text.nullish(),
  ledgerId: text.nullish(),
  route: text.nullish(),
  routeId: text.nullish(),
  routeCode: text.nullish(),
  routeDescription: text.nullish(),
  balanceAffected: z.boolean().nullish(),
  direction: text.nullish(),
  updatedAt: timestamp.nullish(),
  deletedAt: timestamp.nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
});
export type WireOperation = z.infer<typeof wireOperationSchema>;

/** One page of `GET …/operations`: `items` required (null when empty), `next_cursor` absent or empty on the last page. */
const wireOperationPageSchema = z.object({
  items: z.array(z.unknown()).nullable(),
  limit: z.unknown().optional(),
  next_cursor: text.nullish(),
  prev_cursor: text.nullish(),
});

/** The operation's direction: Midaz's `direction` (v3.6+), else its type as Midaz infers it (inferLegacyDirectionFromType). */
export function operationDirection(wire: Pick<WireOperation, 'type' | 'direction'>): 'DEBIT' | 'CREDIT' | undefined {
  const sent = wire.direction?.toLowerCase();
  if (sent === 'debit') return 'DEBIT';
  if (sent === 'credit') return 'CREDIT';
  if (sent) return undefined;
  switch (wire.type.toUpperCase()) {
    case 'DEBIT':
    case 'ON_HOLD':
      return 'DEBIT';
    case 'CREDIT':
    case 'RELEASE':
      return 'CREDIT';
    default:
      return undefined;
  }
}

const blankToNull = (value: string | null | undefined): string | null =>
  value === undefined || value === null || value.trim() === '' ? null : value;

/** The operation as a MidazOperation; undefined when its direction (so its sign) cannot be known. */
export function toMidazOperation(nativeId: string, wire: WireOperation): ActivityModel | undefined {
  const direction = operationDirection(wire);
  if (!direction) return undefined;
  const metadata: MetadataEntry[] = toMetadataEntries(wire.metadata);
  return {
    __typename: OPERATION_TYPENAME,
    id: activityId('midaz', nativeId, wire.id.toLowerCase()),
    accountId: `midaz:${nativeId}`,
    occurredAt: wire.createdAt,
    direction,
    amount: direction === 'DEBIT' ? negateDecimal(wire.amount) : wire.amount,
    asset: { code: wire.assetCode },
    counterparty: null,
    description: blankToNull(wire.description),
    operationId: wire.id.toLowerCase(),
    transactionId: wire.transactionId ?? '',
    type: wire.type,
    directionRaw: wire.direction ?? null,
    accountAlias: blankToNull(wire.accountAlias),
    balanceKey: blankToNull(wire.balanceKey) ?? 'default',
    balanceId: blankToNull(wire.balanceId),
    balanceBefore: wire.balance ?? null,
    balanceAfter: wire.balanceAfter ?? null,
    statusCode: blankToNull(wire.status?.code),
    statusDescription: blankToNull(wire.status?.description),
    chartOfAccounts: blankToNull(wire.chartOfAccounts),
    balanceAffected: wire.balanceAffected ?? true,
    routeId: blankToNull(wire.routeId),
    routeCode: blankToNull(wire.routeCode),
    routeDescription: blankToNull(wire.routeDescription),
    route: blankToNull(wire.route),
    updatedAt: wire.updatedAt ?? null,
    metadata,
  };
}

/** A position: the Midaz cursor of the page the entry came from ("" for the first) and how many of its entries precede the next. */
interface Position {
  cursor: string;
  skip: number;
}

const POSITION = /^([A-Za-z0-9+/=_-]{0,4096})\|(\d{1,3})$/;

export const encodePosition = ({ cursor, skip }: Position): string => `${cursor}|${skip}`;

export function decodePosition(position: string): Position {
  const match = POSITION.exec(position);
  const skip = match ? Number(match[2]) : NaN;
  if (!match || skip > MAX_OPERATION_LIMIT) throw badUserInput('The cursor is not valid for this account; start again without `after`.');
  return { cursor: match[1]!, skip };
}

/** yyyy-mm-dd of a UTC instant. */
const day = (at: Date): string => at.toISOString().slice(0, 10);

/**
 * The window every list call gives: from WINDOW_START to tomorrow (UTC), so that nothing the ledger recorded today is
 * left out whatever its clock says; `months` narrows it to what v3.0–v3.2 allow (their limit, from the 0079 message).
 */
export function operationWindow(now: Date, months?: number): { start_date: string; end_date: string } {
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
  if (months === undefined) return { start_date: WINDOW_START, end_date: day(end) };
  const start = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - months, end.getUTCDate() + 1));
  return { start_date: day(start), end_date: day(end) };
}

/** What a 4xx answer of the list says, read from Midaz's error body. */
type Refusal = { kind: 'empty' } | { kind: 'window'; months: number };

/**
 * Midaz's 404 `0069` No Operations Found is an empty page (the repository found nothing); its 400 `0079` (v3.0–v3.2:
 * the window is wider than MAX_PAGINATION_MONTH_DATE_RANGE) asks for a narrower window. Any other 4xx stays an error.
 */
function readRefusal(status: number, body: unknown): Refusal | undefined {
  const error = wireErrorSchema.safeParse(body).data;
  if (status === 404 && error?.code === '0069') return { kind: 'empty' };
  if (status === 400 && error?.code === '0079') {
    const months = /(\d+)\s*month/i.exec(error.message ?? '')?.[1];
    return { kind: 'window', months: months === undefined ? 1 : Math.max(1, Math.min(120, Number(months))) };
  }
  return undefined;
}

const operationsPath = (nativeId: string): string[] => [...accountPath(nativeId), 'operations'];

/** One list call: the page's body, or undefined for an empty answer (204, `0069`). */
async function listCall(client: ProviderClient, nativeId: string, query: Record<string, string>): Promise<unknown> {
  let refusal: Refusal | undefined;
  const call = (window: Record<string, string>) =>
    client.get(operationsPath(nativeId), {
      query: { ...query, ...window },
      parse: parseExactJson,
      noCache: true,
      emptyIf: (status, body) => {
        refusal = readRefusal(status, body);
        return refusal !== undefined;
      },
    });
  const body = await call(operationWindow(new Date()));
  if (refusal?.kind !== 'window') return body;
  const months = refusal.months;
  refusal = undefined;
  const narrowed = await call(operationWindow(new Date(), months));
  if ((refusal as Refusal | undefined)?.kind === 'window')
    throw client.error(ErrorCode.UpstreamError, 'Midaz refused every window of operations the gateway asked for.');
  return narrowed;
}

/** A page's entries, each read on its own; an entry of another account refuses the page (Midaz filtered by account). */
function readOperations(client: ProviderClient, nativeId: string, items: readonly unknown[], route: string): Array<ActivityModel | undefined> {
  const accountId = nativeId.split('/')[2];
  return readEach(client, wireOperationSchema, items, route, 'items').map((read) => {
    if (!read.ok) return undefined;
    return checked(client, nativeId, accountId, read.value, route, 'items[]');
  });
}

function checked(
  client: WireReader,
  nativeId: string,
  accountId: string | undefined,
  wire: WireOperation,
  route: string,
  at: string,
): ActivityModel | undefined {
  if (wire.accountId && wire.accountId.toLowerCase() !== accountId) {
    throw client.error(ErrorCode.UpstreamError, 'Midaz listed an operation of another account than the one asked for.');
  }
  const entry = toMidazOperation(nativeId, wire);
  if (!entry) client.reportWire({ outcome: 'refused', route, fields: [wire.direction ? `${at}.direction` : `${at}.type`] });
  return entry;
}

/** One page of the account's operations, newest first, after `request.after`. */
export async function operationsPage(client: ProviderClient, nativeId: string, request: ActivityRequest): Promise<ActivityPage> {
  const from = request.after === undefined ? { cursor: '', skip: 0 } : decodePosition(request.after);
  const limit = Math.min(MAX_OPERATION_LIMIT, from.skip + request.size);
  const query: Record<string, string> = { limit: String(limit), sort_order: 'desc', ...(from.cursor ? { cursor: from.cursor } : {}) };
  const body = await listCall(client, nativeId, query);
  const page =
    body === undefined
      ? { items: null, next_cursor: undefined }
      : readWire(strictWhenPresent(client, ['next_cursor']), wireOperationPageSchema, body, LIST_ROUTE);
  const items = page.items ?? [];
  const next = page.next_cursor || undefined;
  const window = items.slice(from.skip, from.skip + request.size);
  const read = readOperations(client, nativeId, window, LIST_ROUTE);
  const entries: ActivityPage['entries'] = [];
  read.forEach((entry, offset) => {
    if (!entry) return;
    const index = from.skip + offset;
    const position = index === items.length - 1 && next ? { cursor: next, skip: 0 } : { cursor: from.cursor, skip: index + 1 };
    entries.push({ entry, position: encodePosition(position) });
  });
  const hasMore = items.length > from.skip + request.size || next !== undefined;
  // The list checks no account: nothing at all on the first page may mean there is no such account (404 NOT_FOUND).
  if (request.after === undefined && items.length === 0) await fetchMidazAccount(client, nativeId);
  return { entries, hasMore, omitted: read.filter((entry) => !entry).length };
}

/** One operation by its id, for `node(id:)`: Midaz's 404 (`0069`, or no such account) is NOT_FOUND. */
export async function operationEntry(client: ProviderClient, nativeId: string, entryId: string): Promise<ActivityModel> {
  if (!UUID_PATTERN.test(entryId)) throw badUserInput('A Midaz operation id is a UUID.');
  const body = await client.get([...operationsPath(nativeId), entryId.toLowerCase()], { parse: parseExactJson, noCache: true });
  const wire = readWire(client, wireOperationSchema, body, ENTRY_ROUTE);
  if (wire.id.toLowerCase() !== entryId.toLowerCase())
    throw client.error(ErrorCode.UpstreamError, 'Midaz answered with a different operation than the one asked for.');
  const entry = checked(client, nativeId, nativeId.split('/')[2], wire, ENTRY_ROUTE, '(body)');
  if (!entry) throw client.error(ErrorCode.UpstreamError, `${client.label} sent a response the gateway could not read.`);
  return entry;
}

export const midazActivity: ActivityFeature = { page: operationsPage, entry: operationEntry };
