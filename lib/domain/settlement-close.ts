// Closing a merchant's business day: which payments a settlement counts, as which lines, and the
// figures that follow from them. Pure; lib/db/settlement-close.ts does the same set-based in SQL for
// every merchant of a day at once, and a property test holds the two to the same answers.
//
// The rule (README, "Closing the business day"):
// - The settlement of merchant M for day D counts M's payments that no settlement has counted yet
//   (settlementId null), that the intake matched (`matched`; an amount_mismatch, waiting or unmatched
//   payment is the exception queue's until someone resolves it) and whose business day is ≤ D.
// - A payment's cause day is its own business day for a capture, its capture's for a refund or a
//   reversal. Cause day D → a line of the day: `sale` (+amount), `refund` / `reversal` (−amount).
//   Cause day before D → an `adjustment` line (a late capture, or a refund of a capture an earlier,
//   closed settlement already paid out), linked to its payment and cause day.
// - gross = Σ the day's lines; fee = settlementFee(gross) (half up, the existing rule);
//   each adjustment carries its own fee, settlementFee(|amount|) with the amount's sign: the bank
//   keeps its fee on a late capture as it would have on time, and gives the fee back on money it
//   returns; adjustment = Σ (amount − fee) of the adjustment lines; net = gross − fee + adjustment.
// - A refund or reversal whose capture is not counted (not matched, another merchant's, or of a
//   later day) waits: it is left for a later close, never guessed at.
// - The day is an exception (`mismatch`) when what the bank captured for the day (gross plus the
//   day's own refunds) differs from the weighed bank-QR total; otherwise it is closed (`pending`,
//   waiting for the payout). A day with no line and nothing weighed gets no settlement.
// Money is integer fen: every figure is checked with Number.isSafeInteger.
import { settlementFee } from './settlement.ts';

export const SETTLEMENT_LINE_KINDS = ['sale', 'refund', 'reversal', 'adjustment'] as const;
export type SettlementLineKind = (typeof SETTLEMENT_LINE_KINDS)[number];

/** Why an adjustment exists: what arrived after its cause day had closed. */
export const ADJUSTMENT_NOTES = { captured: 'late_capture', refunded: 'late_refund', reversed: 'late_reversal' } as const;
export type AdjustmentNote = (typeof ADJUSTMENT_NOTES)[keyof typeof ADJUSTMENT_NOTES];

export type PaymentKind = 'captured' | 'refunded' | 'reversed';

export interface OpenPayment {
  /** Payment.id (a BIGINT, as a decimal string) */
  id: string;
  status: PaymentKind;
  /** positive, as the bank notified it */
  amountFen: number;
  businessDay: string;
  /**
   * A refund or reversal: the business day of its capture when that capture is counted (already
   * settled, or counted by this same close); null when it is not (the refund waits). Ignored for a
   * capture.
   */
  captureDay?: string | null;
}

export interface PlannedLine {
  paymentId: string;
  kind: SettlementLineKind;
  /** signed: + money to the merchant, − money back to the shopper */
  amountFen: number;
  /** the bank's fee this line carries: 0 on the day's lines (the day's fee is taken on gross) */
  feeFen: number;
  causeDay: string;
  note: AdjustmentNote | null;
}

export interface PlannedSettlement {
  merchantId: number;
  businessDay: string;
  /** the day's captures (sale lines) */
  paymentCount: number;
  /** Σ the day's lines: sales − the day's own refunds and reversals */
  grossFen: number;
  /** the day's own refunds and reversals, positive (captured for the day = gross + refunded) */
  refundedFen: number;
  feeFen: number;
  /** Σ (amount − fee) of the adjustment lines */
  adjustmentFen: number;
  netFen: number;
  weighedFen: number;
  /** `pending` = closed, waiting for the payout; `mismatch` = exception */
  status: 'pending' | 'mismatch';
  lines: PlannedLine[];
}

export interface CloseInput {
  merchantId: number;
  businessDay: string;
  feeBasisPoints: number;
  /** the day's bank-QR weighings of the merchant, Σ price to pay */
  weighedFen: number;
  payments: readonly OpenPayment[];
}

export interface ClosePlan {
  settlement: PlannedSettlement | null;
  /** refunds and reversals left open: their capture is not counted yet */
  deferred: string[];
}

function safe(value: number, what: string): number {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} is not a safe integer of fen: ${value}`);
  return value;
}

/** settlementFee with the amount's sign: the fee the bank keeps (+) or gives back (−). */
export function signedSettlementFee(amountFen: number, feeBasisPoints: number): number {
  return amountFen < 0 ? -settlementFee(-amountFen, feeBasisPoints) : settlementFee(amountFen, feeBasisPoints);
}

const byId = (a: { paymentId: string }, b: { paymentId: string }): number =>
  a.paymentId.length - b.paymentId.length || (a.paymentId < b.paymentId ? -1 : a.paymentId > b.paymentId ? 1 : 0);

export function planSettlementClose(input: CloseInput): ClosePlan {
  const { businessDay: day, feeBasisPoints } = input;
  safe(input.weighedFen, 'weighed total');
  const seen = new Set<string>();
  const lines: PlannedLine[] = [];
  const deferred: string[] = [];
  for (const payment of input.payments) {
    if (seen.has(payment.id)) throw new RangeError(`payment ${payment.id} given twice`);
    seen.add(payment.id);
    if (!Number.isSafeInteger(payment.amountFen) || payment.amountFen <= 0) throw new RangeError(`payment ${payment.id}: amount must be a positive integer of fen`);
    if (payment.businessDay > day) throw new RangeError(`payment ${payment.id} is of ${payment.businessDay}, after ${day}`);
    const causeDay = payment.status === 'captured' ? payment.businessDay : payment.captureDay ?? null;
    if (causeDay === null || causeDay > day) {
      deferred.push(payment.id);
      continue;
    }
    const amountFen = payment.status === 'captured' ? payment.amountFen : -payment.amountFen;
    if (causeDay === day) {
      lines.push({ paymentId: payment.id, kind: payment.status === 'captured' ? 'sale' : payment.status === 'refunded' ? 'refund' : 'reversal', amountFen, feeFen: 0, causeDay, note: null });
    } else {
      lines.push({ paymentId: payment.id, kind: 'adjustment', amountFen, feeFen: signedSettlementFee(amountFen, feeBasisPoints), causeDay, note: ADJUSTMENT_NOTES[payment.status] });
    }
  }
  if (lines.length === 0 && input.weighedFen === 0) return { settlement: null, deferred };
  lines.sort(byId);

  let grossFen = 0;
  let refundedFen = 0;
  let paymentCount = 0;
  let adjustmentFen = 0;
  for (const line of lines) {
    if (line.kind === 'adjustment') {
      adjustmentFen = safe(adjustmentFen + line.amountFen - line.feeFen, 'adjustment');
      continue;
    }
    grossFen = safe(grossFen + line.amountFen, 'gross');
    if (line.kind === 'sale') paymentCount++;
    else refundedFen = safe(refundedFen - line.amountFen, 'refunded');
  }
  const feeFen = signedSettlementFee(grossFen, feeBasisPoints);
  const netFen = safe(grossFen - feeFen + adjustmentFen, 'net');
  const status = grossFen + refundedFen === input.weighedFen ? 'pending' : 'mismatch';
  return {
    settlement: { merchantId: input.merchantId, businessDay: day, paymentCount, grossFen, refundedFen, feeFen, adjustmentFen, netFen, weighedFen: input.weighedFen, status, lines },
    deferred,
  };
}
