// Interledger account ids: the connector's character rule and its normalisation (lower case, dots removed).
import { badUserInput } from '../../errors.js';
import { requirePattern } from '../../ids.js';

export const ACCOUNT_ID = /^[A-Za-z0-9._~-]{1,64}$/;

/** The connector's own normalisation (Ids.java): lower case, dots removed, so `Alice.B` is `aliceb`. */
export const normaliseAccountId = (accountId: string): string => accountId.toLowerCase().replaceAll('.', '');

/** A native id checked and normalised; BAD_USER_INPUT for anything the connector would refuse. */
export function parseNativeId(nativeId: string): string {
  requirePattern(nativeId, ACCOUNT_ID, 'Interledger account id: 1 to 64 characters from A-Z, a-z, 0-9, ".", "_", "~" and "-"');
  const normalised = normaliseAccountId(nativeId);
  if (!normalised) throw badUserInput('An Interledger account id cannot be made only of dots.');
  return normalised;
}
