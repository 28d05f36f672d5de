import { describe, expect, it } from 'vitest';
import {
  checkPrice,
  isReceiptToken,
  legalStanding,
  receiptVerdict,
  standingTone,
  verificationInForce,
  type VerificationRecord,
} from '../../lib/domain/receipt.ts';

const v = (certificateNo: string, verifiedOn: string, expiresOn: string, result: 'passed' | 'failed' = 'passed'): VerificationRecord => ({
  certificateNo,
  verifiedOn,
  expiresOn,
  result,
});

describe('receipt token', () => {
  it('accepts base64url of 16 to 64 characters only', () => {
    expect(isReceiptToken('AbCdEfGhIjKlMnOp')).toBe(true);
    expect(isReceiptToken('a'.repeat(64))).toBe(true);
    expect(isReceiptToken('Zm9v-YmFy_YmF6cXV4eA')).toBe(true);
    expect(isReceiptToken('short')).toBe(false);
    expect(isReceiptToken('a'.repeat(65))).toBe(false);
    expect(isReceiptToken('AbCdEfGhIjKlMnOp==')).toBe(false);
    expect(isReceiptToken('AbCdEfGh/IjKlMnOp')).toBe(false);
    expect(isReceiptToken("' OR 1=1 --aaaaaaaa")).toBe(false);
    expect(isReceiptToken(undefined)).toBe(false);
  });
});

describe('price check', () => {
  it('recomputes unit price × net mass', () => {
    expect(checkPrice({ unitPriceFenPerKg: 2600, netMg: 1_234_000, priceFen: 3208, intervalFen: 1 })).toEqual({ expectedFen: 3208, differenceFen: 0, correct: true });
    expect(checkPrice({ unitPriceFenPerKg: 2600, netMg: 1_234_000, priceFen: 3300, intervalFen: 1 })).toEqual({ expectedFen: 3208, differenceFen: 92, correct: false });
    expect(checkPrice({ unitPriceFenPerKg: 2600, netMg: 1_234_000, priceFen: 3200, intervalFen: 1 })).toMatchObject({ differenceFen: -8, correct: false });
  });

  it('uses the scale price-to-pay interval', () => {
    expect(checkPrice({ unitPriceFenPerKg: 1234, netMg: 345_000, priceFen: 425, intervalFen: 5 }).correct).toBe(true);
  });

  it('cannot price impossible figures', () => {
    expect(checkPrice({ unitPriceFenPerKg: 1000, netMg: -5, priceFen: 0, intervalFen: 1 })).toEqual({ expectedFen: null, differenceFen: 0, correct: false });
  });
});

describe('verification in force', () => {
  const records = [v('A', '2025-03-01', '2026-02-28'), v('B', '2026-02-20', '2027-02-19'), v('C', '2026-06-01', '2027-05-31', 'failed')];

  it('is the latest verification made on or before the day', () => {
    expect(verificationInForce(records, '2025-02-28')).toBeNull();
    expect(verificationInForce(records, '2025-12-01')?.certificateNo).toBe('A');
    expect(verificationInForce(records, '2026-02-20')?.certificateNo).toBe('B');
    expect(verificationInForce(records, '2026-07-01')?.certificateNo).toBe('C');
  });

  it('gives the standing on a purchase day and today, counting a suspension from when it began', () => {
    const facts = { verifications: [v('A', '2025-03-01', '2026-02-28')], scaleStatus: 'suspended' as const, suspendedSince: new Date('2026-01-15T02:00:00Z') };
    expect(legalStanding(facts, '2026-01-10', new Date('2026-01-10T03:00:00Z'), false).status).toBe('valid');
    expect(legalStanding(facts, '2026-01-20', new Date('2026-01-20T03:00:00Z'), false).status).toBe('suspended');
    expect(legalStanding(facts, '2026-01-20', new Date('2026-01-20T03:00:00Z'), true).status).toBe('suspended');
    expect(legalStanding({ ...facts, suspendedSince: null }, '2026-01-10', new Date('2026-01-10T03:00:00Z'), false).status).toBe('valid');
    const inService = { ...facts, scaleStatus: 'in_service' as const, suspendedSince: null };
    expect(legalStanding(inService, '2026-02-10', new Date(), false)).toMatchObject({ status: 'expiring', verification: { certificateNo: 'A' } });
    expect(legalStanding(inService, '2026-03-01', new Date(), true).status).toBe('expired');
    expect(legalStanding(inService, '2025-01-01', new Date(), false)).toEqual({ status: 'unverified', verification: null });
  });
});

describe('receipt verdict', () => {
  const right = { expectedFen: 1000, differenceFen: 0, correct: true };

  it('is green for a correct price on a verified scale', () => {
    expect(receiptVerdict({ price: right, atPurchase: 'valid', today: 'valid', findings: [] })).toEqual({ verdict: 'green', reasons: [] });
    expect(receiptVerdict({ price: right, atPurchase: 'expiring', today: 'expiring', findings: [] }).verdict).toBe('green');
  });

  it('is red when the shopper was overcharged or the scale was not legal at purchase', () => {
    expect(receiptVerdict({ price: { expectedFen: 1000, differenceFen: 20, correct: false }, atPurchase: 'valid', today: 'valid', findings: ['price_mismatch'] })).toEqual({
      verdict: 'red',
      reasons: ['overcharged'],
    });
    for (const status of ['expired', 'failed', 'suspended', 'unverified'] as const) {
      expect(receiptVerdict({ price: right, atPurchase: status, today: 'valid', findings: [] })).toEqual({ verdict: 'red', reasons: ['not_legal_at_purchase'] });
    }
    expect(receiptVerdict({ price: { expectedFen: null, differenceFen: 0, correct: false }, atPurchase: 'valid', today: 'valid', findings: [] }).verdict).toBe('red');
  });

  it('is amber for an undercharge, a lapse since purchase, or a finding', () => {
    expect(receiptVerdict({ price: { expectedFen: 1000, differenceFen: -3, correct: false }, atPurchase: 'valid', today: 'valid', findings: [] })).toEqual({
      verdict: 'amber',
      reasons: ['undercharged'],
    });
    expect(receiptVerdict({ price: right, atPurchase: 'valid', today: 'suspended', findings: [] })).toEqual({ verdict: 'amber', reasons: ['not_legal_today'] });
    expect(receiptVerdict({ price: right, atPurchase: 'valid', today: 'valid', findings: ['unstable', 'something_new', 'other_new'] })).toEqual({
      verdict: 'amber',
      reasons: ['unstable', 'flagged'],
    });
  });

  it('lists red reasons before amber ones', () => {
    expect(
      receiptVerdict({ price: { expectedFen: 1000, differenceFen: 5, correct: false }, atPurchase: 'valid', today: 'expired', findings: ['below_min'] }).reasons,
    ).toEqual(['overcharged', 'not_legal_today', 'below_min']);
  });

  it('colours a standing green only when the scale may trade', () => {
    expect(standingTone('valid')).toBe('green');
    expect(standingTone('expiring')).toBe('green');
    expect(standingTone('expired')).toBe('red');
  });
});
