import { describe, expect, it } from 'vitest';
import { isTradeLegal, verificationStatus } from '../../lib/domain/verification-status.ts';

const passed = (expiresOn: string) => ({ scaleStatus: 'in_service' as const, latest: { result: 'passed' as const, expiresOn } });

describe('verification status', () => {
  it('is valid well before expiry, expiring within 30 days, expired after the expiry date', () => {
    expect(verificationStatus(passed('2027-06-01'), '2026-11-28')).toBe('valid');
    expect(verificationStatus(passed('2026-12-29'), '2026-11-28')).toBe('valid');
    expect(verificationStatus(passed('2026-12-28'), '2026-11-28')).toBe('expiring');
    expect(verificationStatus(passed('2026-11-28'), '2026-11-28')).toBe('expiring');
    expect(verificationStatus(passed('2026-11-27'), '2026-11-28')).toBe('expired');
  });

  it('puts suspension and a failed verification before dates', () => {
    expect(verificationStatus({ scaleStatus: 'suspended', latest: { result: 'passed', expiresOn: '2027-01-01' } }, '2026-11-28')).toBe('suspended');
    expect(verificationStatus({ scaleStatus: 'in_service', latest: { result: 'failed', expiresOn: '2027-01-01' } }, '2026-11-28')).toBe('failed');
    expect(verificationStatus({ scaleStatus: 'in_service', latest: null }, '2026-11-28')).toBe('unverified');
  });

  it('allows trade only on a verified scale', () => {
    expect(isTradeLegal('valid')).toBe(true);
    expect(isTradeLegal('expiring')).toBe(true);
    for (const status of ['expired', 'failed', 'suspended', 'unverified'] as const) expect(isTradeLegal(status)).toBe(false);
  });
});
