// Interledger account activity: the STREAM payments the connector sent or received itself for an account
// (`GET /accounts/{accountId}/payments`, connector 0.5.0 and later), newest first, as InterledgerStreamPayment.
//
// The connector pages by number (`?page=N`, 0-based) with a fixed size of 100, newest first (by `createdAt`); a page
// with fewer than 100 payments is the last. The gateway's page (1 to 100 entries) starts at an offset into that list,
// so it reads one connector page, or two when it crosses a page boundary. New payments come in at the front and push
// every offset down, so a position also keeps the last entry's id and time: the next page finds that entry again
// where it moved to, and never shows an entry twice (when it cannot find it, it leaves out what is newer than it).
import { ErrorCode, GatewayError, badUserInput } from '../../errors.js';
import { negateDecimal, scaleBaseUnits } from '../../decimal.js';
import { formatGlobalId } from '../../ids.js';
import type { ProviderClient } from '../../upstream/client.js';
import { readWire } from '../../upstream/wire.js';
import { activityId, type ActivityFeature, type ActivityModel, type ActivityPage, type PagedEntry } from '../../activity/types.js';
import type { ActivityDirection, InterledgerStreamPaymentStatus, InterledgerStreamPaymentType } from '../../generated/resolvers-types.js';
import { parseExactJson, paymentPageWire, paymentWire, type PaymentWire } from './wire.js';

export const PAYMENTS_ROUTE = 'GET /accounts/{accountId}/payments';
export const PAYMENT_ROUTE = 'GET /accounts/{accountId}/payments/{paymentId}';

/** The connector's page size (StreamPaymentController: `PageRequest.of(page, 100)`). */
export const CONNECTOR_PAGE_SIZE = 100;

/** Connector pages one gateway page may read: a page of up to 100 entries spans two, a third covers entries left out. */
const MAX_CALLS = 3;

const TYPES: readonly string[] = ['PAYMENT_RECEIVED', 'PAYMENT_SENT'];
const STATUSES: readonly string[] = ['PENDING', 'CLOSED_BY_EXPIRATION', 'CLOSED_BY_STREAM'];

const abs = (units: string): string => (units.startsWith('-') ? units.slice(1) : units);

/** `amount` of the given sign: negative for a debit, whatever sign the connector wrote. */
const signed = (units: string, direction: ActivityDirection, scale: number): string => {
  const magnitude = scaleBaseUnits(abs(units), scale);
  return direction === 'DEBIT' ? negateDecimal(magnitude) : magnitude;
};

/** The direction: from the type, or (for a type this gateway does not know) from the sign of the amount. */
function directionOf(type: InterledgerStreamPaymentType, amount: string): ActivityDirection {
  if (type === 'PAYMENT_SENT') return 'DEBIT';
  if (type === 'PAYMENT_RECEIVED') return 'CREDIT';
  return amount.startsWith('-') ? 'DEBIT' : 'CREDIT';
}

/** The id part of an activity id: the payment id, percent-encoded so that no `:` or `/` of it can break the id. */
const entryIdOf = (streamPaymentId: string): string => encodeURIComponent(streamPaymentId);

/** A payment as the schema's InterledgerStreamPayment, for the account with this normalised id. */
export function toStreamPayment(nativeId: string, wire: PaymentWire): ActivityModel {
  const type: InterledgerStreamPaymentType = TYPES.includes(wire.type ?? '') ? (wire.type as InterledgerStreamPaymentType) : 'OTHER';
  const status: InterledgerStreamPaymentStatus = STATUSES.includes(wire.status ?? '') ? (wire.status as InterledgerStreamPaymentStatus) : 'OTHER';
  const direction = directionOf(type, wire.amount);
  const scale = wire.assetScale;
  const deliveredScale = wire.deliveredAssetScale ?? null;
  const delivered = wire.deliveredAmount ?? null;
  // The connector's database writes "unknown" for a receiver that sent a scale without a code.
  const deliveredCode = wire.deliveredAssetCode && wire.deliveredAssetCode !== 'unknown' ? wire.deliveredAssetCode : null;
  const sourceAddress = wire.sourceAddress || null;
  const destinationAddress = wire.destinationAddress || null;
  return {
    __typename: 'InterledgerStreamPayment',
    id: activityId('interledger', nativeId, entryIdOf(wire.streamPaymentId)),
    accountId: formatGlobalId('INTERLEDGER', nativeId),
    occurredAt: wire.createdAt,
    direction,
    amount: signed(wire.amount, direction, scale),
    asset: { code: wire.assetCode },
    counterparty: direction === 'DEBIT' ? destinationAddress : sourceAddress,
    description: null,
    streamPaymentId: wire.streamPaymentId,
    type,
    typeRaw: wire.type ?? null,
    status,
    statusRaw: wire.status ?? null,
    sourceAddress,
    destinationAddress,
    assetScale: scale,
    expectedAmount: wire.expectedAmount === null || wire.expectedAmount === undefined ? null : signed(wire.expectedAmount, direction, scale),
    deliveredAmount: delivered !== null && deliveredScale !== null ? scaleBaseUnits(delivered, deliveredScale) : null,
    deliveredBaseUnits: delivered,
    deliveredAsset: deliveredCode ? { code: deliveredCode } : null,
    deliveredAssetScale: deliveredScale,
    packetCount: wire.packetCount ?? null,
    updatedAt: wire.modifiedAt ?? null,
  };
}

