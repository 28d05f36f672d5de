import { describe, expect, it } from 'vitest';
import { yuanPerJin, yuanPerKg } from '../../lib/domain/unit-price.ts';

describe('unit price display', () => {
  it('shows yuan per kg with two decimals', () => {
    expect(yuanPerKg(2600)).toBe('26.00');
    expect(yuanPerKg(5)).toBe('0.05');
    expect(yuanPerKg(1_234_567)).toBe('12,345.67');
  });

  it('shows yuan per 斤 exactly, with a third decimal only for a half fen', () => {
    expect(yuanPerJin(2600)).toBe('13.00');
    expect(yuanPerJin(2602)).toBe('13.01');
    expect(yuanPerJin(2601)).toBe('13.005');
    expect(yuanPerJin(1)).toBe('0.005');
    expect(yuanPerJin(0)).toBe('0.00');
  });
});
