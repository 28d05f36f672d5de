// Matching the bank's statement against payments and settlements (pure rules).
import { describe, expect, it } from 'vitest';
import type { StatementLine } from '../../lib/domain/bank-statement.ts';
import { reconcileStatement, type PaymentFact } from '../../lib/domain/reconciliation.ts';

const DAY = '2026-12-01';
const line = (lineNo: number, bankRef: string, licenseNo: string, amountFen: number, extra: Partial<StatementLine> = {}): StatementLine => ({
  lineNo, bankRef, licenseNo, businessDay: DAY, kind: 'captured', amountFen, ...extra,
});
const payment = (id: number, bankRef: string, merchantId: number, amountFen: number, extra: Partial<PaymentFact> = {}): PaymentFact => ({
  id: BigInt(id), bankRef, merchantId, amountFen, businessDay: DAY, status: 'captured', ...extra,
});

describe('reconcile', () => {
  const merchants = new Map([['LIC-A', 1], ['LIC-B', 2]]);
  const payments = [
    payment(1, 'R1', 1, 1000),
    payment(2, 'R2', 1, 2000),
    payment(3, 'R3', 2, 500),
    payment(4, 'R4', 2, 700),
    payment(5, 'R5', 2, 900, { status: 'refunded' }),
    payment(6, 'R6', 1, 300, { businessDay: '2026-11-30' }),
  ];
  const input = {
    businessDay: DAY,
    lines: [
      line(2, 'R1', 'LIC-A', 1000), // matched
      line(3, 'R2', 'LIC-A', 2100), // amount differs
      line(4, 'R3', 'LIC-A', 500), // merchant differs
      line(5, 'R5', 'LIC-B', 900), // kind differs: the platform has it refunded
      line(6, 'R6', 'LIC-A', 300), // day differs
      line(7, 'RX', 'LIC-B', 400), // unmatched
      line(8, 'RY', 'LIC-UNKNOWN', 100), // unmatched, merchant not in the programme
    ],
    merchantIdByLicense: merchants,
    paymentsByRef: new Map(payments.map((p) => [p.bankRef, p])),
    dayPayments: payments.filter((p) => p.businessDay === DAY),
    settlements: [
      { id: 10, merchantId: 1, grossFen: 3000 },
      { id: 11, merchantId: 2, grossFen: 1200 },
    ],
  };
  const result = reconcileStatement(input);

  it('sorts each line into matched, mismatched (naming what differs) or unmatched', () => {
    expect(result.lines.map((l) => [l.bankRef, l.result, l.differences])).toEqual([
      ['R1', 'matched', []],
      ['R2', 'mismatched', ['amount']],
      ['R3', 'mismatched', ['merchant']],
      ['R5', 'mismatched', ['kind']],
      ['R6', 'mismatched', ['day']],
      ['RX', 'unmatched', []],
      ['RY', 'unmatched', []],
      ['R4', 'missing_from_statement', []],
    ]);
    expect(result.counts).toEqual({ matched: 1, mismatched: 4, unmatched: 2, missing_from_statement: 1 });
  });

  it('keeps both figures of a mismatch', () => {
    const r2 = result.lines.find((l) => l.bankRef === 'R2');
    expect(r2?.statement).toMatchObject({ amountFen: 2100, merchantId: 1 });
    expect(r2?.payment).toMatchObject({ amountFen: 2000, merchantId: 1 });
    expect(result.lines.find((l) => l.bankRef === 'RY')?.statement?.merchantId).toBeNull();
  });

  it('compares each merchant-day: the statement captured total against the settlement gross', () => {
    // A: 1000 + 2100 + 500 (R3 names A) + 300 = 3900 vs 3000; B: 900 (R5, captured by the statement) + 400 = 1300 vs 1200
    expect(result.merchantDays).toEqual([
      { merchantId: 1, statementCount: 4, statementFen: 3900, settlementId: 10, settlementGrossFen: 3000, result: 'differs' },
      { merchantId: 2, statementCount: 2, statementFen: 1300, settlementId: 11, settlementGrossFen: 1200, result: 'differs' },
    ]);
  });

  it('agrees when the statement is the platform\'s own payments, and says when no settlement is closed', () => {
    const own = reconcileStatement({
      ...input,
      lines: input.dayPayments.map((p, i) => line(i + 2, p.bankRef, p.merchantId === 1 ? 'LIC-A' : 'LIC-B', p.amountFen, { kind: p.status === 'refunded' ? 'refunded' : 'captured' })),
      settlements: [{ id: 10, merchantId: 1, grossFen: 3000 }],
    });
    expect(own.counts).toEqual({ matched: 5, mismatched: 0, unmatched: 0, missing_from_statement: 0 });
    expect(own.merchantDays.map((d) => [d.merchantId, d.statementFen, d.result])).toEqual([[1, 3000, 'agrees'], [2, 1200, 'no_settlement']]);
  });
});
