// The one tolerant-reading rule every provider module reads upstream bodies with.
//
// A provider's zod schema says what each field must be, and which fields the gateway cannot do without: those
// are the required ones (identity and money). Everything else is optional in the schema. When a body does not
// match, the values that fail are dropped, one path at a time, and the body is read again: a field the gateway
// only passes on degrades to null (logged and counted), while a required field that fails refuses the body.
import type { z } from 'zod';
import { ErrorCode, GatewayError } from '../errors.js';
import type { ProviderClient } from './client.js';

/** What a read left out, for operators: field paths only (`items[].available`), never values. */
export interface WireIssue {
  /** `degraded`: optional fields dropped, the body read; `refused`: a required field failed, the body refused. */
  outcome: 'degraded' | 'refused';
  /** The route template the body came from, e.g. `GET /accounts/{username}`. */
  route: string;
  /** Paths of the fields concerned, array indices as `[]`. */
  fields: readonly string[];
}

export type WireReader = Pick<ProviderClient, 'provider' | 'label' | 'error' | 'reportWire'>;

/** Dropping values stops after this many rounds (a body can only lose so many nested levels). */
const MAX_ROUNDS = 16;

type Path = ReadonlyArray<PropertyKey>;

/**
 * The body, typed, under the tolerant-reading rule above. Throws UPSTREAM_ERROR when a required field is missing
 * or wrong (the message names the provider only; the log names the route and the field paths).
 */
export function readWire<S extends z.ZodType>(client: WireReader, schema: S, body: unknown, route: string): z.infer<S> {
  const first = schema.safeParse(body);
  if (first.success) return first.data;
  const failing = first.error.issues.map((issue) => fieldPath(issue.path));
  let current: unknown = structuredClone(body);
  let issues = first.error.issues;
  const dropped = new Set<string>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const paths = issues.map((issue) => droppablePath(current, issue.path));
    if (paths.some((path) => path === undefined)) break;
    for (const path of paths as Path[]) {
      current = dropAt(current, path);
      dropped.add(fieldPath(path));
    }
    const again = schema.safeParse(current);
    if (again.success) {
      client.reportWire({ outcome: 'degraded', route, fields: [...dropped] });
      return again.data;
    }
    issues = again.error.issues;
  }
  client.reportWire({ outcome: 'refused', route, fields: [...new Set(failing)] });
  throw client.error(ErrorCode.UpstreamError, `${client.label} sent a response the gateway could not read.`);
}

/** The entries of a list read one by one: entries that are refused are left out and counted, never silently. */
export interface Entries<T> {
  entries: T[];
  /** How many entries were refused (a required field such as an amount could not be read exactly). */
  omitted: number;
}

/** Reads each entry of a provider list with readWire; a refused entry costs only itself. */
export function readEntries<S extends z.ZodType>(client: WireReader, schema: S, items: readonly unknown[], route: string): Entries<z.infer<S>> {
  const entries: Array<z.infer<S>> = [];
  let omitted = 0;
  for (const item of items) {
    try {
      entries.push(readWire(client, schema, item, route));
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      omitted += 1;
    }
  }
  return { entries, omitted };
}

/**
 * Where to drop for a failing issue: the deepest path whose value is still there, never a single array entry (its
 * array goes instead). Undefined when nothing is left to drop: the field is required all the way up.
 */
function droppablePath(body: unknown, path: Path): Path | undefined {
  for (let end = path.length; end > 0; end--) {
    if (typeof path[end - 1] === 'number') continue;
    const candidate = path.slice(0, end);
    if (valueAt(body, candidate) !== undefined) return candidate;
  }
  return undefined;
}

function valueAt(body: unknown, path: Path): unknown {
  let value = body;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** The body with the value at path removed (the parent objects are already a private copy). */
function dropAt(body: unknown, path: Path): unknown {
  const parent = valueAt(body, path.slice(0, -1));
  if (parent !== null && typeof parent === 'object') delete (parent as Record<PropertyKey, unknown>)[path[path.length - 1]!];
  return body;
}

/** A field's path as operators read it: `items[].available`; a key that is not a plain name reads `*`. */
export function fieldPath(path: Path): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += '[]';
    else text += (text ? '.' : '') + (typeof key === 'string' && /^[A-Za-z_][\w-]{0,63}$/.test(key) ? key : '*');
  }
  return text || '(body)';
}
