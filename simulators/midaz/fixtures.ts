// Sample Midaz v3.8 data for the simulator and tests: one organization, three ledgers, accounts and their balances as the server stores them.
import { publicAccountId } from '../shared/ids.js';

/** An account as Midaz v3.8 serialises it (LerianStudio/midaz pkg/mmodel/account.go): what the simulator serves. */
export interface MidazAccountBody {
  id: string;
  name: string;
  parentAccountId: string | null;
  entityId: string | null;
  assetCode: string;
  organizationId: string;
  ledgerId: string;
  portfolioId: string | null;
  segmentId: string | null;
  status: { code: string; description: string | null };
  alias: string | null;
  type: string;
  /** Null on rows older than the column (v3.4). */
  blocked: boolean | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  /** Omitted when empty. */
  metadata?: Record<string, unknown>;
}

/** `settings` of a v3.7+ balance (pkg/mmodel/balance_settings.go). */
export interface MidazBalanceSettingsBody {
  /** Omitted when empty ("transactional"). */
  balanceScope?: 'transactional' | 'internal';
  allowOverdraft: boolean;
  overdraftLimitEnabled: boolean;
  /** Present only when the limit is enabled. */
  overdraftLimit?: string;
}

/**
 * A balance as Midaz v3.8 stores it (pkg/mmodel/balance.go), amounts as decimal strings; the simulator adds the computed
 * `position` block when it serialises one, as Balance.MarshalJSON does.
 */
export interface MidazBalanceBody {
  id: string;
  organizationId: string;
  ledgerId: string;
  accountId: string;
  alias: string | null;
  key: string;
  assetCode: string;
  available: string;
  onHold: string;
  version: number;
  accountType: string;
  allowSending: boolean;
  allowReceiving: boolean;
  direction: 'credit' | 'debit';
  overdraftUsed: string;
  /** Omitted when the balance has no custom settings. */
  settings?: MidazBalanceSettingsBody;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  metadata?: Record<string, unknown>;
}

export const MIDAZ_ORGANIZATION_ID = '01978b4e-3a10-7c2e-9f41-6d2a8c0e5b17';
export const MIDAZ_LEDGER_IDS = {
  /** "Operações Brasil": BRL retail accounts and the BRL external account. */
  brazil: '01978b4f-1c22-7d4a-8e63-0b9f5a7d2c38',
  /** "US Treasury": USD corporate accounts. */
  treasury: '01978b4f-8e05-7f19-a2d4-47c1e9b63f50',
  /** "Marketplace payouts": many generated seller accounts, for paging and filters (not among the sample ids). */
  payouts: '01978b50-2a7c-7e31-9b08-3d6f1c5a8e94',
} as const;

export const MIDAZ_PORTFOLIO_ID = '01978b52-47aa-7b03-b8e1-93f0d26c4a71';
export const MIDAZ_SEGMENT_ID = '01978b52-9c3e-7a65-8d27-c5e4b1f09e82';
const PORTFOLIO_ID = MIDAZ_PORTFOLIO_ID;
const SEGMENT_ID = MIDAZ_SEGMENT_ID;

export interface MidazFixtureAccount {
  account: MidazAccountBody;
  balances: MidazBalanceBody[];
}

interface AccountSeed {
  id: string;
  ledgerId: string;
  name: string;
  alias: string;
  type: string;
  assetCode: string;
  createdAt: string;
  extra?: Partial<MidazAccountBody>;
}

function account(seed: AccountSeed): MidazAccountBody {
  return {
    id: seed.id,
    name: seed.name,
    parentAccountId: null,
    entityId: null,
    assetCode: seed.assetCode,
    organizationId: MIDAZ_ORGANIZATION_ID,
    ledgerId: seed.ledgerId,
    portfolioId: null,
    segmentId: null,
    status: { code: 'ACTIVE', description: null },
    alias: seed.alias,
    type: seed.type,
    blocked: false,
    createdAt: seed.createdAt,
    updatedAt: seed.createdAt,
    deletedAt: null,
    ...seed.extra,
  };
}

