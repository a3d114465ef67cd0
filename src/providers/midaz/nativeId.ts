// Midaz native ids: `<organizationId>/<ledgerId>/<accountId>`, three UUIDs, canonicalised to lower case.
import { requirePattern } from '../../ids.js';

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const NATIVE_ID = new RegExp(`^${UUID}/${UUID}/${UUID}$`);

/** Three UUIDs `<organizationId>/<ledgerId>/<accountId>`, returned in lower case. */
export function parseMidazNativeId(nativeId: string): string {
  requirePattern(nativeId, NATIVE_ID, 'Midaz account id: expected `<organizationId>/<ledgerId>/<accountId>`, three UUIDs separated by `/`');
  return nativeId.toLowerCase();
}
