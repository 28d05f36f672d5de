// A merchant's takings of the business day so far, for the live figure on its home page: what its
// scales weighed and charged (the ingest's daily rollup, kept per batch, so no raw weighing is read),
// and what the bank has notified for it today (matched captures less refunds and reversals).
import type { Db } from '../client.ts';
import type { Scope } from '../scope.ts';
import { dayAsDate } from '../../domain/business-day.ts';
import { merchantInScope } from './settlements.ts';

export interface MerchantToday {
  day: string;
  weighings: number;
  weighedFen: number;
  bankPayments: number;
  /** captures less refunds and reversals, matched to this merchant */
  bankFen: number;
}

export async function merchantToday(db: Db, scope: Scope, merchantId: number, day: string): Promise<MerchantToday | null> {
  const merchant = await merchantInScope(db, scope, merchantId);
  if (!merchant) return null;
  const [rollup, payments] = await Promise.all([
    db.merchantDay.findUnique({ where: { merchantId_businessDay: { merchantId: merchant.id, businessDay: dayAsDate(day) } }, select: { weighingCount: true, priceFenSum: true } }),
    db.payment.groupBy({ by: ['status'], where: { merchantId: merchant.id, businessDay: dayAsDate(day), match: 'matched' }, _count: { _all: true }, _sum: { amountFen: true } }),
  ]);
  const captured = payments.find((p) => p.status === 'captured');
  const undone = payments.filter((p) => p.status !== 'captured').reduce((sum, p) => sum + (p._sum.amountFen ?? 0), 0);
  return {
    day,
    weighings: rollup?.weighingCount ?? 0,
    weighedFen: Number(rollup?.priceFenSum ?? 0n),
    bankPayments: captured?._count._all ?? 0,
    bankFen: (captured?._sum.amountFen ?? 0) - undone,
  };
}