interface BalanceSeed {
  id: string;
  key?: string;
  available: string;
  onHold: string;
  version: number;
  updatedAt: string;
  allowSending?: boolean;
  direction?: 'credit' | 'debit';
  overdraftUsed?: string;
  settings?: MidazBalanceSettingsBody;
  createdAt?: string;
}

function balance(owner: MidazAccountBody, seed: BalanceSeed): MidazBalanceBody {
  return {
    id: seed.id,
    organizationId: owner.organizationId,
    ledgerId: owner.ledgerId,
    accountId: owner.id,
    alias: owner.alias,
    key: seed.key ?? 'default',
    assetCode: owner.assetCode,
    available: seed.available,
    onHold: seed.onHold,
    version: seed.version,
    accountType: owner.type,
    allowSending: seed.allowSending ?? true,
    allowReceiving: true,
    direction: seed.direction ?? 'credit',
    overdraftUsed: seed.overdraftUsed ?? '0',
    ...(seed.settings ? { settings: seed.settings } : {}),
    createdAt: seed.createdAt ?? owner.createdAt,
    updatedAt: seed.updatedAt,
    deletedAt: null,
  };
}

const external = account({
  id: '0198f39e-5d20-7a11-b6f4-1e8c7a9d3f02',
  ledgerId: MIDAZ_LEDGER_IDS.brazil,
  name: 'External BRL',
  alias: '@external/BRL',
  type: 'external',
  assetCode: 'BRL',
  createdAt: '2025-08-29T02:18:18.784310Z',
});

const checking = account({
  id: '0198f3a2-6c1e-7b3a-9d41-2f5c8e7a1b20',
  ledgerId: MIDAZ_LEDGER_IDS.brazil,
  name: 'Maria Oliveira - Conta Corrente',
  alias: '@maria_oliveira',
  type: 'deposit',
  assetCode: 'BRL',
  createdAt: '2025-08-29T02:22:44.766125Z',
  extra: { entityId: 'CPF-39053344705', metadata: { branch: '0001', kycLevel: 2 } },
});

const merchant = account({
  id: '0198f3a5-0b7d-7e42-a1c9-8d36f2e04b91',
  ledgerId: MIDAZ_LEDGER_IDS.brazil,
  name: 'Padaria Estrela - Recebíveis',
  alias: '@padaria_estrela',
  type: 'deposit',
  assetCode: 'BRL',
  createdAt: '2025-08-29T02:25:36.637402Z',
});

/** A sub-account created without a name or alias: the ledger sets the alias to the account id. */
const envelope = account({
  id: '0198f3a7-2e91-7c58-9a03-5b7d1f4e8c26',
  ledgerId: MIDAZ_LEDGER_IDS.brazil,
  name: '',
  alias: '0198f3a7-2e91-7c58-9a03-5b7d1f4e8c26',
  type: 'deposit',
  assetCode: 'BRL',
  createdAt: '2025-08-29T02:27:56.689044Z',
  extra: { parentAccountId: checking.id },
});

const reserve = account({
  id: '0198f3b1-7a4c-7d90-8b52-6e3f0c1a9d47',
  ledgerId: MIDAZ_LEDGER_IDS.treasury,
  name: 'Acme Corp - Reserve Savings',
  alias: '@acme_reserve',
  type: 'savings',
  assetCode: 'USD',
  createdAt: '2025-08-29T02:39:11.436871Z',
  extra: {
    entityId: 'CUST-000482',
    portfolioId: PORTFOLIO_ID,
    segmentId: SEGMENT_ID,
    updatedAt: '2025-09-02T17:45:03.120554Z',
    metadata: { costCenter: 'CC-4410', interestBearing: true, aprBps: 425 },
  },
});

/** Alias chosen by hand, switched off by its owner; `blocked` is null on rows older than the column. */
const treasury = account({
  id: '0198f3b3-1f08-7b6e-9c7d-0a2e5d8f1b63',
  ledgerId: MIDAZ_LEDGER_IDS.treasury,
  name: 'Treasury Operating',
  alias: '@treasury',
  type: 'deposit',
  assetCode: 'USD',
  createdAt: '2025-08-29T02:40:59.144207Z',
  extra: {
    status: { code: 'INACTIVE', description: 'Frozen pending quarterly reconciliation' },
    blocked: null,
    updatedAt: '2025-09-30T23:59:58.000001Z',
  },
});

