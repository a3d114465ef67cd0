// Account ids as the GraphQL API shows them to clients, `<provider>:<nativeId>` (API contract, section 2), for the
// sample ids the simulators hand to demo mode and tests. Written from the contract, not taken from the gateway, so
// a gateway that formatted ids differently would fail the tests instead of agreeing with itself.

export const publicAccountId = (prefix: 'interledger' | 'stellar' | 'taler' | 'conduit' | 'midaz', nativeId: string): string =>
  `${prefix}:${nativeId}`;
