// Checks of the Midaz list filter and mutation inputs, made before any upstream call, into canonical values.
import type {
  MidazAccountCreateInput,
  MidazAccountFilter,
  MidazAccountStatusFilter,
  MidazAccountStatusInput,
  MidazAccountUpdateInput,
  MidazMetadataInput,
} from '../../generated/resolvers-types.js';
import { badUserInput } from '../../errors.js';
import { Problems, type Checked } from '../shared/userErrors.js';
import { UUID_PATTERN } from './wire.js';

const ALIAS = /^[a-zA-Z0-9@:_-]+$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2}))?$/;

/** A list filter in canonical form: UUIDs in lower case, the asset code in upper case. */
export interface ListFilter {
  type?: string;
  assetCode?: string;
  statusCode?: MidazAccountStatusFilter;
  portfolioId?: string;
  segmentId?: string;
  entityId?: string;
  parentAccountId?: string;
  blocked?: boolean;
  namePrefix?: string;
  aliasPrefix?: string;
  metadata?: [string, string];
  createdFrom?: string;
  createdTo?: string;
}

export interface StatusChange {
  code: string;
  description?: string;
}

export interface CreateAccount {
  organizationId: string;
  ledgerId: string;
  assetCode: string;
  type: string;
  name?: string;
  alias?: string;
  parentAccountId?: string;
  portfolioId?: string;
  segmentId?: string;
  entityId?: string;
  status?: StatusChange;
  blocked?: boolean;
  metadata?: Record<string, string>;
}

export interface UpdateAccount {
  name?: string;
  portfolioId?: string;
  segmentId?: string;
  entityId?: string;
  status?: StatusChange;
  blocked?: boolean;
  /** Keys to set (a string) or remove (null). */
  metadata?: Record<string, string | null>;
}

/** The shared problem collector with the checks Midaz's inputs share; each returns undefined after adding a problem. */
class MidazProblems extends Problems {
  uuid(value: string | null | undefined, field: readonly string[], what: string): string | undefined {
    if (value === null || value === undefined) return undefined;
    return UUID_PATTERN.test(value) ? value.toLowerCase() : this.add(field, `${what} must be a UUID; got "${clip(value)}".`);
  }

  text(value: string | null | undefined, field: readonly string[], what: string, max: number): string | undefined {
    if (value === null || value === undefined) return undefined;
    if (value.trim() === '') return this.add(field, `${what} cannot be blank.`);
    return value.length <= max ? value : this.add(field, `${what} must be at most ${max} characters.`);
  }

  alias(value: string | null | undefined, field: readonly string[]): string | undefined {
    if (value === null || value === undefined) return undefined;
    if (value.length > 100) return this.add(field, 'The alias must be at most 100 characters.');
    return ALIAS.test(value) ? value : this.add(field, `The alias "${clip(value)}" may hold only letters, digits and @ : _ -.`);
  }

  status(value: MidazAccountStatusInput | null | undefined, field: readonly string[]): StatusChange | undefined {
    if (!value) return undefined;
    const code = this.text(value.code, [...field, 'code'], 'The status code', 100);
    const description = value.description === null || value.description === undefined ? undefined : value.description;
    if (description !== undefined && description.length > 256)
      this.add([...field, 'description'], 'The status description must be at most 256 characters.');
    return code === undefined ? undefined : { code, ...(description !== undefined && description.length <= 256 ? { description } : {}) };
  }

  /** A metadata filter pair: a dot would name a nested path and a leading $ an operator in Midaz's store, never a flat key. */
  filterPair({ key, value }: MidazMetadataInput): [string, string] | undefined {
    const at = ['filter', 'metadata'];
    if (key.length < 1 || key.length > 100) return this.add([...at, 'key'], 'A metadata key must be 1 to 100 characters.');
    if (key.includes('.') || key.startsWith('$')) return this.add([...at, 'key'], `The metadata key "${clip(key)}" cannot be used in a filter.`);
    return value.length <= 2000 ? [key, value] : this.add([...at, 'value'], 'A metadata value must be at most 2000 characters.');
  }

  metadata(entries: readonly MidazMetadataInput[] | null | undefined, field: readonly string[]): Record<string, string> | undefined {
    if (!entries) return undefined;
    const result: Record<string, string> = {};
    entries.forEach(({ key, value }, index) => {
      const at = [...field, String(index)];
      if (key.length < 1 || key.length > 100) this.add([...at, 'key'], 'A metadata key must be 1 to 100 characters.');
      else if (Object.hasOwn(result, key)) this.add([...at, 'key'], `The metadata key "${clip(key)}" is given twice.`);
      else if (value.length > 2000) this.add([...at, 'value'], 'A metadata value must be at most 2000 characters.');
      else result[key] = value;
    });
    return result;
  }
}

const clip = (value: string): string => (value.length > 60 ? `${value.slice(0, 60)}…` : value);

/** Drops the keys whose value is undefined, so bodies and signed arguments carry only what was given. */
export function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** An organization or ledger id of a list: BAD_USER_INPUT unless a UUID; lower case. */
export function listPathId(value: string, what: string): string {
  if (!UUID_PATTERN.test(value)) throw badUserInput(`${what} must be a UUID.`);
  return value.toLowerCase();
}

/** `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS` as the instant it names (a bare date: its start, or its end when `endOfDay`). */
export function dateBound(value: string, endOfDay: boolean): number | undefined {
  const match = DATE.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => (part === undefined ? undefined : Number(part)));
  const time = hour === undefined ? (endOfDay ? [23, 59, 59, 999] : [0, 0, 0, 0]) : [hour, minute ?? 0, second ?? 0, 0];
  const instant = Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 0, ...(time as [number, number, number, number]));
  const check = new Date(instant);
  const valid =
    check.getUTCFullYear() === year &&
    check.getUTCMonth() + 1 === month &&
    check.getUTCDate() === day &&
    (hour === undefined || (hour < 24 && (minute ?? 0) < 60 && (second ?? 0) < 60));
  return valid ? instant : undefined;
}

