// Reading the entries of a provider body one by one (list items, balance lines), each logged at its path in the body.
import type { z } from 'zod';
import { GatewayError } from '../../errors.js';
import { readWire, type WireReader } from '../../upstream/wire.js';

/** One entry as read: its value, or the raw entry when a required field refused it (logged and counted like any refusal). */
export type Read<T> = { ok: true; value: T } | { ok: false; raw: unknown };

/**
 * The same reader with the field paths it reports placed under `at` (`balances.available[]` → `balances.available[].amount`),
 * so operators see where in the body an entry read on its own sits.
 */
export function readerAt(client: WireReader, at: string): WireReader {
  return {
    provider: client.provider,
    label: client.label,
    error: (...args) => client.error(...args),
    reportWire: (issue) => client.reportWire({ ...issue, fields: issue.fields.map((field) => (field === '(body)' ? at : `${at}.${field}`)) }),
  };
}

/** Each item of the list at `at` read with readWire, in order; a refused item costs only itself. */
export function readEach<S extends z.ZodType>(
  client: WireReader,
  schema: S,
  items: readonly unknown[],
  route: string,
  at: string,
): Array<Read<z.infer<S>>> {
  const reader = readerAt(client, `${at}[]`);
  return items.map((raw) => {
    try {
      return { ok: true, value: readWire(reader, schema, raw, route) };
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      return { ok: false, raw };
    }
  });
}
