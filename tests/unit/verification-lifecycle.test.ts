import { describe, expect, it } from 'vitest';
import {
  ATTENTION_STATUSES, compareUrgency, daysLeft, defaultExpiry, latestExpiry, needsAttention, reinstatement, type ReinstatementFacts,
} from '../../lib/domain/verification-lifecycle.ts';
import { daysUntilExpiry, verificationStatus } from '../../lib/domain/verification-status.ts';

describe('days until expiry', () => {
  it('counts whole days, 0 on the last valid day, negative once expired', () => {
    expect(daysUntilExpiry('2026-12-28', '2026-11-28')).toBe(30);
    expect(daysUntilExpiry('2026-11-28', '2026-11-28')).toBe(0);
    expect(daysUntilExpiry('2026-11-27', '2026-11-28')).toBe(-1);
    expect(daysUntilExpiry('2027-03-01', '2026-11-28')).toBe(93);
  });

  it('agrees with the status at every boundary', () => {
    const status = (expiresOn: string) => verificationStatus({ scaleStatus: 'in_service', latest: { result: 'passed', expiresOn } }, '2026-11-28');
    for (const [expiresOn, expected] of [['2026-12-29', 'valid'], ['2026-12-28', 'expiring'], ['2026-11-28', 'expiring'], ['2026-11-27', 'expired']] as const) {
      expect(status(expiresOn)).toBe(expected);
    }
    expect(daysLeft({ status: 'unverified', expiresOn: null }, '2026-11-28')).toBeNull();
  });
});

describe('certificate validity', () => {
  it('runs one year at most; the usual expiry is the day before the anniversary', () => {
    expect(latestExpiry('2026-11-28')).toBe('2027-11-28');
    expect(defaultExpiry('2026-11-28')).toBe('2027-11-27');
    expect(latestExpiry('2028-02-29')).toBe('2029-03-01');
    expect(defaultExpiry('2028-02-29')).toBe('2029-02-28');
  });
});

describe('urgency', () => {
  it('lists every status but valid, worst first, then the earliest expiry', () => {
    expect(ATTENTION_STATUSES).toEqual(['suspended', 'failed', 'expired', 'unverified', 'expiring']);
    expect(needsAttention('valid')).toBe(false);
    const entries = [
      { status: 'expiring' as const, expiresOn: '2026-12-20' },
      { status: 'expired' as const, expiresOn: '2026-10-01' },
      { status: 'expiring' as const, expiresOn: '2026-12-01' },
      { status: 'unverified' as const, expiresOn: null },
      { status: 'suspended' as const, expiresOn: '2027-05-01' },
      { status: 'expired' as const, expiresOn: '2026-09-01' },
    ];
    expect([...entries].sort(compareUrgency)).toEqual([
      { status: 'suspended', expiresOn: '2027-05-01' },
      { status: 'expired', expiresOn: '2026-09-01' },
      { status: 'expired', expiresOn: '2026-10-01' },
      { status: 'unverified', expiresOn: null },
      { status: 'expiring', expiresOn: '2026-12-01' },
      { status: 'expiring', expiresOn: '2026-12-20' },
    ]);
  });
});

describe('reinstatement', () => {
  const today = '2026-11-28';
  const facts = (change: Partial<ReinstatementFacts>): ReinstatementFacts => ({
    scaleStatus: 'suspended',
    latest: { result: 'passed', verifiedOn: '2026-11-20', expiresOn: '2027-11-19' },
    suspendedOn: '2026-11-10',
    ...change,
  });

  it('is allowed after a passing verification made since the suspension and valid today', () => {
    expect(reinstatement(facts({}), today)).toEqual({ allowed: true });
    expect(reinstatement(facts({ latest: { result: 'passed', verifiedOn: '2026-11-10', expiresOn: '2027-11-09' } }), today)).toEqual({ allowed: true });
    // suspended before the platform recorded suspensions: the latest verification decides
    expect(reinstatement(facts({ suspendedOn: null }), today)).toEqual({ allowed: true });
  });

  it('is refused with the reason otherwise', () => {
    expect(reinstatement(facts({ scaleStatus: 'in_service' }), today)).toEqual({ allowed: false, reason: 'not_suspended' });
    expect(reinstatement(facts({ scaleStatus: 'retired' }), today)).toEqual({ allowed: false, reason: 'not_suspended' });
    expect(reinstatement(facts({ latest: null }), today)).toEqual({ allowed: false, reason: 'no_passing_verification' });
    expect(reinstatement(facts({ latest: { result: 'failed', verifiedOn: '2026-11-20', expiresOn: '2026-11-20' } }), today))
      .toEqual({ allowed: false, reason: 'no_passing_verification' });
    expect(reinstatement(facts({ latest: { result: 'passed', verifiedOn: '2026-11-09', expiresOn: '2027-11-08' } }), today))
      .toEqual({ allowed: false, reason: 'verification_before_suspension' });
    expect(reinstatement(facts({ suspendedOn: null, latest: { result: 'passed', verifiedOn: '2025-11-01', expiresOn: '2026-10-31' } }), today))
      .toEqual({ allowed: false, reason: 'verification_expired' });
  });
});
