// The Taler simulator's books: every wire transfer booked as two rows, the debtor's (debit) and the creditor's
// (credit), with row ids from one bank-wide sequence as in libeufin-bank's bank_account_transactions; each account's
// history is its own rows. The seeded transfers add up to the seeded balances exactly (admin pays in the openings),
// and a booked transfer moves both balances.
import { printAmount, readAmount, type Amount } from './amount.js';
import type { TransactionInfo } from './bank.js';
import { TALER_CURRENCY, type TalerFixture } from './fixtures.js';

export interface HistoryRow {
  /** The account the row belongs to. */
  username: string;
  info: TransactionInfo;
}

export interface Ledger {
  rows: HistoryRow[];
  nextRowId: number;
  /** Long polls waiting for a row of an account (libeufin-bank LISTENs for the account's bank_tx notifications). */
  waiters: Set<{ username: string; after: number; wake: () => void }>;
}

/** Why a transfer is refused, as libeufin-bank answers it (409 with a TALER_ErrorCode, or 404 for an unknown debtor). */
export interface TransferRefusal {
  status: number;
  code: number;
  hint: string;
}

type Accounts = Map<string, TalerFixture>;

/** A balance as signed units of 10^-8. */
function signedUnits(fixture: TalerFixture): bigint {
  const units = readAmount(fixture.account.balance.amount)?.units ?? 0n;
  return fixture.account.balance.credit_debit_indicator === 'debit' ? -units : units;
}

function setBalance(fixture: TalerFixture, units: bigint): void {
  fixture.account.balance = {
    amount: printAmount({ currency: TALER_CURRENCY, units: units < 0n ? -units : units }),
    credit_debit_indicator: units < 0n ? 'debit' : 'credit',
  };
}

/** The bare payto URI (no query), as libeufin compares accounts. */
export const barePayto = (payto: string): string => payto.split('?')[0] ?? payto;

function rowsFor(ledger: Ledger, debtor: TalerFixture, creditor: TalerFixture, amount: Amount, subject: string, seconds: number): [number, number] {
  const common = {
    creditor_payto_uri: creditor.account.payto_uri,
    debtor_payto_uri: debtor.account.payto_uri,
    amount: printAmount(amount),
    subject,
    date: { t_s: seconds },
  };
  const debitRow = ledger.nextRowId++;
  const creditRow = ledger.nextRowId++;
  ledger.rows.push({ username: debtor.username, info: { ...common, direction: 'debit', row_id: debitRow } });
  ledger.rows.push({ username: creditor.username, info: { ...common, direction: 'credit', row_id: creditRow } });
  return [debitRow, creditRow];
}

/**
 * Books a transfer as libeufin-bank does (db/TransactionDAO create): both accounts live, not the same one, the
 * bank's currency, a positive amount, the debtor staying within its debit threshold; then both balances move.
 * Returns the debtor's and the creditor's row ids, or the refusal.
 */
export function bookTransfer(
  accounts: Accounts,
  ledger: Ledger,
  transfer: { debtor: string; creditor: string; amount: string; subject: string; seconds?: number },
): { debitRow: number; creditRow: number } | TransferRefusal {
  const debtor = accounts.get(transfer.debtor);
  if (!debtor || debtor.account.status === 'deleted') return { status: 404, code: 5125, hint: `Debtor account '${transfer.debtor}' not found` };
  const creditor = accounts.get(transfer.creditor);
  if (!creditor || creditor.account.status === 'deleted')
    return { status: 409, code: 5124, hint: `Creditor account '${transfer.creditor}' not found` };
  if (debtor === creditor)
    return { status: 409, code: 5101, hint: 'Wire transfer attempted with credit and debit party being the same bank account' };
  const amount = readAmount(transfer.amount);
  if (!amount || amount.units === 0n) return { status: 400, code: 26, hint: `Amount '${transfer.amount}' is not a positive amount` };
  if (amount.currency !== TALER_CURRENCY) return { status: 400, code: 30, hint: `Wrong currency: expected ${TALER_CURRENCY} got ${amount.currency}` };
  const threshold = readAmount(debtor.account.debit_threshold)?.units ?? 0n;
  const after = signedUnits(debtor) - amount.units;
  if (after < -threshold) return { status: 409, code: 5102, hint: 'Insufficient funds' };
  const [debitRow, creditRow] = rowsFor(ledger, debtor, creditor, amount, transfer.subject, transfer.seconds ?? Math.floor(Date.now() / 1000));
  setBalance(debtor, after);
  setBalance(creditor, signedUnits(creditor) + amount.units);
  for (const waiter of [...ledger.waiters]) {
    const row = waiter.username === debtor.username ? debitRow : waiter.username === creditor.username ? creditRow : undefined;
    if (row !== undefined && row > waiter.after) waiter.wake();
  }
  return { debitRow, creditRow };
}