/**
 * A shop 150.50 BRL into its overdraft (limit 500.00), as Midaz v3.7+ books it: the default balance pinned at
 * available 0 with overdraftUsed 150.5, and the system companion balance `overdraft` (direction debit, scope internal)
 * holding the same 150.5 as debt (components/ledger/internal/services/command/update_balance_overdraft.go).
 */
const overdrawn = account({
  id: '0198f3a9-4d6b-7c10-8e25-7a1f3c9b0d58',
  ledgerId: MIDAZ_LEDGER_IDS.brazil,
  name: 'Mercadinho Bom Preço - Conta PJ',
  alias: '@mercadinho_bom_preco',
  type: 'deposit',
  assetCode: 'BRL',
  createdAt: '2025-08-29T02:31:07.202118Z',
  extra: { entityId: 'CNPJ-11222333000181', updatedAt: '2025-09-03T14:05:12.480913Z' },
});

export const midazFixtures: readonly MidazFixtureAccount[] = [
  {
    account: external,
    balances: [
      balance(external, {
        id: '0198f39e-5d21-7b02-8c11-4f6a2d9e0b13',
        available: '-25095.12',
        onHold: '0',
        version: 9,
        updatedAt: '2025-09-01T12:00:41.009117Z',
      }),
    ],
  },
  {
    account: checking,
    balances: [
      balance(checking, {
        id: '0198f3a2-6c1f-7e0b-b3a8-1d5c9e2f7a44',
        available: '23212.31',
        onHold: '112.31',
        version: 7,
        updatedAt: '2025-09-01T12:00:41.009117Z',
      }),
    ],
  },
  {
    account: merchant,
    balances: [
      balance(merchant, {
        id: '0198f3a5-0b7e-7a3f-9e20-6b1d4c8f2a55',
        available: '1520.00',
        onHold: '0',
        version: 4,
        updatedAt: '2025-08-31T09:14:22.551900Z',
      }),
      balance(merchant, {
        id: '0198f3a6-41c2-7d18-a6f5-2c9e0b7d3e66',
        key: 'asset-freeze',
        available: '250.50',
        onHold: '0',
        version: 2,
        updatedAt: '2025-08-31T09:15:02.004311Z',
        allowSending: false,
      }),
    ],
  },
  {
    account: envelope,
    balances: [
      balance(envelope, {
        id: '0198f3a7-2e92-7f4d-8b71-3a0e6c5d9f77',
        available: '0',
        onHold: '0',
        version: 1,
        updatedAt: '2025-08-29T02:27:56.689044Z',
      }),
    ],
  },
  {
    account: reserve,
    balances: [
      balance(reserve, {
        id: '0198f3b1-7a4d-7c21-9f86-0d4b2e8a1c88',
        available: '1048576.75',
        onHold: '2500.00',
        version: 31,
        updatedAt: '2025-09-02T17:45:03.120554Z',
      }),
    ],
  },
  {
    account: treasury,
    balances: [
      balance(treasury, {
        id: '0198f3b3-1f09-7a94-b0c3-5e7f1a2d6b99',
        available: '98000000.00',
        onHold: '0',
        version: 12,
        updatedAt: '2025-09-30T23:59:58.000001Z',
      }),
    ],
  },
  {
    account: overdrawn,
    balances: [
      balance(overdrawn, {
        id: '0198f3a9-4d6c-7a02-9b47-1e8d2c6f3a90',
        available: '0',
        onHold: '0',
        version: 9,
        updatedAt: '2025-09-03T14:05:12.480913Z',
        overdraftUsed: '150.5',
        settings: { allowOverdraft: true, overdraftLimitEnabled: true, overdraftLimit: '500.00' },
      }),
      balance(overdrawn, {
        id: '0198f3aa-02e7-7f31-a5c8-4b0e9d1f6c27',
        key: 'overdraft',
        available: '150.5',
        onHold: '0',
        version: 3,
        createdAt: '2025-09-01T10:12:44.019370Z',
        updatedAt: '2025-09-03T14:05:12.480913Z',
        direction: 'debit',
        settings: { balanceScope: 'internal', allowOverdraft: false, overdraftLimitEnabled: false },
      }),
    ],
  },
];

