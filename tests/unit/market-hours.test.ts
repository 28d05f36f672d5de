import { describe, expect, it } from 'vitest';
import { marketActivity } from '../../lib/domain/market-hours.ts';

const local = (hh: number, mm = 0) => new Date(Date.UTC(2026, 2, 14, hh - 8, mm)); // Asia/Shanghai = UTC+8

describe('market hours', () => {
  it('is busy 6–9 and 16–19 local time and quiet at night', () => {
    for (const hour of [6.5, 7, 8, 16.5, 17, 18]) expect(marketActivity(local(Math.floor(hour), (hour % 1) * 60)), String(hour)).toBeGreaterThanOrEqual(0.7);
    for (const hour of [0, 1, 2, 3, 23]) expect(marketActivity(local(hour)), String(hour)).toBeLessThanOrEqual(0.03);
    expect(marketActivity(local(13))).toBeLessThan(marketActivity(local(7)));
  });
  it('stays within (0, 1] and is continuous across midnight', () => {
    for (let minute = 0; minute < 24 * 60; minute += 7) {
      const share = marketActivity(new Date(Date.UTC(2026, 2, 14) + minute * 60_000));
      expect(share).toBeGreaterThan(0);
      expect(share).toBeLessThanOrEqual(1);
    }
    expect(Math.abs(marketActivity(local(23, 59)) - marketActivity(local(24, 0)))).toBeLessThan(0.01);
  });
});
