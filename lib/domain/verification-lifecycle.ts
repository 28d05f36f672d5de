// The life of a scale's verification between two visits: how long a certificate may run, which
// scales need attention (and in what order), and when a suspended scale may go back into service.
// The status itself is verification-status.ts; this module only builds on it.
import { addDays, addYears } from './business-day.ts';
import { STATUS_SEVERITY } from './supervision.ts';
import { daysUntilExpiry, type VerificationStatus } from './verification-status.ts';

/** Setting: a price-computing scale is verified at least once a year (JJG 539: period "normally not
 * more than 1 year"). A certificate may not run longer. */
export const VERIFICATION_PERIOD_YEARS = 1;

/** The last expiry a certificate issued on `verifiedOn` may carry. */
export function latestExpiry(verifiedOn: string): string {
  return addYears(verifiedOn, VERIFICATION_PERIOD_YEARS);
}

/** The expiry a certificate usually carries: one period on, the day before (verified 2026-11-28,
 * valid until 2027-11-27). */
export function defaultExpiry(verifiedOn: string): string {
  return addDays(latestExpiry(verifiedOn), -1);
}

/** Every status but `valid` asks someone to act: the lifecycle list shows these. */
export const ATTENTION_STATUSES: readonly VerificationStatus[] = STATUS_SEVERITY.filter((status) => status !== 'valid');

export function needsAttention(status: VerificationStatus): boolean {
  return status !== 'valid';
}

export interface LifecycleEntry {
  status: VerificationStatus;
  /** the latest verification's expiry, "YYYY-MM-DD", or null when never verified */
  expiresOn: string | null;
}

/** Days from today to the expiry (negative once expired), or null without a verification. */
export function daysLeft(entry: LifecycleEntry, today: string): number | null {
  return entry.expiresOn === null ? null : daysUntilExpiry(entry.expiresOn, today);
}

/** Most urgent first: by status severity (suspended, failed, expired, unverified, expiring), then
 * the earliest expiry. A stable order for ties is the caller's (e.g. by id). */
export function compareUrgency(a: LifecycleEntry, b: LifecycleEntry): number {
  const bySeverity = STATUS_SEVERITY.indexOf(a.status) - STATUS_SEVERITY.indexOf(b.status);
  if (bySeverity !== 0) return bySeverity;
  if (a.expiresOn === b.expiresOn) return 0;
  if (a.expiresOn === null) return -1;
  if (b.expiresOn === null) return 1;
  return a.expiresOn < b.expiresOn ? -1 : 1;
}

export interface ReinstatementFacts {
  scaleStatus: 'in_service' | 'suspended' | 'retired';
  /** the latest verification (by date) */
  latest: { result: 'passed' | 'failed'; verifiedOn: string; expiresOn: string } | null;
  /** the business day of the suspension, when an inspection recorded it */
  suspendedOn: string | null;
}

export type ReinstatementRefusal =
  | 'not_suspended' // nothing to reinstate (in service, or retired for good)
  | 'no_passing_verification' // never verified since, or the latest verification failed
  | 'verification_before_suspension' // the passing verification is older than the suspension: it proves nothing about the fault
  | 'verification_expired'; // passed, but no longer valid

export type Reinstatement = { allowed: true } | { allowed: false; reason: ReinstatementRefusal };

/**
 * A suspended scale goes back into service only on a passing verification made on or after the day
 * it was suspended and still valid today: the fault that stopped it must have been put right and
 * the scale verified again.
 */
export function reinstatement(facts: ReinstatementFacts, today: string): Reinstatement {
  if (facts.scaleStatus !== 'suspended') return { allowed: false, reason: 'not_suspended' };
  const latest = facts.latest;
  if (!latest || latest.result !== 'passed') return { allowed: false, reason: 'no_passing_verification' };
  if (facts.suspendedOn !== null && latest.verifiedOn < facts.suspendedOn) return { allowed: false, reason: 'verification_before_suspension' };
  if (daysUntilExpiry(latest.expiresOn, today) < 0) return { allowed: false, reason: 'verification_expired' };
  return { allowed: true };
}
