// Supervision rules the regulator's pages show: the worst status among a stall's scales, whether a
// stall is covered by a lawfully verified scale (放心秤覆盖率), and tallies of verification statuses.
import { isTradeLegal, type VerificationStatus } from './verification-status.ts';

export const VERIFICATION_STATUSES: readonly VerificationStatus[] = ['valid', 'expiring', 'expired', 'failed', 'suspended', 'unverified'];

/** Worst first: a map tile with several scales takes the colour of its worst one. */
export const STATUS_SEVERITY: readonly VerificationStatus[] = ['suspended', 'failed', 'expired', 'unverified', 'expiring', 'valid'];

export function isVerificationStatus(value: unknown): value is VerificationStatus {
  return typeof value === 'string' && (VERIFICATION_STATUSES as readonly string[]).includes(value);
}

/** The worst of some statuses, or null when there are none (a stall without a scale). */
export function worstStatus(statuses: Iterable<VerificationStatus>): VerificationStatus | null {
  let worst: VerificationStatus | null = null;
  for (const status of statuses) {
    if (worst === null || STATUS_SEVERITY.indexOf(status) < STATUS_SEVERITY.indexOf(worst)) worst = status;
  }
  return worst;
}

/**
 * A stall is covered when it trades on at least one trade scale and every trade scale on it (retired
 * ones left out by the caller) may lawfully be used for trade: verified and not yet expired.
 */
export function isStallCovered(tradeScaleStatuses: readonly VerificationStatus[]): boolean {
  return tradeScaleStatuses.length > 0 && tradeScaleStatuses.every(isTradeLegal);
}

export interface CoverageStall {
  /** a merchant rents the stall; vacant stalls do not count */
  occupied: boolean;
  tradeScaleStatuses: readonly VerificationStatus[];
}

export interface Coverage {
  covered: number;
  occupied: number;
  /** covered ÷ occupied, or null when no stall is occupied */
  ratio: number | null;
}

/** 放心秤覆盖率: occupied stalls covered by verified scales ÷ occupied stalls. */
export function coverage(stalls: Iterable<CoverageStall>): Coverage {
  let covered = 0;
  let occupied = 0;
  for (const stall of stalls) {
    if (!stall.occupied) continue;
    occupied += 1;
    if (isStallCovered(stall.tradeScaleStatuses)) covered += 1;
  }
  return coverageOf(covered, occupied);
}

export function coverageOf(covered: number, occupied: number): Coverage {
  return { covered, occupied, ratio: occupied === 0 ? null : covered / occupied };
}

/** Coverage of several markets together: the sum of their counts, not the mean of their ratios. */
export function combineCoverage(parts: Iterable<Coverage>): Coverage {
  let covered = 0;
  let occupied = 0;
  for (const part of parts) {
    covered += part.covered;
    occupied += part.occupied;
  }
  return coverageOf(covered, occupied);
}

export type StatusTally = Record<VerificationStatus, number>;

export function emptyTally(): StatusTally {
  return { valid: 0, expiring: 0, expired: 0, failed: 0, suspended: 0, unverified: 0 };
}

export function tallyStatuses(statuses: Iterable<VerificationStatus>): StatusTally {
  const tally = emptyTally();
  for (const status of statuses) tally[status] += 1;
  return tally;
}

export function addTallies(tallies: Iterable<StatusTally>): StatusTally {
  const sum = emptyTally();
  for (const tally of tallies) for (const status of VERIFICATION_STATUSES) sum[status] += tally[status];
  return sum;
}

/** Complaints still waiting for a decision. */
export const OPEN_COMPLAINT_STATUSES = ['submitted', 'accepted', 'investigating'] as const;

/** The error of a check weighing: indication − reference (positive: the scale shows too much). */
export function checkError(check: { referenceMg: number; indicationMg: number }): number {
  return check.indicationMg - check.referenceMg;
}
