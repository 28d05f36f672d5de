// The bank's exception queue of the payment intake: payments that are unmatched or differ in
// amount, and notifications that reused a reference with other content. Only the programmes of the
// caller's city, and of merchants only those enrolled in the payment's programme: the intake never
// links a payment to a merchant outside it, and this filter holds even if a row says otherwise.
import type { Db } from '../client.ts';
import { merchantWhere, type Scope } from '../scope.ts';

export const EXCEPTION_LIMIT = 200;

export interface PaymentExceptionRow {
  id: bigint;
  bankRef: string;
  status: 'captured' | 'refunded' | 'reversed';
  match: 'unmatched' | 'amount_mismatch';
  amountFen: number;
  paidAt: Date;
  receivedAt: Date;
  businessDay: Date;
  receiptToken: string | null;
  originalRef: string | null;
  merchant: { id: number; shopName: string } | null;
  weighingId: bigint | null;
}

export interface PaymentConflictRow {
  id: bigint;
  bankRef: string;
  notification: unknown;
  receivedAt: Date;
}

export interface PaymentExceptions {
  payments: PaymentExceptionRow[];
  conflicts: PaymentConflictRow[];
  /** payments still waiting for their weighing or original (not yet exceptions) */
  waiting: number;
}

/** Newest first, at most EXCEPTION_LIMIT of each kind. */
export async function listPaymentExceptions(db: Db, scope: Scope, limit = EXCEPTION_LIMIT): Promise<PaymentExceptions> {
  const programmes = (await db.programme.findMany({ where: { cityId: scope.cityId }, select: { id: true } })).map((p) => p.id);
  const inProgramme = { programmeId: { in: programmes } };
  const merchantVisible = { OR: [{ merchantId: null }, { merchant: { AND: [merchantWhere(scope), { programmeId: { in: programmes } }] } }] };
  const [payments, conflicts, waiting] = await Promise.all([
    db.payment.findMany({
      where: { AND: [inProgramme, merchantVisible, { match: { in: ['unmatched', 'amount_mismatch'] } }] },
      orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
      take: limit,
      select: {
        id: true, bankRef: true, status: true, match: true, amountFen: true, paidAt: true, receivedAt: true, businessDay: true,
        receiptToken: true, originalRef: true, weighingId: true, merchant: { select: { id: true, shopName: true } },
      },
    }),
    db.paymentConflict.findMany({
      where: inProgramme,
      orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
      take: limit,
      select: { id: true, bankRef: true, notification: true, receivedAt: true },
    }),
    db.payment.count({ where: { AND: [inProgramme, { match: 'waiting' }] } }),
  ]);
  return { payments: payments as PaymentExceptionRow[], conflicts, waiting };
}
