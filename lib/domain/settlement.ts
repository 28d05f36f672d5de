// Settlement rules: the bank's fee, the payout, and reconciliation of a merchant's business day
// (what the bank received by QR code against what the merchant's scales weighed and charged for
// bank-QR payments). Money is integer fen throughout.
import { z } from 'zod';
import { addDays } from './business-day.ts';
import { blankAsUndefined, daySchema, daysBetween } from './day-input.ts';

// The stored states of a closed day (lib/domain/settlement-close.ts): pending = closed, waiting for
// the payout; paid; mismatch = exception. A day still open has no settlement.
export const SETTLEMENT_STATUSES = ['pending', 'paid', 'mismatch'] as const;
export type SettlementStatus = (typeof SETTLEMENT_STATUSES)[number];

export const BASIS_POINTS_PER_UNIT = 10_000;

/** The bank's fee on a gross amount: gross × bp / 10 000, rounded half up to the fen. */
export function settlementFee(grossFen: number, feeBasisPoints: number): number {
  if (!Number.isSafeInteger(grossFen) || grossFen < 0) throw new RangeError(`gross must be a non-negative integer, got ${grossFen}`);
  if (!Number.isSafeInteger(feeBasisPoints) || feeBasisPoints < 0 || feeBasisPoints > BASIS_POINTS_PER_UNIT) {
    throw new RangeError(`fee must be 0…10000 basis points, got ${feeBasisPoints}`);
  }
  const product = BigInt(grossFen) * BigInt(feeBasisPoints);
  const divisor = BigInt(BASIS_POINTS_PER_UNIT);
  return Number((product * 2n + divisor) / (divisor * 2n));
}

export interface SettlementFigures {
  /** the day's captures less the day's own refunds */
  grossFen: number;
  feeFen: number;
  netFen: number;
  weighedFen: number;
  /** the day's own refunds and reversals (0 when absent: settlements before the close) */
  refundedFen?: number;
  /** Σ (amount − fee) of the adjustment lines (0 when absent) */
  adjustmentFen?: number;
}

/** balanced: bank takings equal the weighed bank-QR total; over: the bank received more than was
 * weighed (a payment without a weighing); short: less (a weighing whose payment never arrived). */
export type ReconciliationVerdict = 'balanced' | 'over' | 'short';

export interface Reconciliation {
  /** the day's captures (gross + refunded) − weighed, in fen: positive when the bank received more than was weighed */
  differenceFen: number;
  verdict: ReconciliationVerdict;
  /** net = gross − fee + adjustment, as a payout must be */
  netConsistent: boolean;
}

export function reconcile(figures: SettlementFigures): Reconciliation {
  const differenceFen = figures.grossFen + (figures.refundedFen ?? 0) - figures.weighedFen;
  return {
    differenceFen,
    verdict: differenceFen === 0 ? 'balanced' : differenceFen > 0 ? 'over' : 'short',
    netConsistent: figures.netFen === figures.grossFen - figures.feeFen + (figures.adjustmentFen ?? 0),
  };
}

/** Whether a settlement needs a person: marked mismatch, or its figures do not add up. */
export function needsAttention(status: SettlementStatus, figures: SettlementFigures): boolean {
  const check = reconcile(figures);
  return status === 'mismatch' || check.verdict !== 'balanced' || !check.netConsistent;
}

// ───── filters shared by the reconciliation page and its JSON twin ─────

export const SETTLEMENT_PAGE_SIZE = 50;
export const MAX_PAGE = 100_000;

export const settlementFilterSchema = z.object({
  page: z.preprocess(blankAsUndefined, z.coerce.number().int().min(1).max(MAX_PAGE).default(1)),
  status: z.preprocess(blankAsUndefined, z.enum(SETTLEMENT_STATUSES).optional()),
  day: z.preprocess(blankAsUndefined, daySchema.optional()),
});
export type SettlementFilter = z.infer<typeof settlementFilterSchema>;

/** The longest range one request for a merchant's settlements may cover. */
export const MAX_RANGE_DAYS = 366;
/** The dashboards' window: the 30 closed business days before `today`. */
export const WINDOW_DAYS = 30;

export function closedDaysWindow(today: string, days = WINDOW_DAYS): { from: string; to: string } {
  return { from: addDays(today, -days), to: addDays(today, -1) };
}

export const dayRangeFields = {
  from: z.preprocess(blankAsUndefined, daySchema.optional()),
  to: z.preprocess(blankAsUndefined, daySchema.optional()),
};

/** For `.superRefine`: `from` not after `to`, and at most MAX_RANGE_DAYS days. */
export function checkDayRange(range: { from?: string; to?: string }, ctx: z.RefinementCtx): void {
  if (!range.from || !range.to) return;
  if (range.from > range.to) ctx.addIssue({ code: 'custom', message: 'from must not be after to', path: ['from'] });
  else if (daysBetween(range.from, range.to) >= MAX_RANGE_DAYS) ctx.addIssue({ code: 'custom', message: `at most ${MAX_RANGE_DAYS} days`, path: ['to'] });
}

export const dayRangeSchema = z.object(dayRangeFields).superRefine(checkDayRange);

/** Fills a partial range: no `to` → yesterday (or up to a year after `from`); no `from` → the 30
 * days ending at `to`. The result is never longer than MAX_RANGE_DAYS. */
export function resolveRange(range: { from?: string; to?: string }, today: string): { from: string; to: string } {
  let to = range.to ?? addDays(today, -1);
  if (!range.to && range.from) {
    if (to < range.from) to = range.from;
    if (daysBetween(range.from, to) >= MAX_RANGE_DAYS) to = addDays(range.from, MAX_RANGE_DAYS - 1);
  }
  const from = range.from ?? addDays(to, -(WINDOW_DAYS - 1));
  return { from, to };
}

/** Number of pages for a total, at least 1. */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
