// Supervision rules the regulator's pages show: the worst status among a stall's scales, whether a
// stall is covered by a lawfully verified, connected scale (放心秤覆盖率), and tallies of verification
// statuses.
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
 * Platform setting: a scale counts as connected (联网) when it is online now or was heard from
 * within this many hours. Scales are switched off when a market closes; a night, or a day the
 * market is shut, must not make the whole city uncovered, while a scale silent for longer is a
 * stall trading out of the platform's sight.
 */
export const CONNECTED_WITHIN_HOURS = 48;

export function isConnected(scale: { online: boolean; lastSeenAt: Date | null }, now: Date, withinHours: number = CONNECTED_WITHIN_HOURS): boolean {
  return scale.online || (scale.lastSeenAt !== null && now.getTime() - scale.lastSeenAt.getTime() <= withinHours * 3_600_000);
}

/** A trade scale on a stall, as coverage sees it. */
export interface CoverageScale {
  status: VerificationStatus;
  connected: boolean;
}

export type UncoveredReason = 'no_scale' | 'not_verified' | 'not_connected';

/**
 * Why a stall is not covered; empty when it is. Covered (放心秤): it trades on at least one trade
 * scale, and every trade scale on it (retired ones left out by the caller) may lawfully be used for
 * trade (verified and not yet expired) and is connected to the platform.
 */
export function uncoveredReasons(tradeScales: readonly CoverageScale[]): UncoveredReason[] {
  if (tradeScales.length === 0) return ['no_scale'];
  const reasons: UncoveredReason[] = [];
  if (!tradeScales.every((scale) => isTradeLegal(scale.status))) reasons.push('not_verified');
  if (!tradeScales.every((scale) => scale.connected)) reasons.push('not_connected');
  return reasons;
}

export function isStallCovered(tradeScales: readonly CoverageScale[]): boolean {
  return uncoveredReasons(tradeScales).length === 0;
}

export interface CoverageStall {
  /** a merchant rents the stall; vacant stalls do not count */
  occupied: boolean;
  tradeScales: readonly CoverageScale[];
}

export interface Coverage {
  covered: number;
  occupied: number;
  /** covered ÷ occupied, or null when no stall is occupied */
  ratio: number | null;
}

/** 放心秤覆盖率: occupied stalls trading on verified, connected scales ÷ occupied stalls. */
export function coverage(stalls: Iterable<CoverageStall>): Coverage {
  let covered = 0;
  let occupied = 0;
  for (const stall of stalls) {
    if (!stall.occupied) continue;
    occupied += 1;
    if (isStallCovered(stall.tradeScales)) covered += 1;
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
