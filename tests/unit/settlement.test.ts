import { describe, expect, it } from 'vitest';
import {
  closedDaysWindow,
  dayRangeSchema,
  needsAttention,
  pageCount,
  reconcile,
  resolveRange,
  settlementFee,
  settlementFilterSchema,
} from '../../lib/domain/settlement.ts';
import { dayRange, daysBetween, isDay } from '../../lib/domain/day-input.ts';

describe('settlement fee', () => {
  it('takes basis points of the gross, rounded half up to the fen', () => {
    expect(settlementFee(100_000, 20)).toBe(200); // ¥1000 × 0.2 % = ¥2
    expect(settlementFee(2_499, 20)).toBe(5); // 4.998 → 5
    expect(settlementFee(2_475, 20)).toBe(5); // 4.95 → 5
    expect(settlementFee(2_474, 20)).toBe(5); // 4.948 → 5
    expect(settlementFee(2_250, 20)).toBe(5); // 4.5 → 5 (half up)
    expect(settlementFee(2_249, 20)).toBe(4); // 4.498 → 4
    expect(settlementFee(0, 20)).toBe(0);
    expect(settlementFee(12_345, 0)).toBe(0);
  });

  it('stays exact for large amounts', () => {
    expect(settlementFee(9_007_199_254_740_991, 10_000)).toBe(9_007_199_254_740_991);
  });

  it('refuses fractional, negative or impossible inputs', () => {
    expect(() => settlementFee(1.5, 20)).toThrow(RangeError);
    expect(() => settlementFee(-1, 20)).toThrow(RangeError);
    expect(() => settlementFee(100, 10_001)).toThrow(RangeError);
  });
});

describe('reconciliation', () => {
  const day = { grossFen: 52_310, feeFen: 105, netFen: 52_205, weighedFen: 52_310 };

  it('balances when the bank total equals the weighed bank-QR total', () => {
    expect(reconcile(day)).toEqual({ differenceFen: 0, verdict: 'balanced', netConsistent: true });
    expect(needsAttention('paid', day)).toBe(false);
  });

  it('reports the difference as gross − weighed, with its direction', () => {
    expect(reconcile({ ...day, weighedFen: 50_000 })).toMatchObject({ differenceFen: 2_310, verdict: 'over' });
    expect(reconcile({ ...day, weighedFen: 53_000 })).toMatchObject({ differenceFen: -690, verdict: 'short' });
  });

  it('checks that the payout is gross − fee', () => {
    expect(reconcile({ ...day, netFen: 52_206 }).netConsistent).toBe(false);
    expect(needsAttention('paid', { ...day, netFen: 52_206 })).toBe(true);
    // a closed day with same-day refunds and adjustments: captures = gross + refunded, net includes adjustments
    const closed = { ...day, grossFen: day.grossFen - 300, refundedFen: 300, feeFen: day.feeFen, adjustmentFen: 994 };
    expect(reconcile({ ...closed, netFen: closed.grossFen - closed.feeFen + 994 })).toEqual({ differenceFen: 0, verdict: 'balanced', netConsistent: true });
  });

  it('needs attention when marked mismatch or when the figures disagree', () => {
    expect(needsAttention('mismatch', day)).toBe(true);
    expect(needsAttention('pending', { ...day, weighedFen: 1 })).toBe(true);
  });
});

describe('filters', () => {
  it('accepts page, status and day, and treats blanks as absent', () => {
    expect(settlementFilterSchema.parse({})).toEqual({ page: 1 });
    expect(settlementFilterSchema.parse({ page: '3', status: 'mismatch', day: '2026-11-20' })).toEqual({ page: 3, status: 'mismatch', day: '2026-11-20' });
    expect(settlementFilterSchema.parse({ page: '', status: '', day: '' })).toEqual({ page: 1 });
  });

  it('rejects bad values instead of guessing', () => {
    for (const bad of [{ page: '0' }, { page: '-2' }, { page: '1.5' }, { page: 'abc' }, { status: 'late' }, { day: '2026-02-30' }, { day: '20261120' }]) {
      expect(settlementFilterSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('validates day ranges', () => {
    expect(dayRangeSchema.safeParse({ from: '2026-11-01', to: '2026-11-30' }).success).toBe(true);
    expect(dayRangeSchema.safeParse({ from: '2026-11-30', to: '2026-11-01' }).success).toBe(false);
    expect(dayRangeSchema.safeParse({ from: '2025-01-01', to: '2026-11-01' }).success).toBe(false);
    expect(dayRangeSchema.safeParse({ from: 'yesterday' }).success).toBe(false);
  });

  it('fills a partial range', () => {
    expect(resolveRange({}, '2026-11-28')).toEqual({ from: '2026-10-29', to: '2026-11-27' });
    expect(resolveRange({ to: '2026-11-10' }, '2026-11-28')).toEqual({ from: '2026-10-12', to: '2026-11-10' });
    expect(resolveRange({ from: '2026-11-20' }, '2026-11-28')).toEqual({ from: '2026-11-20', to: '2026-11-27' });
    expect(resolveRange({ from: '2026-12-05' }, '2026-11-28')).toEqual({ from: '2026-12-05', to: '2026-12-05' });
    expect(resolveRange({ from: '2024-01-01' }, '2026-11-28')).toEqual({ from: '2024-01-01', to: '2024-12-31' });
  });

  it('uses the 30 closed days before today as the dashboard window', () => {
    expect(closedDaysWindow('2026-11-28')).toEqual({ from: '2026-10-29', to: '2026-11-27' });
    expect(dayRange('2026-10-29', '2026-11-27')).toHaveLength(30);
  });

  it('counts pages', () => {
    expect(pageCount(0, 50)).toBe(1);
    expect(pageCount(50, 50)).toBe(1);
    expect(pageCount(51, 50)).toBe(2);
  });
});

describe('days', () => {
  it('knows real calendar dates', () => {
    expect(isDay('2028-02-29')).toBe(true);
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2026-13-01')).toBe(false);
    expect(isDay('2026-1-01')).toBe(false);
    expect(daysBetween('2026-11-01', '2026-11-30')).toBe(29);
  });
});
