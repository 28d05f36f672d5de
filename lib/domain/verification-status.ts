// Where a scale stands legally, from its latest verification and its administrative status.
// Reminder window: market managers are warned 30 days before a verification expires.

export type VerificationStatus = 'valid' | 'expiring' | 'expired' | 'failed' | 'suspended' | 'unverified';

export const EXPIRY_WARNING_DAYS = 30;

export interface VerificationFacts {
  scaleStatus: 'in_service' | 'suspended' | 'retired';
  latest: { result: 'passed' | 'failed'; expiresOn: string } | null; // expiresOn: "YYYY-MM-DD"
}

/** `today` is a business day "YYYY-MM-DD"; a verification is valid through its expiry date. */
export function verificationStatus(facts: VerificationFacts, today: string): VerificationStatus {
  if (facts.scaleStatus === 'suspended') return 'suspended';
  if (!facts.latest) return 'unverified';
  if (facts.latest.result === 'failed') return 'failed';
  const daysLeft = daysUntilExpiry(facts.latest.expiresOn, today);
  if (daysLeft < 0) return 'expired';
  return daysLeft <= EXPIRY_WARNING_DAYS ? 'expiring' : 'valid';
}

/** Whole days from `today` to the expiry date, both "YYYY-MM-DD": 0 on the last valid day, −1 the
 * day after (expired). Reminders and the lifecycle list show this number; the status comes from it. */
export function daysUntilExpiry(expiresOn: string, today: string): number {
  return Math.round((Date.parse(`${expiresOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** Whether a weighing on a scale in this status is a legal trade weighing. */
export function isTradeLegal(status: VerificationStatus): boolean {
  return status === 'valid' || status === 'expiring';
}
