import { describe, expect, it } from 'vitest';
import { daysOf, fillDays, lastDays } from '../../lib/domain/day-series.ts';

describe('daily series', () => {
  it('ends a window with today, inclusive', () => {
    expect(lastDays('2026-11-28', 30)).toEqual({ from: '2026-10-30', to: '2026-11-28' });
    expect(lastDays('2026-03-01', 2)).toEqual({ from: '2026-02-28', to: '2026-03-01' });
    expect(daysOf(lastDays('2026-11-28', 30))).toHaveLength(30);
    expect(() => lastDays('2026-11-28', 0)).toThrow(RangeError);
  });

  it('fills missing days with zero, oldest first', () => {
    const values = new Map([['2026-11-27', 5], ['2026-11-20', 9]]);
    expect(fillDays({ from: '2026-11-26', to: '2026-11-28' }, values, 0)).toEqual([
      { day: '2026-11-26', value: 0 },
      { day: '2026-11-27', value: 5 },
      { day: '2026-11-28', value: 0 },
    ]);
  });
});
