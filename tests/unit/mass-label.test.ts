import { describe, expect, it } from 'vitest';
import { massLabel, signedMassLabel } from '../../lib/domain/mass-label.ts';

describe('mass labels', () => {
  it('writes kg from 1 kg and g below, without trailing zeros', () => {
    expect(massLabel(30_000_000)).toBe('30 kg');
    expect(massLabel(1_500_000)).toBe('1.5 kg');
    expect(massLabel(1_000_000)).toBe('1 kg');
    expect(massLabel(200_000)).toBe('200 g');
    expect(massLabel(10_000)).toBe('10 g');
    expect(massLabel(500)).toBe('0.5 g');
    expect(massLabel(1)).toBe('0.001 g');
    expect(massLabel(0)).toBe('0 g');
    expect(massLabel(1_234_567)).toBe('1.234567 kg');
  });

  it('signs errors', () => {
    expect(signedMassLabel(5_000)).toBe('+5 g');
    expect(signedMassLabel(-2_500)).toBe('−2.5 g');
    expect(signedMassLabel(0)).toBe('0 g');
  });

  it('refuses non-integers', () => {
    expect(() => massLabel(1.5)).toThrow(RangeError);
  });
});
