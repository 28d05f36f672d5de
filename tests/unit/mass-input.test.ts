import { describe, expect, it } from 'vitest';
import { MAX_MASS_MG, massInputText, parseMassMg } from '../../lib/domain/mass-input.ts';

describe('parseMassMg', () => {
  it('reads grams with up to 3 decimals and kilograms with up to 6, exactly', () => {
    expect(parseMassMg('2500', 'g')).toBe(2_500_000);
    expect(parseMassMg('0.5', 'g')).toBe(500);
    expect(parseMassMg('2.005', 'g')).toBe(2_005);
    expect(parseMassMg('2.505', 'kg')).toBe(2_505_000);
    expect(parseMassMg('0.1', 'kg')).toBe(100_000);
    expect(parseMassMg('0.000001', 'kg')).toBe(1);
    expect(parseMassMg(' 15 ', 'kg')).toBe(15_000_000);
  });

  it('refuses more decimals than the unit carries, and what is not a number', () => {
    expect(parseMassMg('0.0005', 'g')).toBeNull();
    expect(parseMassMg('0.0000001', 'kg')).toBeNull();
    for (const text of ['', '.5', '5.', '1,5', '1e3', 'abc', '--1', '+1']) expect(parseMassMg(text, 'g'), text).toBeNull();
  });

  it('takes a minus sign only for an indication that may be negative', () => {
    expect(parseMassMg('-0.005', 'kg')).toBeNull();
    expect(parseMassMg('-0.005', 'kg', { negative: true })).toBe(-5_000);
    expect(parseMassMg('−5', 'g', { negative: true })).toBe(-5_000);
    expect(Object.is(parseMassMg('-0', 'g', { negative: true }), 0)).toBe(true);
  });

  it('folds the full-width digits and point of a Chinese keyboard', () => {
    expect(parseMassMg('２．５', 'kg')).toBe(2_500_000);
  });

  it('stays within what an Int column holds', () => {
    expect(parseMassMg('2147483.647', 'g')).toBe(MAX_MASS_MG);
    expect(parseMassMg('2147483.648', 'g')).toBeNull();
    expect(parseMassMg('2147.483648', 'kg')).toBeNull();
    expect(parseMassMg('12345.6', 'kg')).toBeNull();
  });
});

describe('massInputText', () => {
  it('writes mg back in a unit without trailing zeros, and round-trips', () => {
    expect(massInputText(2_500_000, 'kg')).toBe('2.5');
    expect(massInputText(2_500_000, 'g')).toBe('2500');
    expect(massInputText(1, 'kg')).toBe('0.000001');
    expect(massInputText(-5_000, 'kg')).toBe('-0.005');
    expect(massInputText(0, 'g')).toBe('0');
    for (const mg of [0, 1, 999, 1_000, 123_456_789, -42]) {
      for (const unit of ['g', 'kg'] as const) expect(parseMassMg(massInputText(mg, unit), unit, { negative: true })).toBe(mg);
    }
  });
});
