// The user-error toolkit: problems at their input paths, checks combined in order, and global ids of one provider.
import { describe, expect, it } from 'vitest';
import { badUserInput } from '../../errors.js';
import { accountRef, checkedTogether, invalid, Problems, userError } from './userErrors.js';

const rules = {
  provider: 'TALER' as const,
  parseNativeId: (nativeId: string) => {
    if (!/^[a-z]+$/.test(nativeId)) throw badUserInput('Malformed Taler username.');
    return nativeId;
  },
};

describe('accountRef', () => {
  it.each([
    ['its own id', 'taler:alice', { ok: true, value: 'alice' }],
    [
      'another provider’s id',
      'stellar:GABC',
      { ok: false, errors: [invalid(['id'], 'This id is of another provider; expected `taler:<username>`.')] },
    ],
    ['an id its rule refuses', 'taler:Alice!', { ok: false, errors: [invalid(['id'], 'Malformed Taler username.')] }],
    ['an id without a provider', 'alice', { ok: false, errors: [expect.objectContaining({ code: 'INVALID', field: ['id'] })] }],
    ['an id made only of dots', 'taler:..', { ok: false, errors: [expect.objectContaining({ code: 'INVALID', field: ['id'] })] }],
  ])('checks %s without calling anyone', (_what, id, expected) => {
    expect(accountRef(rules, id, 'taler:<username>')).toEqual(expected);
  });

  it('lets a failure that is not the caller’s mistake through', () => {
    const broken = {
      ...rules,
      parseNativeId: (): string => {
        throw new TypeError('bug');
      },
    };
    expect(() => accountRef(broken, 'taler:alice', 'taler:<username>')).toThrow(TypeError);
  });
});

describe('Problems', () => {
  it('collects problems in order, each at its path, and answers the value only when there are none', () => {
    const problems = new Problems();
    expect(problems.result(1)).toEqual({ ok: true, value: 1 });
    expect(problems.add(['input', 'name'], 'blank')).toBeUndefined();
    problems.add(['input', 'alias'], 'taken', 'CONFLICT');
    expect(problems.found).toBe(true);
    expect(problems.result(1)).toEqual({
      ok: false,
      errors: [
        { field: ['input', 'name'], code: 'INVALID', message: 'blank' },
        { field: ['input', 'alias'], code: 'CONFLICT', message: 'taken' },
      ],
    });
  });

  it('keeps a user error with no field as null', () => {
    expect(userError(null, 'The bank cannot fund the bonus.', 'NOT_ALLOWED')).toEqual({
      field: null,
      code: 'NOT_ALLOWED',
      message: 'The bank cannot fund the bonus.',
    });
  });
});

describe('checkedTogether', () => {
  it('answers both values, or every error of both checks in order', () => {
    const bad = (message: string) => ({ ok: false as const, errors: [invalid(['x'], message)] });
    expect(checkedTogether({ ok: true, value: 'a' }, { ok: true, value: 2 })).toEqual({ ok: true, value: ['a', 2] });
    expect(checkedTogether(bad('first'), bad('second'))).toEqual({ ok: false, errors: [invalid(['x'], 'first'), invalid(['x'], 'second')] });
    expect(checkedTogether({ ok: true, value: 'a' }, bad('second'))).toEqual({ ok: false, errors: [invalid(['x'], 'second')] });
  });
});
