import { describe, expect, it } from 'vitest';
import { storedTestPoints, type StoredCheck } from '../../lib/domain/inspection-record.ts';

const check = (overrides: Partial<StoredCheck>): StoredCheck => ({
  kind: 'weighing', testPoint: 1, referenceMg: 1_000_000, indicationMg: 1_000_000, mpeMg: 5_000, passed: true, ...overrides,
});

describe('a stored inspection read back as its test points', () => {
  it('groups the readings of one point, each with its error and whether it is beyond the limit', () => {
    const points = storedTestPoints([
      check({ testPoint: 1, indicationMg: 1_005_000 }),
      check({ testPoint: 2, kind: 'repeatability', indicationMg: 999_000, passed: false }),
      check({ testPoint: 2, kind: 'repeatability', indicationMg: 1_005_001, passed: false }),
    ]);
    expect(points.map((p) => [p.key, p.kind, p.passed, p.limitMg])).toEqual([
      ['point-1', 'weighing', true, 5_000],
      ['point-2', 'repeatability', false, 5_000],
    ]);
    // exactly at the limit is within it; one mg more is beyond
    expect(points[0]!.readings).toEqual([{ indicationMg: 1_005_000, errorMg: 5_000, beyondLimit: false }]);
    expect(points[1]!.readings).toEqual([
      { indicationMg: 999_000, errorMg: -1_000, beyondLimit: false },
      { indicationMg: 1_005_001, errorMg: 5_001, beyondLimit: true },
    ]);
  });

  it('keeps checks without a point number as a point each', () => {
    const points = storedTestPoints([check({ testPoint: null }), check({ testPoint: null, indicationMg: 990_000, passed: false })]);
    expect(points.map((p) => [p.key, p.readings.length, p.readings[0]!.beyondLimit])).toEqual([['row-0', 1, false], ['row-1', 1, true]]);
  });
});
