// Upstream path segments of Midaz resources (each segment is percent-encoded by the client).

/** `v1/organizations/{org}/ledgers/{ledger}/accounts`. */
export const accountsPath = (organizationId: string, ledgerId: string): string[] => [
  'v1',
  'organizations',
  organizationId,
  'ledgers',
  ledgerId,
  'accounts',
];

/** The account with this canonical native id `<organizationId>/<ledgerId>/<accountId>`. */
export function accountPath(nativeId: string): string[] {
  const [organizationId = '', ledgerId = '', accountId = ''] = nativeId.split('/');
  return [...accountsPath(organizationId, ledgerId), accountId];
}
