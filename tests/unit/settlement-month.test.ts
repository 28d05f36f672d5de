import { describe, expect, it } from 'vitest';
import { monthQuery, monthRange } from '../../lib/domain/settlement-month.ts';

describe('a month of settlements', () => {
  it('spans the month, with its neighbours, across year ends and February', () => {
    expect(monthRange('2026-12', '2026-12-03')).toEqual({ month: '2026-12', from: '2026-12-01', to: '2026-12-31', previous: '2026-11', next: '2027-01' });
    expect(monthRange('2028-02', '2026-12-03')).toMatchObject({ from: '2028-02-01', to: '2028-02-29', previous: '2028-01', next: '2028-03' });
    expect(monthRange('2026-01', '2026-12-03')).toMatchObject({ previous: '2025-12', to: '2026-01-31' });
  });
  it('reads anything that is not a month as this month', () => {
    for (const asked of [undefined, '2026-13', '2026-1', 'x', '2026-12-01']) expect(monthRange(asked, '2026-12-03').month).toBe('2026-12');
    expect(monthQuery.parse({ month: ['2026-11', '2026-10'] }).month).toBe('2026-11');
  });
});
