// How the Midaz simulator reads create and update bodies, in Midaz's order: JSON types (0094), unknown fields (0053), then validation (0009, 0047).
import type { SimResponse } from '../shared/server.js';
import { midazErrors } from './errors.js';
import { UUID, type CreateAccountInput, type UpdateAccountInput } from './inputs.js';

export type BodyCheck<T> = { ok: true; value: T } | { ok: false; response: SimResponse };

const CREATE_KEYS = [
  'name',
  'parentAccountId',
  'entityId',
  'assetCode',
  'portfolioId',
  'segmentId',
  'status',
  'alias',
  'type',
  'blocked',
  'metadata',
];
const UPDATE_KEYS = ['name', 'segmentId', 'portfolioId', 'entityId', 'status', 'blocked', 'metadata'];
const STRING_KEYS = new Set(['name', 'parentAccountId', 'entityId', 'assetCode', 'portfolioId', 'segmentId', 'alias', 'type']);
const UUID_KEYS = ['parentAccountId', 'portfolioId', 'segmentId'] as const;
const MAX_LENGTHS: Readonly<Record<string, number>> = { name: 256, entityId: 256, assetCode: 100, type: 256, alias: 100 };
const ALIAS = /^[a-zA-Z0-9@:_-]+$/;

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Go's name for a JSON value's type, as its unmarshalling errors print it. */
const goType = (value: unknown): string =>
  Array.isArray(value) ? 'array' : typeof value === 'boolean' ? 'bool' : typeof value === 'object' ? 'object' : typeof value;

/** The first field whose JSON type the Go struct cannot take, as Midaz's 0094 message words it. */
function typeProblem(body: Json): string | undefined {
  const wrong = (field: string, expected: string, value: unknown) =>
    `invalid value for field '${field}': expected type '${expected}', but got '${goType(value)}'`;
  for (const [key, value] of Object.entries(body)) {
    if (value === null) continue;
    if (STRING_KEYS.has(key) && typeof value !== 'string') return wrong(key, 'string', value);
    if (key === 'blocked' && typeof value !== 'boolean') return wrong(key, 'bool', value);
    if (key === 'metadata' && !isObject(value)) return wrong(key, 'map[string]interface {}', value);
    if (key === 'status') {
      if (!isObject(value)) return wrong(key, 'mmodel.Status', value);
      for (const part of ['code', 'description'] as const) {
        if (value[part] !== undefined && value[part] !== null && typeof value[part] !== 'string')
          return wrong(`status.${part}`, 'string', value[part]);
      }
    }
  }
  return undefined;
}

/** Fields the struct does not know, as Midaz lists them (nested for status). */
function unknownFields(body: Json, allowed: readonly string[]): Json {
  const unknown: Json = {};
  for (const [key, value] of Object.entries(body)) {
    if (!allowed.includes(key)) unknown[key] = value;
    else if (key === 'status' && isObject(value)) {
      const extra = Object.fromEntries(Object.entries(value).filter(([part]) => part !== 'code' && part !== 'description'));
      if (Object.keys(extra).length > 0) unknown[key] = extra;
    }
  }
  return unknown;
}

/** go-playground/validator's English messages for the tags Midaz puts on the account inputs. */
function invalidFields(body: Json): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, max] of Object.entries(MAX_LENGTHS)) {
    const value = body[key];
    if (typeof value === 'string' && value.length > max) fields[key] = `${key} must be a maximum of ${max} characters in length`;
  }
  for (const key of UUID_KEYS) {
    const value = body[key];
    if (typeof value === 'string' && value !== '' && !UUID.test(value)) fields[key] = `${key} must be a valid UUID`;
  }
  const alias = body.alias;
  if (typeof alias === 'string' && alias !== '' && !fields.alias) {
    if (alias.includes('@external/')) fields.alias = "alias cannot contain the text '@external/'";
    else if (!ALIAS.test(alias)) fields.alias = 'alias';
  }
  const status = isObject(body.status) ? body.status : {};
  if (typeof status.code === 'string' && status.code.length > 100) fields.code = 'code must be a maximum of 100 characters in length';
  if (typeof status.description === 'string' && status.description.length > 256)
    fields.description = 'description must be a maximum of 256 characters in length';
  for (const [key, value] of Object.entries(isObject(body.metadata) ? body.metadata : {})) {
    const tooLong = key.length > 100 || (typeof value === 'string' && value.length > 2000);
    if (tooLong || isObject(value)) fields[`metadata[${key}]`] = `metadata[${key}]`;
  }
  return fields;
}

function read(body: unknown, allowed: readonly string[], required: readonly string[]): BodyCheck<Json> {
  if (!isObject(body)) return { ok: false, response: midazErrors.unmarshalling('json: cannot unmarshal the request body into an account input') };
  const typeError = typeProblem(body);
  if (typeError) return { ok: false, response: midazErrors.unmarshalling(typeError) };
  const unknown = unknownFields(body, allowed);
  if (Object.keys(unknown).length > 0) return { ok: false, response: midazErrors.unexpectedFields(unknown) };
  const missing = Object.fromEntries(
    required.filter((key) => typeof body[key] !== 'string' || body[key] === '').map((key) => [key, `${key} is a required field`]),
  );
  if (Object.keys(missing).length > 0) return { ok: false, response: midazErrors.missingFields(missing) };
  const invalid = invalidFields(body);
  if (Object.keys(invalid).length > 0) return { ok: false, response: midazErrors.badRequest(invalid) };
  return { ok: true, value: body };
}

/** A POST body Midaz would accept; null fields count as absent. */
export function readCreateBody(body: unknown): BodyCheck<CreateAccountInput> {
  const checked = read(body, CREATE_KEYS, ['assetCode', 'type']);
  return checked.ok ? { ok: true, value: checked.value as unknown as CreateAccountInput } : checked;
}

/** A PATCH body Midaz would accept: the mutable fields only. */
export function readUpdateBody(body: unknown): BodyCheck<UpdateAccountInput> {
  const checked = read(body, UPDATE_KEYS, []);
  return checked.ok ? { ok: true, value: checked.value as unknown as UpdateAccountInput } : checked;
}
