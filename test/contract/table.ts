// The small table each provider hands the contract suite (src/providers/<prefix>/testdata/contract.json), and its loader.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { ReplayRoute } from '../support/replay.js';

/**
 * One recorded answer of the replay server: `json`, or a payload fixture of the provider's testdata/ folder with some
 * values set (`set`: dotted paths, numbers for list indexes, e.g. `"balances.0.balance": "1.2.3"`).
 */
const route = z.object({
  path: z.string().startsWith('/'),
  query: z.record(z.string(), z.string()).optional(),
  status: z.number().int().optional(),
  json: z.unknown().optional(),
  fixture: z.string().optional(),
  set: z.record(z.string(), z.unknown()).optional(),
});

const selection = {
  /** A global id the replay answers for. */
  id: z.string(),
  /** What the query selects on the account, besides its id (inline fragments on the provider's type). */
  select: z.string(),
  routes: z.array(route).min(1),
};

export const contractTable = z.strictObject({
  /** What the table holds, for people: where its ids and payloads come from. */
  about: z.string(),
  /** Ids the simulator holds, in another spelling the provider accepts, and the canonical id each answers under. */
  canonical: z.array(z.tuple([z.string(), z.string()])),
  /** An id of the provider's form that its simulator does not hold: NOT_FOUND. */
  unknown: z.string(),
  /** Native ids the provider refuses beside the shared hostile ones (its own near misses). */
  hostile: z.array(z.string()),
  /** How N distinct accounts of one request are read: `each` one call per account, `list` one list call for all. */
  batch: z.enum(['each', 'list']),
  /** An update input the gateway accepts (no enum values: it is written inline), for the update mutation's id checks. */
  updateInput: z.record(z.string(), z.unknown()).optional(),
  /** Every list field of the module, paged to the end over the simulator: its arguments, page size and length. */
  lists: z.array(
    z.object({
      field: z.string(),
      args: z.record(z.string(), z.unknown()),
      /** The page size to page with, the largest `first` the list takes, and how many entries the simulator holds. */
      first: z.number().int().positive(),
      maxFirst: z.number().int().positive(),
      count: z.number().int().nonnegative(),
    }),
  ),
  tolerant: z.object({
    /** An optional field sent unreadably: the account stands, the field reads as `expect`, its path is logged as degraded. */
    degraded: z.object({ ...selection, expect: z.record(z.string(), z.unknown()), fields: z.array(z.string()).min(1) }),
    /**
     * An amount that cannot be read exactly: the account is refused (`refused`), or the entry holding it is left out
     * with an error at `path` under the account (`leftOut`). Either way `amount` (the bad text) is never shown.
     */
    badAmount: z.object({ ...selection, amount: z.string(), outcome: z.enum(['refused', 'leftOut']), path: z.array(z.string()) }),
  }),
});

export type ContractTable = z.infer<typeof contractTable>;

const tableUrl = (prefix: string) => new URL(`../../src/providers/${prefix}/testdata/contract.json`, import.meta.url);

/** The provider's table, checked; throws naming the file when it is missing or malformed. */
export function loadContractTable(prefix: string): ContractTable {
  const url = tableUrl(prefix);
  let text: string;
  try {
    text = readFileSync(url, 'utf8');
  } catch {
    throw new Error(
      `The provider "${prefix}" has no contract table: add src/providers/${prefix}/testdata/contract.json (see test/contract/table.ts).`,
    );
  }
  const parsed = contractTable.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`src/providers/${prefix}/testdata/contract.json: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Sets `value` at a dotted path (`balances.0.amount`) of a JSON value, in place. */
function setAt(target: unknown, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== 'object') throw new Error(`No object at "${key}" of "${path}"`);
    node = next as Record<string, unknown>;
  }
  node[keys.at(-1) as string] = value;
}

/** The replay routes of a table entry: fixtures read from the provider's testdata/ folder, with their values set. */
export function replayRoutes(prefix: string, routes: ContractTable['tolerant']['degraded']['routes']): ReplayRoute[] {
  return routes.map(({ fixture, set, json, ...rest }) => {
    const base: unknown = fixture
      ? JSON.parse(readFileSync(new URL(`../../src/providers/${prefix}/testdata/${fixture}`, import.meta.url), 'utf8'))
      : json;
    for (const [path, value] of Object.entries(set ?? {})) setAt(base, path, value);
    return { ...rest, json: base };
  });
}
