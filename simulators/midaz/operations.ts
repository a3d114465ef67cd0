// The Midaz simulator's operations: each account's history as Midaz v3.8 serialises it (components/ledger
// operation.go), the per-account list (`GET …/accounts/{id}/operations`: cursor pages, `sort_order`, and the date window
// Midaz applies: the last month unless both `start_date` and `end_date` are given), one operation by id, and
// `POST …/transactions/json` recording a transfer (a DEBIT on each source, a CREDIT on each destination), which moves
// the balances and the histories together.
import { addDecimals, negate, normalizeDecimal } from '../shared/decimal.js';
import type { SimRequest, SimResponse } from '../shared/server.js';
import { midazErrors } from './errors.js';
import { MIDAZ_LEDGER_IDS, MIDAZ_ORGANIZATION_ID, uuidV7, type MidazBalanceBody, type MidazFixtureAccount } from './fixtures.js';
import { dateBound, readLimit } from './query.js';

export interface MidazOperationBalanceBody {
  available: string;
  onHold: string;
  version: number;
  overdraftUsed: string;
}

/** An operation as Midaz v3.8 serialises it. */
export interface MidazOperationBody {
  id: string;
  transactionId: string;
  description: string;
  type: 'DEBIT' | 'CREDIT' | 'ON_HOLD' | 'RELEASE';
  assetCode: string;
  chartOfAccounts: string;
  amount: { value: string };
  balance: MidazOperationBalanceBody;
  balanceAfter: MidazOperationBalanceBody;
  status: { code: string; description: string | null };
  accountId: string;
  accountAlias: string;
  balanceKey: string;
  balanceId: string;
  organizationId: string;
  ledgerId: string;
  route: string;
  balanceAffected: boolean;
  direction: 'debit' | 'credit';
  createdAt: string;
  updatedAt: string;
  deletedAt: null;
  metadata: Record<string, unknown> | null;
}

/** One leg of a seeded or recorded transfer, on an account's default balance. */
interface Leg {
  accountId: string;
  type: MidazOperationBody['type'];
  value: string;
}

/** A transfer of the seed history: legs in the order Midaz writes them, at one instant. */
interface SeedTransfer {
  at: string;
  description: string;
  legs: Leg[];
  status?: string;
}

const BRAZIL = {
  external: '0198f39e-5d20-7a11-b6f4-1e8c7a9d3f02',
  maria: '0198f3a2-6c1e-7b3a-9d41-2f5c8e7a1b20',
  padaria: '0198f3a5-0b7d-7e42-a1c9-8d36f2e04b91',
} as const;

/**
 * The seed history of the BRL ledger, oldest first: deposits from the external account to Maria, her purchases at the
 * bakery, a last pending purchase (DEBIT then ON_HOLD on her balance, the 112.31 her balance holds), amounts with every
 * decimal, each account's first operation starting from zero. Twenty-six operations on Maria's account (three pages of
 * ten), sixteen on the bakery's, ten on the external account.
 */
const brazilSeed: readonly SeedTransfer[] = (() => {
  const seed: SeedTransfer[] = [];
  const start = Date.UTC(2025, 7, 29, 3, 0, 0);
  const deposits = ['5000.00', '1234.56', '0.01', '9876.54', '2000', '3000.3', '1500.05', '777.77', '1005.83'];
  const purchases = [
    '12.34',
    '0.99',
    '250.00',
    '45.67',
    '8.01',
    '120.5',
    '33.33',
    '19.9',
    '77.07',
    '5.55',
    '64.64',
    '300.03',
    '1.11',
    '88.88',
    '42.42',
  ];
  let step = 0;
  const at = () => new Date(start + step++ * 3 * 3_600_000 + 123).toISOString();
  seed.push({
    at: at(),
    description: 'Saldo inicial',
    legs: [
      { accountId: BRAZIL.external, type: 'DEBIT', value: '449.56' },
      { accountId: BRAZIL.padaria, type: 'CREDIT', value: '449.56' },
    ],
  });
  deposits.forEach((value, i) => {
    seed.push({
      at: at(),
      description: `Depósito PIX ${i + 1}`,
      legs: [
        { accountId: BRAZIL.external, type: 'DEBIT', value },
        { accountId: BRAZIL.maria, type: 'CREDIT', value },
      ],
    });
    const purchase = purchases.slice(i * 2, i * 2 + 2);
    for (const price of purchase) {
      seed.push({
        at: at(),
        description: `Padaria Estrela - pedido ${1000 + step}`,
        legs: [
          { accountId: BRAZIL.maria, type: 'DEBIT', value: price },
          { accountId: BRAZIL.padaria, type: 'CREDIT', value: price },
        ],
      });
    }
  });
  seed.push({
    at: at(),
    description: 'Padaria Estrela - encomenda (pendente)',
    status: 'PENDING',
    legs: [
      { accountId: BRAZIL.maria, type: 'DEBIT', value: '112.31' },
      { accountId: BRAZIL.maria, type: 'ON_HOLD', value: '112.31' },
    ],
  });
  return seed;
})();

