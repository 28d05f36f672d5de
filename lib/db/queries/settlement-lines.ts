// One settlement with the lines behind it, for the bank and the merchant: every payment it counted
// (the day's sales, refunds and reversals) and every adjustment (money of an earlier, closed day),
// each with its bank reference and cause. Scoped like every merchant query: the bank sees its
// programme's merchants, a merchant only itself; anything else is null (not found).
import type { Db } from '../client.ts';
import { merchantWhere, type Scope } from '../scope.ts';
import { dateAsDay } from '../../domain/business-day.ts';

export interface SettlementLineView {
  id: string;
  kind: 'sale' | 'refund' | 'reversal' | 'adjustment';
  amountFen: number;
  feeFen: number;
  causeDay: string;
  note: string | null;
  bankRef: string | null;
  paidAt: Date | null;
  receiptToken: string | null;
}

export interface SettlementDetail {
  id: number;
  merchant: { id: number; shopName: string };
  day: string;
  status: 'pending' | 'paid' | 'mismatch';
  paymentCount: number;
  grossFen: number;
  refundedFen: number;
  feeFen: number;
  adjustmentFen: number;
  netFen: number;
  weighedFen: number;
  closedAt: Date;
  paidAt: Date | null;
  bankRef: string | null;
  lines: SettlementLineView[];
}

export async function settlementDetail(db: Db, scope: Scope, settlementId: number): Promise<SettlementDetail | null> {
  const row = await db.settlement.findFirst({
    where: { id: settlementId, merchant: merchantWhere(scope) },
    select: {
      id: true, businessDay: true, status: true, paymentCount: true, grossFen: true, refundedFen: true, feeFen: true, adjustmentFen: true,
      netFen: true, weighedFen: true, closedAt: true, paidAt: true, bankRef: true,
      merchant: { select: { id: true, shopName: true } },
      lines: {
        orderBy: [{ causeDay: 'asc' }, { id: 'asc' }],
        select: { id: true, kind: true, amountFen: true, feeFen: true, causeDay: true, note: true, payment: { select: { bankRef: true, paidAt: true, receiptToken: true } } },
      },
    },
  });
  if (!row) return null;
  const { businessDay, lines, ...rest } = row;
  return {
    ...rest,
    day: dateAsDay(businessDay),
    lines: lines.map(({ payment, causeDay, id, ...line }) => ({
      ...line,
      id: String(id),
      causeDay: dateAsDay(causeDay),
      bankRef: payment?.bankRef ?? null,
      paidAt: payment?.paidAt ?? null,
      receiptToken: payment?.receiptToken ?? null,
    })),
  };
}
