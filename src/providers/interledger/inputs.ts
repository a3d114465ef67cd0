// Checks of the Interledger mutation inputs, made before any upstream call: ids, codes, amounts and custom settings.
import type {
  InterledgerAccountCreateInput,
  InterledgerAccountRelationship,
  InterledgerAccountUpdateInput,
  InterledgerBalanceSettingsInput,
  InterledgerCustomSettingInput,
  UserError,
} from '../../generated/resolvers-types.js';
import { canonicalDecimal } from '../../decimal.js';
import { ACCOUNT_ID, normaliseAccountId } from './accountId.js';
import { REDACTED } from '../../redaction.js';
import { invalid, type Checked } from '../shared/userErrors.js';

/** What a mutation changes, in the schema's words; amounts in major units (canonical decimals). */
export interface SettingsChanges {
  relationship?: InterledgerAccountRelationship;
  assetCode?: string;
  assetScale?: number;
  linkType?: string;
  description?: string;
  /** null: unlimited. */
  maximumPacketAmount?: string | null;
  /** null: unlimited. */
  minBalance?: string | null;
  /** null: settlement off. */
  settleThreshold?: string | null;
  settleTo?: string;
  connectionInitiator?: boolean;
  sendsRoutes?: boolean;
  receivesRoutes?: boolean;
  customSettings?: Readonly<Record<string, string>>;
}

/** The amounts of SettingsChanges in base units of the account's asset scale (integer strings). */
export type BaseUnitChanges = SettingsChanges;

const AMOUNT_FIELDS = ['maximumPacketAmount', 'minBalance', 'settleThreshold', 'settleTo'] as const;
export type AmountField = (typeof AMOUNT_FIELDS)[number];

/** Where each amount sits in the input, for userErrors. */
export const AMOUNT_PATHS: Readonly<Record<AmountField, string[]>> = {
  maximumPacketAmount: ['input', 'maximumPacketAmount'],
  minBalance: ['input', 'balanceSettings', 'minBalance'],
  settleThreshold: ['input', 'balanceSettings', 'settleThreshold'],
  settleTo: ['input', 'balanceSettings', 'settleTo'],
};

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;
/** The connector keeps packet sizes as unsigned 64-bit and balances as signed 64-bit integers. */
const RANGES: Readonly<Record<AmountField, readonly [bigint, bigint]>> = {
  maximumPacketAmount: [0n, UINT64_MAX],
  minBalance: [LONG_MIN, LONG_MAX],
  settleThreshold: [LONG_MIN, LONG_MAX],
  settleTo: [LONG_MIN, LONG_MAX],
};

const ASSET_CODE = /^[A-Za-z0-9$._-]{1,32}$/;
const LINK_TYPE = /^[A-Za-z0-9_]{1,64}$/;
const MAX_DESCRIPTION = 1_000;
const MAX_SETTINGS = 100;
const MAX_SETTING_KEY = 256;
const MAX_SETTING_VALUE = 4_096;

/** A create input checked: the normalised account id and the settings to send. */
export function checkCreateInput(input: InterledgerAccountCreateInput): Checked<{ accountId: string; changes: SettingsChanges }> {
  const errors: UserError[] = [];
  const accountId = normaliseAccountId(input.accountId);
  if (!ACCOUNT_ID.test(input.accountId) || !accountId) {
    errors.push(
      invalid(
        ['input', 'accountId'],
        `The account id ${JSON.stringify(input.accountId.slice(0, 80))} is not valid: use 1 to 64 characters from A-Z, a-z, 0-9, ".", "_", "~" and "-", not only dots.`,
      ),
    );
  }
  const changes = checkSettings(input, errors);
  if (errors.length === 0) errors.push(...checkAmounts(changes, input.assetScale));
  return errors.length ? { ok: false, errors } : { ok: true, value: { accountId, changes } };
}

/**
 * An update input checked for everything that does not depend on the account's current settings; amounts are
 * checked against the asset scale once it is known (the input's, or the account's).
 */
export function checkUpdateInput(input: InterledgerAccountUpdateInput): Checked<SettingsChanges> {
  const errors: UserError[] = [];
  const changes = checkSettings(input, errors);
  if (changes.assetScale !== undefined && errors.length === 0) errors.push(...checkAmounts(changes, changes.assetScale));
  return errors.length ? { ok: false, errors } : { ok: true, value: changes };
}

/** The settings both inputs share (a create input is an update input with its id and required fields). */
type SettingsInput = InterledgerAccountUpdateInput;