/** What a leg does to a balance's available and on-hold amounts (v3.8: a pending debit, then ON_HOLD raising on hold). */
function effect(type: Leg['type'], value: string): { available: string; onHold: string } {
  switch (type) {
    case 'DEBIT':
      return { available: negate(value), onHold: '0' };
    case 'CREDIT':
      return { available: value, onHold: '0' };
    case 'ON_HOLD':
      return { available: '0', onHold: value };
    case 'RELEASE':
      return { available: value, onHold: negate(value) };
  }
}

const directionOf = (type: Leg['type']): 'debit' | 'credit' => (type === 'DEBIT' ? 'debit' : 'credit');

export interface OperationBook {
  list(entry: MidazFixtureAccount, query: URLSearchParams, now: Date): SimResponse;
  one(entry: MidazFixtureAccount, operationId: string | undefined): SimResponse;
  record(ledger: readonly MidazFixtureAccount[], request: SimRequest, at: Date, newId: () => string): SimResponse;
}

/**
 * The operations of every account, built from the seed backwards from each account's current default balance (so the
 * last operation's `balanceAfter` is what `…/balances` answers), then grown by recorded transfers.
 */
export function createOperationBook(accounts: readonly MidazFixtureAccount[]): OperationBook {
  const history = new Map<string, MidazOperationBody[]>();
  const byId = new Map(accounts.map((entry) => [entry.account.id, entry]));
  const defaultBalance = (entry: MidazFixtureAccount): MidazBalanceBody | undefined =>
    entry.balances.find((b) => b.key === 'default' && !b.deletedAt);

  const operation = (
    entry: MidazFixtureAccount,
    balance: MidazBalanceBody,
    leg: Leg,
    id: string,
    transactionId: string,
    at: string,
    description: string,
    status: string,
  ) => {
    const zero: MidazOperationBalanceBody = { available: '0', onHold: '0', version: 0, overdraftUsed: '0' };
    const body: MidazOperationBody = {
      id,
      transactionId,
      description,
      type: leg.type,
      assetCode: entry.account.assetCode,
      chartOfAccounts: '',
      amount: { value: leg.value },
      balance: zero,
      balanceAfter: zero,
      status: { code: status, description: null },
      accountId: entry.account.id,
      accountAlias: entry.account.alias ?? entry.account.id,
      balanceKey: balance.key,
      balanceId: balance.id,
      organizationId: entry.account.organizationId,
      ledgerId: entry.account.ledgerId,
      route: '',
      balanceAffected: true,
      direction: directionOf(leg.type),
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
      metadata: null,
    };
    return body;
  };

  // Seed: each account's legs newest first, walking its balance back from what it holds now.
  let counter = 0n;
  const seeded = new Map<string, MidazOperationBody[]>();
  for (const transfer of brazilSeed) {
    const transactionId = uuidV7(Date.parse(transfer.at), 0xf00000n + counter++);
    for (const leg of transfer.legs) {
      const entry = byId.get(leg.accountId);
      const balance = entry && defaultBalance(entry);
      if (!entry || !balance) continue;
      const id = uuidV7(Date.parse(transfer.at), counter++);
      const list = seeded.get(leg.accountId) ?? [];
      list.push(operation(entry, balance, leg, id, transactionId, transfer.at, transfer.description, transfer.status ?? 'APPROVED'));
      seeded.set(leg.accountId, list);
    }
  }
  for (const [accountId, list] of seeded) {
    const balance = defaultBalance(byId.get(accountId)!)!;
    let after: MidazOperationBalanceBody = { available: balance.available, onHold: balance.onHold, version: balance.version, overdraftUsed: '0' };
    for (const op of [...list].reverse()) {
      const change = effect(op.type, op.amount.value);
      const before = {
        available: addDecimals([after.available, negate(change.available)]),
        onHold: addDecimals([after.onHold, negate(change.onHold)]),
        version: after.version - 1,
        overdraftUsed: '0',
      };
      op.balance = before;
      op.balanceAfter = after;
      after = before;
    }
    history.set(accountId, list);
  }

  const encodeCursor = (id: string): string => Buffer.from(JSON.stringify({ id, points_next: true })).toString('base64');
  const decodeCursor = (cursor: string): string | undefined => {
    try {
      const id = (JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as { id?: unknown } | null)?.id;
      return typeof id === 'string' ? id : undefined;
    } catch {
      return undefined;
    }
  };

  return {
    list(entry, query, now) {
      const limit = readLimit(query);
      if (typeof limit !== 'number') return limit;
      const order = (query.get('sort_order') ?? 'asc').toLowerCase();
      if (order !== 'asc' && order !== 'desc') return midazErrors.invalidSortOrder();
      const startText = query.get('start_date');
      const endText = query.get('end_date');
      let window: [number, number];
      if (startText === null && endText === null) {
        // ApplyDefaultDateRange: the last MAX_PAGINATION_MONTH_DATE_RANGE months (1), to the end of today.
        const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
        const start = new Date(today);
        start.setUTCMonth(start.getUTCMonth() - 1);
        window = [start.getTime(), today + 86_399_999];
      } else {
        if (startText === null || endText === null) return midazErrors.invalidDateRange();
        const start = dateBound(startText, false);
        const end = dateBound(endText, true);
        if (start === undefined || end === undefined) return midazErrors.invalidDatetime();
        if (start > end) return midazErrors.invalidFinalDate();
        window = [start, end];
      }
      const cursorText = query.get('cursor');
      const after = cursorText === null || cursorText === '' ? undefined : decodeCursor(cursorText);
      if (cursorText && !after) return midazErrors.invalidQuery('cursor');
      const all = (history.get(entry.account.id) ?? [])
        .filter((op) => {
          const at = Date.parse(op.createdAt);
          return at >= window[0] && at <= window[1];
        })
        .sort((a, b) => (order === 'desc' ? b.id.localeCompare(a.id) : a.id.localeCompare(b.id)));
      const rest = after === undefined ? all : all.filter((op) => (order === 'desc' ? op.id < after : op.id > after));
      const items = rest.slice(0, limit);
      const more = rest.length > limit;
      const last = items.at(-1);
      return {
        status: 200,
        body: {
          items,
          limit,
          ...(more && last ? { next_cursor: encodeCursor(last.id) } : {}),
          ...(after !== undefined && items[0] ? { prev_cursor: encodeCursor(items[0].id) } : {}),
        },
      };
    },

    one(entry, operationId) {
      const op = (history.get(entry.account.id) ?? []).find((candidate) => candidate.id === operationId?.toLowerCase());
      return op
        ? { status: 200, body: op }
        : {
            status: 404,
            body: {
              entityType: 'Operation',
              code: '0069',
              title: 'No Operations Found',
              message: 'No operations were found in the search. Please review the search criteria and try again.',
            },
          };
    },

    record(ledger, request, at, newId) {
      const read = readTransfer(request.body);
      if ('status' in read) return read;
      const total = normalizeDecimal(read.value);
      const legs: Array<{ entry: MidazFixtureAccount; leg: Leg }> = [];
      for (const [side, type] of [
        [read.from, 'DEBIT'],
        [read.to, 'CREDIT'],
      ] as const) {
        if (normalizeDecimal(addDecimals(side.map((part) => part.value))) !== total) return transactionValueMismatch();
        for (const part of side) {
          const entry = ledger.find(({ account }) => account.alias === part.accountAlias);
          if (!entry) return accountAliasNotFound();
          if (entry.account.assetCode !== read.asset || part.asset !== read.asset) return midazErrors.mismatchedAssetCode();
          legs.push({ entry, leg: { accountId: entry.account.id, type, value: normalizeDecimal(part.value) } });
        }
      }
      // Sources other than external accounts cannot go below zero (no overdraft in the simulator's transfers).
      for (const { entry, leg } of legs) {
        const balance = defaultBalance(entry);
        if (!balance) return accountAliasNotFound();
        if (leg.type === 'DEBIT' && entry.account.type !== 'external' && addDecimals([balance.available, negate(leg.value)]).startsWith('-')) {
          return insufficientFunds();
        }
      }
      const stamp = at.toISOString();
      const transactionId = newId();
      const operations: MidazOperationBody[] = [];
      for (const { entry, leg } of legs) {
        const balance = defaultBalance(entry)!;
        const before: MidazOperationBalanceBody = {
          available: balance.available,
          onHold: balance.onHold,
          version: balance.version,
          overdraftUsed: '0',
        };
        const change = effect(leg.type, leg.value);
        balance.available = addDecimals([balance.available, change.available]);
        balance.onHold = addDecimals([balance.onHold, change.onHold]);
        balance.version += 1;
        balance.updatedAt = stamp;
        const op = operation(entry, balance, leg, newId(), transactionId, stamp, read.description, 'APPROVED');
        op.balance = before;
        op.balanceAfter = { available: balance.available, onHold: balance.onHold, version: balance.version, overdraftUsed: '0' };
        const list = history.get(entry.account.id) ?? [];
        list.push(op);
        history.set(entry.account.id, list);
        operations.push(op);
      }
      return {
        status: 201,
        body: {
          id: transactionId,
          description: read.description,
          status: { code: 'APPROVED', description: null },
          amount: total,
          assetCode: read.asset,
          ledgerId: legs[0]?.entry.account.ledgerId ?? MIDAZ_LEDGER_IDS.brazil,
          organizationId: legs[0]?.entry.account.organizationId ?? MIDAZ_ORGANIZATION_ID,
          source: read.from.map((part) => part.accountAlias),
          destination: read.to.map((part) => part.accountAlias),
          createdAt: stamp,
          updatedAt: stamp,
          operations,
        },
      };
    },
  };
}

