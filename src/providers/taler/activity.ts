// A Taler account's history: the wire transfers libeufin-bank booked on it (`GET /accounts/{username}/transactions`),
// newest first, paged by row id, each read exactly or left out; and one transfer by its row id for `node(id:)`.
//
// Paging (libeufin common/params.kt PageParams, db/helpers.kt page): a negative `delta` (`limit` since protocol v5)
// returns at most |delta| rows with row ids below `start` (`offset` since v5; exclusive, +∞ when absent), newest
// first. Both names are sent, as for the account list: servers before v5 know only `delta`/`start`. One more row than
// the page needs is asked for, so one call says whether older rows follow. An empty history is 204 without a body.
import { ErrorCode, GatewayError, badUserInput } from '../../errors.js';
import { formatGlobalId } from '../../ids.js';
import { negateDecimal } from '../../decimal.js';
import { withoutUserinfo } from '../../redaction.js';
import type { ProviderClient } from '../../upstream/client.js';
import { readWire } from '../../upstream/wire.js';
import { activityId, type ActivityFeature, type ActivityModel, type ActivityPage, type PagedEntry } from '../../activity/types.js';
import { fetchAnswer } from '../shared/fetched.js';
import { parseAmount } from './amount.js';
import { WireTransaction, WireTransactionList, type ReadTransaction } from './wire.js';

/** The route templates operators see in the logs and metrics for history reads. */
export const HISTORY_ROUTE = 'GET /accounts/{username}/transactions';
export const TRANSFER_ROUTE = 'GET /accounts/{username}/transactions/{row_id}';

/** A wire transfer on a Taler account, as the schema's TalerTransfer shapes it. */
export interface TalerTransferModel extends ActivityModel {
  __typename: 'TalerTransfer';
  /** The bank's row id (`row_id`), decimal text. */
  rowId: string;
  subject: string | null;
  creditorPaytoUri: string | null;
  debtorPaytoUri: string | null;
  counterpartyName: string | null;
}

/** Latest instant a JavaScript Date holds, in seconds: a later `t_s` cannot be an ISO 8601 date. */
const MAX_SECONDS = 8_640_000_000_000;
/** Row ids are PostgreSQL BIGSERIAL values: positive, at most 19 digits. */
const ROW_ID = /^[0-9]{1,19}$/;

/**
 * The transfer as `username` sees it, or the paths of the fields that refuse it: `direction` decides the sign, so a direction
 * other than credit/debit refuses the entry, as do an amount that is not an exact Taler amount and a date that is
 * "never" or out of range. The other side (`counterparty`) is the debtor of a credit and the creditor of a debit.
 */
export function toTransfer(username: string, wire: ReadTransaction): TalerTransferModel | string[] {
  const refused: string[] = [];
  const direction = wire.direction === 'credit' ? 'CREDIT' : wire.direction === 'debit' ? 'DEBIT' : undefined;
  if (!direction) refused.push('direction');
  let amount: ReturnType<typeof parseAmount> | undefined;
  try {
    amount = parseAmount(wire.amount);
  } catch {
    refused.push('amount');
  }
  const seconds = wire.date.t_s;
  if (seconds === 'never' || seconds < 0 || seconds > MAX_SECONDS) refused.push('date.t_s');
  if (refused.length > 0 || !direction || !amount || seconds === 'never') return refused;

  const rowId = String(wire.row_id);
  const creditor = uri(wire.creditor_payto_uri);
  const debtor = uri(wire.debtor_payto_uri);
  const other = direction === 'CREDIT' ? debtor : creditor;
  return {
    __typename: 'TalerTransfer',
    id: activityId('taler', username, rowId),
    accountId: formatGlobalId('TALER', username),
    occurredAt: new Date(seconds * 1000).toISOString(),
    direction,
    amount: direction === 'DEBIT' ? negateDecimal(amount.value) : amount.value,
    asset: { code: amount.currency, issuer: null, network: null },
    counterparty: other,
    description: wire.subject ? wire.subject : null,
    rowId,
    subject: wire.subject ?? null,
    creditorPaytoUri: creditor,
    debtorPaytoUri: debtor,
    counterpartyName: receiverName(other),
  };
}