/** Connectors before 0.5.0 have no payments API: the route is denied (403, `denyAll`) or unknown (404). */
function noHistory(client: ProviderClient, error: unknown): never {
  if (error instanceof GatewayError && (error.code === ErrorCode.NotFound || error.code === ErrorCode.Forbidden)) {
    throw client.error(
      ErrorCode.NotSupported,
      'This Interledger connector keeps no payment history (connector versions before 0.5.0 have no payments API).',
    );
  }
  throw error;
}

/** Where a gateway page resumes: the offset of the next entry, and the last entry's time and id (to find it again). */
interface Position {
  offset: number;
  at: string;
  id: string;
}

const encodePosition = (position: Position): string => JSON.stringify([position.offset, position.at, position.id]);

function decodePosition(text: string): Position {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw badUserInput('The cursor is not valid for this list.');
  const [offset, at, id] = parsed as unknown[];
  if (!Number.isSafeInteger(offset) || (offset as number) < 1 || typeof at !== 'string' || typeof id !== 'string') {
    throw badUserInput('The cursor is not valid for this list.');
  }
  return { offset: offset as number, at, id };
}

/** One connector page: its entries unread, and whether it was full (so another may follow). */
async function connectorPage(client: ProviderClient, nativeId: string, page: number): Promise<{ items: unknown[]; full: boolean }> {
  let body: unknown;
  try {
    body = (await client.fetch(['accounts', nativeId, 'payments'], { query: { page: String(page) }, parse: parseExactJson })).body;
  } catch (error) {
    noHistory(client, error);
  }
  // A 204 or an empty body: no payments.
  if (body === undefined || body === null || body === '') return { items: [], full: false };
  const read = readWire(client, paymentPageWire, body, PAYMENTS_ROUTE);
  return { items: read.payments, full: read.payments.length >= (read.pageSize ?? CONNECTOR_PAGE_SIZE) };
}

/**
 * The connector answers an account it does not have with an empty list, not a 404: an empty first page is checked
 * against the account itself (one more call, only then), so an unknown id is NOT_FOUND, never an empty history.
 * A credential that may not read accounts (403) cannot tell, and the history stays empty.
 */
async function checkAccount(client: ProviderClient, nativeId: string): Promise<void> {
  try {
    await client.get(['accounts', nativeId], { parse: parseExactJson });
  } catch (error) {
    if (error instanceof GatewayError && error.code === ErrorCode.Forbidden) return;
    throw error;
  }
}

/** One gateway page of the account's payments, newest first (see the top of this file). */
export async function paymentsPage(
  client: ProviderClient,
  nativeId: string,
  request: { size: number; after?: string | undefined },
): Promise<ActivityPage> {
  const resume = request.after === undefined ? undefined : decodePosition(request.after);
  const start = resume?.offset ?? 0;
  let page = Math.floor(start / CONNECTOR_PAGE_SIZE);
  const entries: PagedEntry[] = [];
  let omitted = 0;
  // Until the last entry shown is found again (where newer payments pushed it, never earlier), what is newer than it
  // was shown already and is passed over.
  let seeking = resume;
  const newerThanLast = resume
    ? (wire: PaymentWire) => wire.streamPaymentId === resume.id || Date.parse(wire.createdAt) > Date.parse(resume.at)
    : undefined;
  for (let call = 0; ; call++) {
    const { items, full } = await connectorPage(client, nativeId, page);
    if (call === 0 && !resume && items.length === 0) await checkAccount(client, nativeId);
    const base = page * CONNECTOR_PAGE_SIZE;
    let from = call === 0 ? Math.max(0, start - base) : 0;
    if (seeking) {
      const id = seeking.id;
      const moved = items.findIndex(
        (item, index) => base + index >= start - 1 && (item as { streamPaymentId?: unknown } | null)?.streamPaymentId === id,
      );
      if (moved >= 0) {
        from = moved + 1;
        seeking = undefined;
      }
    }
    let index = from;
    for (; index < items.length && entries.length < request.size; index++) {
      let wire: PaymentWire;
      try {
        wire = readWire(client, paymentWire, items[index], PAYMENTS_ROUTE);
      } catch (error) {
        if (!(error instanceof GatewayError)) throw error;
        omitted += 1;
        continue;
      }
      if (seeking && newerThanLast?.(wire)) continue;
      const position = encodePosition({ offset: base + index + 1, at: wire.createdAt, id: wire.streamPaymentId });
      entries.push({ entry: toStreamPayment(nativeId, wire), position });
    }
    // A full connector page may be followed by another: true then, even if it turns out empty.
    if (entries.length >= request.size) return { entries, hasMore: index < items.length || full, omitted };
    if (!full) return { entries, hasMore: false, omitted };
    if (call + 1 >= MAX_CALLS) return { entries, hasMore: true, omitted };
    page += 1;
  }
}

/** One payment by its id, for `node(id:)`: the connector answers an unknown one with an empty 200. */
export async function paymentEntry(client: ProviderClient, nativeId: string, entryId: string): Promise<ActivityModel> {
  let streamPaymentId: string;
  try {
    streamPaymentId = decodeURIComponent(entryId);
  } catch {
    throw badUserInput('This is not the id of an Interledger payment.');
  }
  let body: unknown;
  try {
    body = await client.get(['accounts', nativeId, 'payments', streamPaymentId], {
      parse: (text) => (text.trim() === '' ? undefined : parseExactJson(text)),
    });
  } catch (error) {
    noHistory(client, error);
  }
  if (body === undefined || body === null) throw client.error(ErrorCode.NotFound, 'Interledger has no such payment on this account.');
  return toStreamPayment(nativeId, readWire(client, paymentWire, body, PAYMENT_ROUTE));
}

export const interledgerActivity: ActivityFeature = { page: paymentsPage, entry: paymentEntry };