/** The native id the API contract gives a Midaz account: `<organizationId>/<ledgerId>/<accountId>`, lower case. */
const nativeIdOf = (wire: MidazAccountBody): string => [wire.organizationId, wire.ledgerId, wire.id].map((part) => part.toLowerCase()).join('/');

/** Native ids of the accounts tests single out. */
export const MIDAZ_NATIVE_IDS = {
  external: nativeIdOf(external),
  onHold: nativeIdOf(checking),
  twoKeys: nativeIdOf(merchant),
  subAccount: nativeIdOf(envelope),
  savings: nativeIdOf(reserve),
  treasury: nativeIdOf(treasury),
  overdrawn: nativeIdOf(overdrawn),
} as const;

export const MIDAZ_SAMPLE_IDS: readonly string[] = midazFixtures.map(({ account: wire }) => publicAccountId('midaz', nativeIdOf(wire)));

/** A UUIDv7 for this millisecond: the time in the first 48 bits, so ids sort by creation; `tail` fills the rest. */
export function uuidV7(ms: number, tail: bigint): string {
  const time = ms.toString(16).padStart(12, '0').slice(-12);
  const rest = tail.toString(16).padStart(18, '0').slice(-18);
  return `${time.slice(0, 8)}-${time.slice(8)}-7${rest.slice(0, 3)}-8${rest.slice(3, 6)}-${rest.slice(6)}`;
}

/** How many accounts the payouts ledger holds: more than two full pages of 100. */
export const MIDAZ_PAYOUT_COUNT = 230;
const PAYOUTS_START = Date.UTC(2025, 8, 1);
const REGIONS = ['north', 'south', 'east', 'west'] as const;
const TYPES = ['deposit', 'savings', 'creditCard'] as const;

/** Seller account `i` of the payouts ledger: one an hour from 2025-09-01, with properties cycling so filters have something to find. */
function payout(index: number, parent: MidazAccountBody | undefined): MidazAccountBody {
  const ms = PAYOUTS_START + index * 3_600_000;
  const pad = String(index).padStart(3, '0');
  const usd = index % 5 === 0;
  return account({
    id: uuidV7(ms, BigInt(index)),
    ledgerId: MIDAZ_LEDGER_IDS.payouts,
    name: `Seller ${pad}`,
    alias: `@seller_${pad}`,
    type: TYPES[index % 3] ?? 'deposit',
    assetCode: usd ? 'USD' : 'BRL',
    createdAt: new Date(ms).toISOString(),
    extra: {
      entityId: `MERCHANT-${String(index % 23).padStart(2, '0')}`,
      portfolioId: index % 4 === 0 ? PORTFOLIO_ID : null,
      segmentId: index % 6 === 0 ? SEGMENT_ID : null,
      status: index % 7 === 0 ? { code: 'INACTIVE', description: 'Dormant seller' } : { code: 'ACTIVE', description: null },
      blocked: index % 11 === 0,
      parentAccountId: parent && !usd ? parent.id : null,
      metadata: { region: REGIONS[index % 4] ?? 'north', tier: index % 3 === 0 ? 'gold' : 'standard' },
    },
  });
}

/** The payouts ledger: seller 001 is the parent of the BRL sellers from 210 on; every 50th (from 7) holds money. */
export const midazPayoutFixtures: readonly MidazFixtureAccount[] = (() => {
  const parentOf = (index: number, all: MidazAccountBody[]) => (index >= 210 ? all[1] : undefined);
  const accounts: MidazAccountBody[] = [];
  for (let index = 0; index < MIDAZ_PAYOUT_COUNT; index += 1) accounts.push(payout(index, parentOf(index, accounts)));
  return accounts.map((wire, index) => ({
    account: wire,
    balances: [
      balance(wire, {
        id: uuidV7(Date.parse(wire.createdAt), BigInt(index) + 0x100000n),
        available: index % 50 === 7 ? '100.00' : '0',
        onHold: '0',
        version: 1,
        updatedAt: wire.createdAt,
      }),
    ],
  }));
})();
