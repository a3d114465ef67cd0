// What a promise rejected with, checked to be a GatewayError: for tests of provider sources and clients.
import { expect } from 'vitest';
import { GatewayError } from '../../src/errors.js';

export async function gatewayRejection(promise: Promise<unknown>): Promise<GatewayError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(GatewayError);
  return error as GatewayError;
}