interface TransferPart {
  accountAlias: string;
  asset: string;
  value: string;
}

const DECIMAL = /^\d+(\.\d+)?$/;

/** `POST …/transactions/json` as the simulator takes it: every source and destination with an explicit `amount`. */
function readTransfer(body: unknown): { description: string; asset: string; value: string; from: TransferPart[]; to: TransferPart[] } | SimResponse {
  const input = body as {
    description?: unknown;
    send?: { asset?: unknown; value?: unknown; source?: { from?: unknown }; distribute?: { to?: unknown } };
  } | null;
  const send = input?.send;
  const value = typeof send?.value === 'number' ? String(send.value) : send?.value;
  if (!send || typeof send.asset !== 'string' || typeof value !== 'string' || !DECIMAL.test(value)) {
    return midazErrors.missingFields({ send: 'send.asset and send.value are required' });
  }
  const parts = (list: unknown, name: string): TransferPart[] | SimResponse => {
    if (!Array.isArray(list) || list.length === 0) return midazErrors.missingFields({ [name]: `${name} is required` });
    const read: TransferPart[] = [];
    for (const item of list as Array<{ accountAlias?: unknown; amount?: { asset?: unknown; value?: unknown } }>) {
      const amount = typeof item?.amount?.value === 'number' ? String(item.amount.value) : item?.amount?.value;
      if (typeof item?.accountAlias !== 'string' || typeof item.amount?.asset !== 'string' || typeof amount !== 'string' || !DECIMAL.test(amount)) {
        return midazErrors.missingFields({ [name]: 'each entry needs accountAlias and amount { asset, value }' });
      }
      read.push({ accountAlias: item.accountAlias, asset: item.amount.asset, value: amount });
    }
    return read;
  };
  const from = parts(send.source?.from, 'send.source.from');
  if ('status' in from) return from;
  const to = parts(send.distribute?.to, 'send.distribute.to');
  if ('status' in to) return to;
  return { description: typeof input?.description === 'string' ? input.description : '', asset: send.asset, value, from, to };
}

const transactionValueMismatch = (): SimResponse => ({
  status: 400,
  body: {
    code: '0073',
    title: 'Transaction Value Mismatch',
    message:
      'The values for the source, the destination, or both do not match the specified transaction amount. Please verify the values and try again.',
  },
});

const accountAliasNotFound = (): SimResponse => ({
  status: 404,
  body: {
    code: '0085',
    title: 'Account Alias Not Found',
    message: 'The provided alias does not exist in our records. Please verify the alias and try again.',
  },
});

const insufficientFunds = (): SimResponse => ({
  status: 422,
  body: {
    code: '0018',
    title: 'Insufficient Funds Error',
    message:
      'The transaction could not be completed due to insufficient funds in the account. Please add sufficient funds to your account and try again.',
  },
});
