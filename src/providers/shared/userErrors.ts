// The user-error toolkit of every provider's mutations: checked inputs, problems at their input paths, ids of the provider.
import { ErrorCode, GatewayError } from '../../errors.js';
import type { AccountProvider, UserError, UserErrorCode } from '../../generated/resolvers-types.js';
import { splitGlobalId } from '../../ids.js';

/** An input checked before any call: the value to go on with, or every problem found (none of them reaches the provider). */
export type Checked<T> = { ok: true; value: T } | { ok: false; errors: UserError[] };

/** A user error at an input path (`["input", "alias"]`; null when no one field is at fault). */
export const userError = (field: readonly string[] | null, message: string, code: UserErrorCode = 'INVALID'): UserError => ({
  field: field === null ? null : [...field],
  code,
  message,
});

/** The commonest user error: an input value the gateway or the provider does not accept. */
export const invalid = (field: readonly string[], message: string): UserError => userError(field, message, 'INVALID');

/** Collects the problems of one input, each at its path; `add` returns undefined, so a check reads as an expression. */
export class Problems {
  readonly errors: UserError[] = [];

  add(field: readonly string[], message: string, code: UserErrorCode = 'INVALID'): undefined {
    this.errors.push(userError(field, message, code));
    return undefined;
  }

  /** Problems some other check found, kept in order. */
  addAll(errors: readonly UserError[]): void {
    this.errors.push(...errors);
  }

  get found(): boolean {
    return this.errors.length > 0;
  }

  result<T>(value: T): Checked<T> {
    return this.found ? { ok: false, errors: this.errors } : { ok: true, value };
  }
}

/** What an id check needs of a provider module. */
export interface IdRules {
  readonly provider: AccountProvider;
  /** Checks a native id and returns its canonical form; BAD_USER_INPUT otherwise (see ProviderModule.parseNativeId). */
  parseNativeId(nativeId: string): string;
}

/**
 * The canonical native id of a global id given to a mutation, or a user error on `["id"]` saying why it is not one of
 * this provider's (`example` shows the form, e.g. `taler:<username>`). Never calls upstream: the same rules as lookups.
 */
export function accountRef(rules: IdRules, id: string, example: string): Checked<string> {
  try {
    const { provider, nativeId } = splitGlobalId(id);
    if (provider !== rules.provider) return { ok: false, errors: [invalid(['id'], `This id is of another provider; expected \`${example}\`.`)] };
    return { ok: true, value: rules.parseNativeId(nativeId) };
  } catch (error) {
    if (error instanceof GatewayError && error.code === ErrorCode.BadUserInput) return { ok: false, errors: [invalid(['id'], error.message)] };
    throw error;
  }
}

/** The errors of several checks together, in order; the values when all passed. */
export function checkedTogether<A, B>(a: Checked<A>, b: Checked<B>): Checked<[A, B]> {
  if (a.ok && b.ok) return { ok: true, value: [a.value, b.value] };
  return { ok: false, errors: [...(a.ok ? [] : a.errors), ...(b.ok ? [] : b.errors)] };
}

/** The answer of a change the provider accepted: 2xx. */
export const succeeded = (status: number): boolean => status >= 200 && status < 300;