function checkSettings(input: SettingsInput, errors: UserError[]): SettingsChanges {
  const changes: SettingsChanges = {};
  const given = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined;
  if (given(input.relationship)) {
    if (input.relationship !== 'OTHER') changes.relationship = input.relationship;
    else
      errors.push(
        invalid(['input', 'relationship'], 'The relationship must be PARENT, PEER or CHILD; OTHER only describes values read from the connector.'),
      );
  }
  if (given(input.assetCode)) {
    if (ASSET_CODE.test(input.assetCode)) changes.assetCode = input.assetCode;
    else errors.push(invalid(['input', 'assetCode'], 'The asset code must be 1 to 32 letters, digits or "$", ".", "_", "-", e.g. USD or XRP.'));
  }
  if (given(input.assetScale)) {
    if (Number.isInteger(input.assetScale) && input.assetScale >= 0 && input.assetScale <= 255) changes.assetScale = input.assetScale;
    else errors.push(invalid(['input', 'assetScale'], `The asset scale must be between 0 and 255; got ${input.assetScale}.`));
  }
  if (given(input.linkType)) {
    if (LINK_TYPE.test(input.linkType)) changes.linkType = input.linkType;
    else errors.push(invalid(['input', 'linkType'], 'The link type must be 1 to 64 letters, digits or underscores, e.g. ILP_OVER_HTTP.'));
  }
  if (given(input.description)) {
    if (input.description.length <= MAX_DESCRIPTION) changes.description = input.description;
    else errors.push(invalid(['input', 'description'], `The description may have at most ${MAX_DESCRIPTION} characters.`));
  }
  if (input.maximumPacketAmount !== undefined) changes.maximumPacketAmount = canonicalOrNull(input.maximumPacketAmount);
  if (given(input.balanceSettings)) Object.assign(changes, balanceChanges(input.balanceSettings));
  if (given(input.connectionInitiator)) changes.connectionInitiator = input.connectionInitiator;
  if (given(input.sendsRoutes)) changes.sendsRoutes = input.sendsRoutes;
  if (given(input.receivesRoutes)) changes.receivesRoutes = input.receivesRoutes;
  if (given(input.customSettings)) {
    const settings = checkCustomSettings(input.customSettings, errors);
    if (settings) changes.customSettings = settings;
  }
  return changes;
}

const canonicalOrNull = (value: string | null): string | null => (value === null ? null : canonicalDecimal(value));

function balanceChanges(input: InterledgerBalanceSettingsInput): SettingsChanges {
  const changes: SettingsChanges = {};
  if (input.minBalance !== undefined) changes.minBalance = canonicalOrNull(input.minBalance);
  if (input.settleThreshold !== undefined) changes.settleThreshold = canonicalOrNull(input.settleThreshold);
  // settleTo cannot be empty on the connector: null keeps it, like a setting left out.
  if (input.settleTo !== undefined && input.settleTo !== null) changes.settleTo = canonicalDecimal(input.settleTo);
  return changes;
}

function checkCustomSettings(entries: readonly InterledgerCustomSettingInput[], errors: UserError[]): Record<string, string> | undefined {
  const field = ['input', 'customSettings'];
  if (entries.length > MAX_SETTINGS) {
    errors.push(invalid(field, `At most ${MAX_SETTINGS} custom settings may be given at once.`));
    return undefined;
  }
  const settings: Record<string, string> = {};
  const before = errors.length;
  for (const { key, value } of entries) {
    if (!key.trim() || key.length > MAX_SETTING_KEY)
      errors.push(invalid(field, `A custom setting name must be 1 to ${MAX_SETTING_KEY} characters, not blank.`));
    else if (Object.hasOwn(settings, key)) errors.push(invalid(field, `The custom setting ${JSON.stringify(key)} is given twice.`));
    else if (value === REDACTED)
      errors.push(
        invalid(
          field,
          `The custom setting ${JSON.stringify(key)} has the placeholder "${REDACTED}" as its value: give the real value, or leave the setting out to keep it.`,
        ),
      );
    else if (value.length > MAX_SETTING_VALUE)
      errors.push(invalid(field, `The custom setting ${JSON.stringify(key)} is longer than ${MAX_SETTING_VALUE} characters.`));
    else settings[key] = value;
  }
  return errors.length === before ? settings : undefined;
}

/** Whether every amount given fits the scale (no more decimals than it allows) and the connector's integer range. */
export function checkAmounts(changes: SettingsChanges, scale: number): UserError[] {
  const errors: UserError[] = [];
  for (const field of AMOUNT_FIELDS) {
    const value = changes[field];
    if (value === undefined || value === null) continue;
    const units = majorToBaseUnits(value, scale);
    const [min, max] = RANGES[field];
    if (units === undefined) {
      errors.push(invalid(AMOUNT_PATHS[field], `${value} has more decimals than the asset scale ${scale} allows.`));
    } else if (BigInt(units) < min || BigInt(units) > max) {
      errors.push(invalid(AMOUNT_PATHS[field], `${value} is outside the range the connector can hold at asset scale ${scale}.`));
    }
  }
  return errors;
}

/** The changes with every amount in base units of the scale; call after checkAmounts found nothing. */
export function toBaseUnitChanges(changes: SettingsChanges, scale: number): BaseUnitChanges {
  const scaled: BaseUnitChanges = { ...changes };
  for (const field of AMOUNT_FIELDS) {
    const value = changes[field];
    if (value === undefined || value === null) continue;
    const units = majorToBaseUnits(value, scale);
    if (units === undefined) throw new RangeError(`${field} does not fit scale ${scale}`);
    scaled[field] = units;
  }
  return scaled;
}

/** Whether a settlement threshold lies below the level it settles to (the connector refuses that). */
export function thresholdBelowSettleTo(threshold: string | null | undefined, settleTo: string | undefined): boolean {
  return threshold !== null && threshold !== undefined && settleTo !== undefined && BigInt(threshold) < BigInt(settleTo);
}

/** A decimal in major units as an integer count of base units at a scale, by string arithmetic; undefined when it has more decimals than the scale allows. */
export function majorToBaseUnits(major: string, scale: number): string | undefined {
  const canonical = canonicalDecimal(major);
  const negative = canonical.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? canonical.slice(1) : canonical).split('.');
  if (fraction.length > scale) return undefined;
  const units = BigInt(whole + fraction.padEnd(scale, '0'));
  return (negative ? -units : units).toString();
}
