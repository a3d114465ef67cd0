// Midaz activity's pure parts: the date window every list call gives, positions, and the sign of each operation type.
import { describe, expect, it } from 'vitest';
import { decodePosition, encodePosition, operationDirection, operationWindow } from './activity.js';

describe('the window of a Midaz operations call', () => {
  it('is wide by default, to tomorrow (UTC), so nothing recorded today is left out', () => {
    expect(operationWindow(new Date('2026-12-31T23:59:59Z'))).toEqual({ start_date: '2000-01-01', end_date: '2027-01-01' });
  });

  it('fits within the months a v3.0–v3.2 ledger allows, at month ends too', () => {
    expect(operationWindow(new Date('2026-03-30T10:00:00Z'), 1)).toEqual({ start_date: '2026-03-04', end_date: '2026-03-31' });
    expect(operationWindow(new Date('2026-05-15T00:00:00Z'), 3)).toEqual({ start_date: '2026-02-17', end_date: '2026-05-16' });
  });
});

describe('positions', () => {
  it('round-trip a Midaz cursor and a count', () => {
    const position = encodePosition({ cursor: 'eyJpZCI6IngiLCJwb2ludHNfbmV4dCI6dHJ1ZX0=', skip: 3 });
    expect(decodePosition(position)).toEqual({ cursor: 'eyJpZCI6IngiLCJwb2ludHNfbmV4dCI6dHJ1ZX0=', skip: 3 });
    expect(decodePosition('|0')).toEqual({ cursor: '', skip: 0 });
  });

  it('refuse anything else as BAD_USER_INPUT', () => {
    for (const text of ['', 'abc', 'x|101', 'a b|1', 'x|-1'])
      expect(() => decodePosition(text)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });
});

describe('the direction of an operation', () => {
  it('is Midaz’s own when sent, else inferred from the type as Midaz does', () => {
    expect(operationDirection({ type: 'ON_HOLD', direction: 'credit' })).toBe('CREDIT');
    expect(operationDirection({ type: 'OVERDRAFT', direction: 'DEBIT' })).toBe('DEBIT');
    expect(operationDirection({ type: 'on_hold', direction: null })).toBe('DEBIT');
    expect(operationDirection({ type: 'RELEASE' })).toBe('CREDIT');
    expect(operationDirection({ type: 'BLOCK' })).toBeUndefined();
    expect(operationDirection({ type: 'DEBIT', direction: 'sideways' })).toBeUndefined();
  });
});
