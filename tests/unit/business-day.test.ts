import { describe, expect, it } from 'vitest';
import { addDays, businessDay, dayStart } from '../../lib/domain/business-day.ts';

describe('business day (China Standard Time)', () => {
  it('changes at local midnight, 16:00 UTC', () => {
    expect(businessDay(new Date('2026-11-27T15:59:59Z'))).toBe('2026-11-27');
    expect(businessDay(new Date('2026-11-27T16:00:00Z'))).toBe('2026-11-28');
  });

  it('starts a day at local midnight', () => {
    expect(dayStart('2026-11-28').toISOString()).toBe('2026-11-27T16:00:00.000Z');
    expect(() => dayStart('28/11/2026')).toThrow(RangeError);
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