/** An account's rows, newest first. */
export const historyOf = (ledger: Ledger, username: string): TransactionInfo[] =>
  ledger.rows
    .filter((row) => row.username === username)
    .map((row) => row.info)
    .sort((a, b) => b.row_id - a.row_id);

/**
 * Waits until a row of `username` after row id `after` is booked (true), `ms` pass (false) or `signal` aborts (false),
 * as libeufin-bank's poolHistory waits on the account's notifications (`flow.first { it > start }`).
 */
export function waitForRow(ledger: Ledger, username: string, after: number, ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (booked: boolean) => {
      clearTimeout(timer);
      ledger.waiters.delete(waiter);
      signal?.removeEventListener('abort', abort);
      resolve(booked);
    };
    const waiter = { username, after, wake: () => done(true) };
    const abort = () => done(false);
    const timer = setTimeout(() => done(false), ms);
    ledger.waiters.add(waiter);
    signal?.addEventListener('abort', abort, { once: true });
    if (signal?.aborted) abort();
  });
}

/** Transfers between the seeded holders: amounts with all 8 decimals, credits and debits, several pages for alice. */
const PEER_TRANSFERS: ReadonlyArray<readonly [debtor: string, creditor: string, amount: string, subject: string]> = [
  ['bob', 'alice', 'EUR:12.5', 'Lunch, my share'],
  ['alice', 'carol', 'EUR:3.14159265', 'Second-hand book'],
  ['exchange', 'alice', 'EUR:20', 'Taler withdrawal refund'],
  ['alice', 'exchange', 'EUR:25.5', 'KS4TRFDJAQDBVDYQB4P1Q5ZCBP1BNWCAZ6S4ET0E0ZQXMMZ0Q0JG'],
  ['dave.k', 'alice', 'EUR:0.00000001', 'Rounding check'],
  ['alice', 'bob', 'EUR:7.77777777', 'Concert tickets'],
  ['carol', 'alice', 'EUR:1.5', 'Coffee'],
  ['bob', 'carol', 'EUR:4', 'Basil plant'],
  ['alice', 'dave.k', 'EUR:2.25', 'Bicycle repair'],
  ['exchange', 'carol', 'EUR:0.12345678', 'Taler deposit payout'],
  ['bob', 'alice', 'EUR:0.99999999', 'Refund'],
  ['alice', 'carol', 'EUR:5', 'Birthday present'],
];

/** Seeded openings start here (2026-01-02T08:00:00Z), peer transfers three hours apart from 2026-01-05T09:00:00Z. */
const OPENINGS_AT = Date.UTC(2026, 0, 2, 8) / 1000;
const PEERS_AT = Date.UTC(2026, 0, 5, 9) / 1000;
const PEER_STEP = 3 * 3600;

/**
 * The seeded books: first one opening per account between admin and the holder, sized so that the account's history
 * sums to its seeded balance, then the peer transfers. Balances are left as seeded (they are already the sum).
 */
export function seedLedger(accounts: Accounts): Ledger {
  const ledger: Ledger = { rows: [], nextRowId: 1, waiters: new Set() };
  const net = new Map<string, bigint>();
  for (const [debtor, creditor, amount] of PEER_TRANSFERS) {
    const units = readAmount(amount)?.units ?? 0n;
    net.set(debtor, (net.get(debtor) ?? 0n) - units);
    net.set(creditor, (net.get(creditor) ?? 0n) + units);
  }
  const admin = accounts.get('admin');
  let at = OPENINGS_AT;
  for (const fixture of accounts.values()) {
    if (!admin || fixture === admin) continue;
    const missing = signedUnits(fixture) - (net.get(fixture.username) ?? 0n);
    if (missing === 0n) continue;
    const amount = { currency: TALER_CURRENCY, units: missing < 0n ? -missing : missing };
    if (missing > 0n) rowsFor(ledger, admin, fixture, amount, 'Opening balance', at);
    else rowsFor(ledger, fixture, admin, amount, 'Opening balance settlement', at);
    at += 60;
  }
  PEER_TRANSFERS.forEach(([debtor, creditor, amount, subject], i) => {
    const from = accounts.get(debtor);
    const to = accounts.get(creditor);
    const parsed = readAmount(amount);
    if (from && to && parsed) rowsFor(ledger, from, to, parsed, subject, PEERS_AT + i * PEER_STEP);
  });
  return ledger;
}