/** The list filter in canonical form; BAD_USER_INPUT (no upstream call) for anything Midaz would refuse. */
export function parseListFilter(filter: MidazAccountFilter | null | undefined): ListFilter {
  if (!filter) return {};
  const problems = new MidazProblems();
  const pair = filter.metadata ?? undefined;
  const metadata = pair ? problems.filterPair(pair) : undefined;
  const createdFrom = filter.createdFrom ?? undefined;
  const createdTo = filter.createdTo ?? undefined;
  if ((createdFrom === undefined) !== (createdTo === undefined)) problems.add(['filter'], 'Give both createdFrom and createdTo, or neither.');
  if (createdFrom !== undefined && createdTo !== undefined) {
    const from = dateBound(createdFrom, false);
    const to = dateBound(createdTo, true);
    if (from === undefined) problems.add(['filter', 'createdFrom'], 'createdFrom must be `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`.');
    if (to === undefined) problems.add(['filter', 'createdTo'], 'createdTo must be `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`.');
    if (from !== undefined && to !== undefined && from > to) problems.add(['filter', 'createdTo'], 'createdTo cannot be earlier than createdFrom.');
  }
  const value = defined<ListFilter>({
    type: problems.text(filter.type, ['filter', 'type'], 'The type', 256),
    assetCode: problems.text(filter.assetCode, ['filter', 'assetCode'], 'The asset code', 100)?.toUpperCase(),
    statusCode: filter.statusCode ?? undefined,
    portfolioId: problems.uuid(filter.portfolioId, ['filter', 'portfolioId'], 'portfolioId'),
    segmentId: problems.uuid(filter.segmentId, ['filter', 'segmentId'], 'segmentId'),
    entityId: problems.text(filter.entityId, ['filter', 'entityId'], 'The entity id', 256),
    parentAccountId: problems.uuid(filter.parentAccountId, ['filter', 'parentAccountId'], 'parentAccountId'),
    blocked: filter.blocked ?? undefined,
    namePrefix: problems.text(filter.namePrefix, ['filter', 'namePrefix'], 'The name prefix', 256),
    aliasPrefix: problems.text(filter.aliasPrefix, ['filter', 'aliasPrefix'], 'The alias prefix', 256),
    metadata,
    createdFrom,
    createdTo,
  });
  const [first] = problems.errors;
  if (first) throw badUserInput(`Invalid Midaz account filter at ${first.field?.join('.')}: ${first.message}`);
  return value;
}

/** The create input, checked and canonical (asset code upper-cased), or userErrors at their input paths. */
export function parseCreateInput(input: MidazAccountCreateInput): Checked<CreateAccount> {
  const problems = new MidazProblems();
  const at = (name: string) => ['input', name];
  const value = defined<CreateAccount>({
    organizationId: problems.uuid(input.organizationId, at('organizationId'), 'organizationId') ?? '',
    ledgerId: problems.uuid(input.ledgerId, at('ledgerId'), 'ledgerId') ?? '',
    assetCode: problems.text(input.assetCode, at('assetCode'), 'The asset code', 100)?.toUpperCase() ?? '',
    type: problems.text(input.type, at('type'), 'The type', 256) ?? '',
    name: problems.text(input.name, at('name'), 'The name', 256),
    alias: problems.alias(input.alias, at('alias')),
    parentAccountId: problems.uuid(input.parentAccountId, at('parentAccountId'), 'parentAccountId'),
    portfolioId: problems.uuid(input.portfolioId, at('portfolioId'), 'portfolioId'),
    segmentId: problems.uuid(input.segmentId, at('segmentId'), 'segmentId'),
    entityId: problems.text(input.entityId, at('entityId'), 'The entity id', 256),
    status: problems.status(input.status, at('status')),
    blocked: input.blocked ?? undefined,
    metadata: problems.metadata(input.metadata, at('metadata')),
  });
  return problems.result(value);
}

/** The update input, checked: at least one change, and no key both set and removed. */
export function parseUpdateInput(input: MidazAccountUpdateInput): Checked<UpdateAccount> {
  const problems = new MidazProblems();
  const at = (name: string) => ['input', name];
  const set = problems.metadata(input.metadata, at('metadata'));
  const removed = input.removeMetadataKeys ?? [];
  removed.forEach((key, index) => {
    if (key.length < 1 || key.length > 100) problems.add([...at('removeMetadataKeys'), String(index)], 'A metadata key must be 1 to 100 characters.');
    else if (set && Object.hasOwn(set, key))
      problems.add([...at('removeMetadataKeys'), String(index)], `The metadata key "${clip(key)}" cannot be both set and removed.`);
  });
  const metadata = set || removed.length > 0 ? { ...Object.fromEntries(removed.map((key) => [key, null])), ...set } : undefined;
  const value = defined<UpdateAccount>({
    name: problems.text(input.name, at('name'), 'The name', 256),
    portfolioId: problems.uuid(input.portfolioId, at('portfolioId'), 'portfolioId'),
    segmentId: problems.uuid(input.segmentId, at('segmentId'), 'segmentId'),
    entityId: problems.text(input.entityId, at('entityId'), 'The entity id', 256),
    status: problems.status(input.status, at('status')),
    blocked: input.blocked ?? undefined,
    metadata: metadata && Object.keys(metadata).length > 0 ? metadata : undefined,
  });
  if (!problems.found && Object.keys(value).length === 0) problems.add(['input'], 'Give at least one field to change.');
  return problems.result(value);
}
