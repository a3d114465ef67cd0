// Checking an upstream body against the shape the provider's API promises, before mapping it.
import type { z } from 'zod';
import { ErrorCode } from '../errors.js';
import { PROVIDER_NAMES, type ProviderClient } from './client.js';

/** The parsed body, typed; a body of the wrong shape is UPSTREAM_ERROR (the details go to the log only). */
export function readWire<S extends z.ZodType>(client: Pick<ProviderClient, 'provider' | 'error'>, schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  throw client.error(ErrorCode.UpstreamError, `${PROVIDER_NAMES[client.provider]} sent a response the gateway could not read.`, {
    cause: new Error(`wire shape: ${result.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`),
  });
}