/** A payto URI from the bank without any userinfo; null when absent or empty. */
function uri(value: string | null | undefined): string | null {
  return value ? withoutUserinfo(value) : null;
}

/** The `receiver-name` of a payto URI, decoded (`+` and `%20` are spaces); null when it has none. */
export function receiverName(payto: string | null): string | null {
  if (!payto) return null;
  const query = payto.indexOf('?');
  if (query < 0) return null;
  try {
    return new URLSearchParams(payto.slice(query + 1)).get('receiver-name') || null;
  } catch {
    return null;
  }
}

/** Reads one entry of a history answer: the transfer, or undefined when it was refused (reported with its field paths). */
function readEntry(client: ProviderClient, username: string, item: unknown, route: string): TalerTransferModel | undefined {
  let wire: ReadTransaction;
  try {
    wire = readWire(client, WireTransaction, item, route);
  } catch (error) {
    if (error instanceof GatewayError) return undefined;
    throw error;
  }
  const transfer = toTransfer(username, wire);
  if (Array.isArray(transfer)) {
    client.reportWire({ outcome: 'refused', route, fields: transfer });
    return undefined;
  }
  return transfer;
}

/**
 * One entry of a history answer read in order (a long poll's, oldest first): the transfer (undefined when refused,
 * reported) and its row id, where the next read resumes even past a refused entry.
 */
export function toTransferEntry(
  client: ProviderClient,
  username: string,
  item: unknown,
): { entry: TalerTransferModel | undefined; position: string | undefined } {
  const entry = readEntry(client, username, item, HISTORY_ROUTE);
  const raw = item !== null && typeof item === 'object' ? (item as { row_id?: unknown }).row_id : undefined;
  const rowId = entry?.rowId ?? (typeof raw === 'number' || typeof raw === 'string' ? String(raw) : undefined);
  return { entry, position: rowId !== undefined && ROW_ID.test(rowId) ? rowId : undefined };
}

/** One page of the account's history, newest first; each entry resumes after its own row id. */
export async function talerHistoryPage(
  client: ProviderClient,
  username: string,
  request: { size: number; after?: string | undefined },
): Promise<ActivityPage> {
  const { size, after } = request;
  if (after !== undefined && !ROW_ID.test(after)) throw badUserInput('The cursor is not valid for this account.');
  const limit = String(-(size + 1));
  const query = { limit, delta: limit, ...(after !== undefined ? { offset: after, start: after } : {}) };
  // Never from the shared cache: a history grows with every transfer.
  const answer = await fetchAnswer(client, ['accounts', username, 'transactions'], { query, noCache: true });
  if (answer.body === undefined) return { entries: [], hasMore: false, omitted: 0 };
  const items = readWire(client, WireTransactionList, answer.body, HISTORY_ROUTE).transactions ?? [];
  const entries: PagedEntry[] = [];
  let omitted = 0;
  for (const item of items.slice(0, size)) {
    const entry = readEntry(client, username, item, HISTORY_ROUTE);
    if (entry) entries.push({ entry, position: entry.rowId });
    else omitted += 1;
  }
  return { entries, hasMore: items.length > size, omitted };
}

/** One transfer of the account by its row id (`node(id:)`): NOT_FOUND when the account has no such transfer. */
export async function talerTransfer(client: ProviderClient, username: string, rowId: string): Promise<TalerTransferModel> {
  if (!ROW_ID.test(rowId)) throw badUserInput('A Taler transfer id ends with its row id: digits only.');
  let body: unknown;
  try {
    body = (await fetchAnswer(client, ['accounts', username, 'transactions', rowId], { noCache: true })).body;
  } catch (error) {
    if (error instanceof GatewayError && error.code === ErrorCode.NotFound)
      throw client.error(ErrorCode.NotFound, 'Taler has no such transfer on this account.');
    throw error;
  }
  const entry = body === undefined ? undefined : readEntry(client, username, body, TRANSFER_ROUTE);
  if (!entry) throw client.error(ErrorCode.UpstreamError, 'Taler sent a transfer the gateway could not read exactly.');
  return entry;
}

export const talerActivity: ActivityFeature = {
  page: talerHistoryPage,
  entry: talerTransfer,
};
