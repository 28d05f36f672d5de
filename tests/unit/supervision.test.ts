import { describe, expect, it } from 'vitest';
import {
  addTallies, checkError, combineCoverage, CONNECTED_WITHIN_HOURS, coverage, isConnected, isStallCovered, isVerificationStatus,
  STATUS_SEVERITY, tallyStatuses, uncoveredReasons, VERIFICATION_STATUSES, worstStatus,
} from '../../lib/domain/supervision.ts';
import type { VerificationStatus } from '../../lib/domain/verification-status.ts';

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
  const on = (status: VerificationStatus) => ({ status, connected: true });
  const off = (status: VerificationStatus) => ({ status, connected: false });

  it('covers a stall only when every trade scale on it is lawfully verified and connected', () => {
    expect(isStallCovered([on('valid')])).toBe(true);
    expect(isStallCovered([on('expiring'), on('valid')])).toBe(true);
    expect(isStallCovered([on('valid'), on('expired')])).toBe(false);
    expect(isStallCovered([on('suspended')])).toBe(false);
    expect(isStallCovered([on('unverified')])).toBe(false);
    expect(isStallCovered([off('valid')])).toBe(false);
    expect(isStallCovered([on('valid'), off('valid')])).toBe(false);
    expect(isStallCovered([])).toBe(false);
  });

  it('says why a stall is not covered', () => {
    expect(uncoveredReasons([])).toEqual(['no_scale']);
    expect(uncoveredReasons([on('valid')])).toEqual([]);
    expect(uncoveredReasons([off('expired')])).toEqual(['not_verified', 'not_connected']);
    expect(uncoveredReasons([on('failed'), on('valid')])).toEqual(['not_verified']);
    expect(uncoveredReasons([off('valid')])).toEqual(['not_connected']);
  });

  it('counts a scale connected when online, or heard from within the setting', () => {
    const now = new Date('2026-11-28T12:00:00Z');
    const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
    expect(isConnected({ online: true, lastSeenAt: null }, now)).toBe(true);
    expect(isConnected({ online: false, lastSeenAt: null }, now)).toBe(false);
    expect(isConnected({ online: false, lastSeenAt: hoursAgo(CONNECTED_WITHIN_HOURS) }, now)).toBe(true);
    expect(isConnected({ online: false, lastSeenAt: hoursAgo(CONNECTED_WITHIN_HOURS + 0.01) }, now)).toBe(false);
    expect(isConnected({ online: false, lastSeenAt: hoursAgo(3) }, now, 2)).toBe(false);
  });

  it('counts occupied stalls only', () => {
    const result = coverage([
      { occupied: true, tradeScales: [on('valid')] },
      { occupied: true, tradeScales: [on('expiring')] },
      { occupied: true, tradeScales: [on('failed')] },
      { occupied: true, tradeScales: [off('valid')] },
      { occupied: true, tradeScales: [] },
      { occupied: false, tradeScales: [] },
      { occupied: false, tradeScales: [on('valid')] },
    ]);
    expect(result).toEqual({ covered: 2, occupied: 5, ratio: 0.4 });
  });

  it('has no ratio when no stall is occupied', () => {
    expect(coverage([{ occupied: false, tradeScales: [on('valid')] }]).ratio).toBeNull();
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
