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
  if (facts.latest.expiresOn < today) return 'expired';
  const daysLeft = (Date.parse(facts.latest.expiresOn) - Date.parse(today)) / 86_400_000;
  return daysLeft <= EXPIRY_WARNING_DAYS ? 'expiring' : 'valid';
}

/** Whether a weighing on a scale in this status is a legal trade weighing. */
export function isTradeLegal(status: VerificationStatus): boolean {
  return status === 'valid' || status === 'expiring';
}
