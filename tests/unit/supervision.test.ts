import { describe, expect, it } from 'vitest';
import {
  addTallies, checkError, combineCoverage, coverage, isStallCovered, isVerificationStatus, STATUS_SEVERITY,
  tallyStatuses, VERIFICATION_STATUSES, worstStatus,
} from '../../lib/domain/supervision.ts';

describe('worst status of a stall', () => {
  it('is null without scales', () => {
    expect(worstStatus([])).toBeNull();
  });

  it('takes the most severe of several scales', () => {
    expect(worstStatus(['valid', 'expiring'])).toBe('expiring');
    expect(worstStatus(['valid', 'expired', 'expiring'])).toBe('expired');
    expect(worstStatus(['unverified', 'failed'])).toBe('failed');
    expect(worstStatus(['failed', 'suspended', 'valid'])).toBe('suspended');
    expect(worstStatus(['valid'])).toBe('valid');
  });

  it('ranks every status exactly once', () => {
    expect([...STATUS_SEVERITY].sort()).toEqual([...VERIFICATION_STATUSES].sort());
  });
});

describe('coverage (放心秤覆盖率)', () => {
  it('covers a stall only when every trade scale on it is lawfully verified', () => {
    expect(isStallCovered(['valid'])).toBe(true);
    expect(isStallCovered(['expiring', 'valid'])).toBe(true);
    expect(isStallCovered(['valid', 'expired'])).toBe(false);
    expect(isStallCovered(['suspended'])).toBe(false);
    expect(isStallCovered(['unverified'])).toBe(false);
    expect(isStallCovered([])).toBe(false);
  });

  it('counts occupied stalls only', () => {
    const result = coverage([
      { occupied: true, tradeScaleStatuses: ['valid'] },
      { occupied: true, tradeScaleStatuses: ['expiring'] },
      { occupied: true, tradeScaleStatuses: ['failed'] },
      { occupied: true, tradeScaleStatuses: [] },
      { occupied: false, tradeScaleStatuses: [] },
      { occupied: false, tradeScaleStatuses: ['valid'] },
    ]);
    expect(result).toEqual({ covered: 2, occupied: 4, ratio: 0.5 });
  });

  it('has no ratio when no stall is occupied', () => {
    expect(coverage([{ occupied: false, tradeScaleStatuses: ['valid'] }]).ratio).toBeNull();
    expect(coverage([]).ratio).toBeNull();
  });

  it('combines markets by summing counts, not averaging ratios', () => {
    const big = { covered: 90, occupied: 100, ratio: 0.9 };
    const small = { covered: 0, occupied: 10, ratio: 0 };
    expect(combineCoverage([big, small])).toEqual({ covered: 90, occupied: 110, ratio: 90 / 110 });
    expect(combineCoverage([]).ratio).toBeNull();
  });
});

describe('status tallies', () => {
  it('counts each status and adds tallies', () => {
    const a = tallyStatuses(['valid', 'valid', 'expired']);
    expect(a).toEqual({ valid: 2, expiring: 0, expired: 1, failed: 0, suspended: 0, unverified: 0 });
    const b = tallyStatuses(['suspended', 'valid']);
    expect(addTallies([a, b])).toEqual({ valid: 3, expiring: 0, expired: 1, failed: 0, suspended: 1, unverified: 0 });
  });

  it('recognises status names', () => {
    expect(isVerificationStatus('expiring')).toBe(true);
    expect(isVerificationStatus('retired')).toBe(false);
    expect(isVerificationStatus(undefined)).toBe(false);
  });
});

describe('check weighing error', () => {
  it('is indication minus reference', () => {
    expect(checkError({ referenceMg: 5_000_000, indicationMg: 5_010_000 })).toBe(10_000);
    expect(checkError({ referenceMg: 5_000_000, indicationMg: 4_995_000 })).toBe(-5_000);
  });
});
