// Which balances are the same money, so that adding them means something. An asset code alone does not say it:
// "USD" on Stellar is a token of one issuer, "USDC" on ethereum and on solana are two tokens, and a code that is
// not a national currency ("XRP" at an Interledger connector, "POINTS" in a Midaz ledger) is whatever the provider
// that defines it says. The rule, in order:
//
// 1. An asset with an issuer (Stellar credit assets) is its code plus its issuer.
// 2. An asset with a network (Conduit stablecoins) is its code plus its network.
// 3. Stellar's asset without an issuer is the network's native lumen (XLM).
// 4. An ISO 4217 national currency code ("EUR", "USD", "BRL") is that currency, whichever provider holds it.
// 5. Any other code is that provider's own asset (for Midaz, of the account's ledger: assets are defined per ledger).
import type { AccountProvider } from './gql/graphql.js';

export type AssetIdentityKind = 'issued' | 'network' | 'native' | 'currency' | 'provider';

export interface AssetIdentity {
  /** A stable key: equal keys are the same money and may be added. */
  key: string;
  kind: AssetIdentityKind;
  code: string;
  /** What tells this asset apart from others with the same code ("issuer GDUK…YLEX", "on ethereum", "Interledger"), or null. */
  qualifier: string | null;
  /** The full qualifier, for a tooltip (the whole issuer account, the whole ledger id), or null. */
  qualifierFull: string | null;
  /** One sentence on why these balances are grouped together. */
  explanation: string;
}

export const PROVIDER_LABELS: Readonly<Record<AccountProvider, string>> = {
  INTERLEDGER: 'Interledger',
  STELLAR: 'Stellar',
  TALER: 'Taler',
  CONDUIT: 'Conduit',
  MIDAZ: 'Midaz',
};

/** Active ISO 4217 currency codes (funds codes included; precious metals, SDR and test codes are not currencies here). */
const ISO_4217 = new Set(
  (
    'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF ' +
    'CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD ' +
    'GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR ' +
    'LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK ' +
    'PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT ' +
    'TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG ZWL'
  ).split(' '),
);

/** Whether `code` is an ISO 4217 national currency (so the same code at two providers is the same money). */
export const isNationalCurrency = (code: string): boolean => ISO_4217.has(code);

/** "GDUKMGUG…YLEX" style: the start and end of a long key, enough to tell keys apart at a glance. */
export function shortKey(key: string, head = 4, tail = 4): string {
  return key.length <= head + tail + 3 ? key : `${key.slice(0, head)}…${key.slice(-tail)}`;
}

/** A Midaz native id is "organization/ledger/account": the ledger is its first two parts. */
export const midazLedger = (nativeId: string): string => nativeId.split('/').slice(0, 2).join('/');

export interface HeldAsset {
  code: string;
  issuer?: string | null;
  network?: string | null;
}

export interface Holder {
  provider: AccountProvider;
  nativeId: string;
}

export function assetIdentity(asset: HeldAsset, holder: Holder): AssetIdentity {
  const { code } = asset;
  if (asset.issuer) {
    return {
      key: `issued:${code}:${asset.issuer}`,
      kind: 'issued',
      code,
      qualifier: `issuer ${shortKey(asset.issuer)}`,
      qualifierFull: asset.issuer,
      explanation: `The ${code} token of issuer ${asset.issuer}: a token is its code plus its issuer, so other issuers' ${code} is another asset.`,
    };
  }
  if (asset.network) {
    return {
      key: `network:${code}:${asset.network}`,
      kind: 'network',
      code,
      qualifier: `on ${asset.network}`,
      qualifierFull: null,
      explanation: `${code} on ${asset.network}: a stablecoin is its code plus its network, so ${code} on other networks is another asset.`,
    };
  }
  if (holder.provider === 'STELLAR') {
    return {
      key: `native:STELLAR:${code}`,
      kind: 'native',
      code,
      qualifier: 'Stellar native',
      qualifierFull: null,
      explanation: `Lumens, the Stellar network's own asset (no issuer).`,
    };
  }
  if (isNationalCurrency(code)) {
    return {
      key: `currency:${code}`,
      kind: 'currency',
      code,
      qualifier: null,
      qualifierFull: null,
      explanation: `${code} is an ISO 4217 currency: balances in it at any provider without an issuer or network are added.`,
    };
  }
  const label = PROVIDER_LABELS[holder.provider];
  if (holder.provider === 'MIDAZ') {
    const ledger = midazLedger(holder.nativeId);
    return {
      key: `provider:MIDAZ:${ledger}:${code}`,
      kind: 'provider',
      code,
      qualifier: `Midaz ledger ${shortKey(ledger.split('/')[1] ?? ledger, 8, 4)}`,
      qualifierFull: ledger,
      explanation: `${code} is not a national currency: it is the asset the Midaz ledger ${ledger} defines, so only that ledger's ${code} is added.`,
    };
  }
  return {
    key: `provider:${holder.provider}:${code}`,
    kind: 'provider',
    code,
    qualifier: label,
    qualifierFull: null,
    explanation: `${code} is not a national currency: it is ${label}'s own ${code}, so it is not added to another provider's ${code}.`,
  };
}

/**
 * Whether an account of `holder` that could not be read (or whose balance was left out) might hold `identity`:
 * what makes a total partial. Stellar holds only lumens and issued tokens; Conduit national currencies and network
 * tokens; the others national currencies and their own assets (Midaz: of the account's ledger).
 */
export function couldHold(holder: Holder, identity: AssetIdentity): boolean {
  switch (identity.kind) {
    case 'issued':
    case 'native':
      return holder.provider === 'STELLAR';
    case 'network':
      return holder.provider === 'CONDUIT';
    case 'currency':
      return holder.provider !== 'STELLAR';
    case 'provider':
      return holder.provider === 'MIDAZ'
        ? identity.key.startsWith(`provider:MIDAZ:${midazLedger(holder.nativeId)}:`)
        : identity.key.startsWith(`provider:${holder.provider}:`);
  }
}
