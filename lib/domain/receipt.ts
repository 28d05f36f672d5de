// What a shopper is told about a receipt: is the price right, and was the scale legally verified
// when they bought (and is it still)? Pure: the caller loads the facts.
import { z } from 'zod';
import { priceToPay, PriceToPayError } from './metrology/price-to-pay.ts';
import { isTradeLegal, verificationStatus, type VerificationStatus } from './verification-status.ts';

/** Receipt tokens are random base64url strings (≥ 128 bits); anything else is not a receipt. */
export const receiptTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

export function isReceiptToken(value: unknown): value is string {
  return receiptTokenSchema.safeParse(value).success;
}

export interface VerificationRecord {
  certificateNo: string;
  verifiedOn: string; // "YYYY-MM-DD"
  expiresOn: string; // "YYYY-MM-DD"
  result: 'passed' | 'failed';
}

/** The verification in force on a day: the latest one made on or before it. */
export function verificationInForce<V extends VerificationRecord>(records: readonly V[], day: string): V | null {
  let best: V | null = null;
  for (const record of records) {
    if (record.verifiedOn > day) continue;
    if (!best || record.verifiedOn > best.verifiedOn || (record.verifiedOn === best.verifiedOn && record.certificateNo > best.certificateNo)) best = record;
  }
  return best;
}

export interface ScaleLegalFacts {
  verifications: readonly VerificationRecord[];
  /** the scale's status now */
  scaleStatus: 'in_service' | 'suspended' | 'retired';
  /** when the scale was suspended, if it is suspended now and the instant is known */
  suspendedSince: Date | null;
}

export interface LegalStanding {
  status: VerificationStatus;
  verification: VerificationRecord | null;
}

/** The scale's legal standing on a business day. A suspension counts from `suspendedSince`
 * (when unknown, only for today); `at` is the instant compared with it. */
export function legalStanding(facts: ScaleLegalFacts, day: string, at: Date, isToday: boolean): LegalStanding {
  const verification = verificationInForce(facts.verifications, day);
  const suspended =
    facts.scaleStatus === 'suspended' && (isToday || (facts.suspendedSince !== null && facts.suspendedSince.getTime() <= at.getTime()));
  const status = verificationStatus(
    { scaleStatus: suspended ? 'suspended' : 'in_service', latest: verification && { result: verification.result, expiresOn: verification.expiresOn } },
    day,
  );
  return { status, verification };
}

export interface PriceCheck {
  /** what the scale should have charged; null when the receipt's figures cannot be priced */
  expectedFen: number | null;
  /** charged − expected: positive means the shopper was charged too much */
  differenceFen: number;
  correct: boolean;
}

export function checkPrice(input: { unitPriceFenPerKg: number; netMg: number; priceFen: number; intervalFen: number }): PriceCheck {
  try {
    const expectedFen = priceToPay({ unitPriceFenPerKg: input.unitPriceFenPerKg, netMg: input.netMg, intervalFen: input.intervalFen });
    const differenceFen = input.priceFen - expectedFen;
    return { expectedFen, differenceFen, correct: differenceFen === 0 };
  } catch (error) {
    if (error instanceof PriceToPayError) return { expectedFen: null, differenceFen: 0, correct: false };
    throw error;
  }
}

export type ReceiptVerdict = 'green' | 'amber' | 'red';

export type ReceiptReason =
  | 'overcharged' // charged more than unit price × net mass
  | 'undercharged' // charged less: not the shopper's loss, but the scale computes wrongly
  | 'unpriceable' // the receipt's figures cannot be priced (e.g. a negative mass)
  | 'not_legal_at_purchase' // the scale was not validly verified (or was suspended) when weighing
  | 'not_legal_today' // fine when weighing, but no longer verified or now suspended
  | 'unstable' // the weighing was printed before the scale was at rest
  | 'below_min' // the net mass is under the scale's Min, where its relative error is large
  | 'flagged'; // another finding raised at ingest

/** Findings that the verdict explains through the price check instead. */
const PRICE_FINDINGS = new Set(['price_mismatch']);

export function receiptVerdict(input: {
  price: PriceCheck;
  atPurchase: VerificationStatus;
  today: VerificationStatus;
  findings: readonly string[];
}): { verdict: ReceiptVerdict; reasons: ReceiptReason[] } {
  const red: ReceiptReason[] = [];
  const amber: ReceiptReason[] = [];
  if (input.price.expectedFen === null) red.push('unpriceable');
  else if (input.price.differenceFen > 0) red.push('overcharged');
  else if (input.price.differenceFen < 0) amber.push('undercharged');
  if (!isTradeLegal(input.atPurchase)) red.push('not_legal_at_purchase');
  else if (!isTradeLegal(input.today)) amber.push('not_legal_today');
  for (const finding of new Set(input.findings)) {
    if (PRICE_FINDINGS.has(finding)) continue;
    if (finding === 'unstable' || finding === 'below_min') amber.push(finding);
    else if (!amber.includes('flagged')) amber.push('flagged');
  }
  const reasons = [...red, ...amber];
  return { verdict: red.length ? 'red' : amber.length ? 'amber' : 'green', reasons };
}

/** Tone of a verification status for a shopper: green when the scale may legally trade, else red. */
export function standingTone(status: VerificationStatus): 'green' | 'red' {
  return isTradeLegal(status) ? 'green' : 'red';
}
