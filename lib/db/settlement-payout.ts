// The bank officer records that a closed settlement was paid out: one UPDATE of the payout fields
// (the figures are frozen by a trigger), only from `pending`, only for the programme's merchants,
// audited in the same transaction.
import type { Actor } from './actor.ts';
import type { Db } from './client.ts';
import { merchantWhere } from './scope.ts';
import { businessDay, dateAsDay, dayStart } from '../domain/business-day.ts';
import { payoutRefusal, type PayoutInput, type PayoutRefusal } from '../domain/payout.ts';

export class PayoutForbiddenError extends Error {}
export class PayoutNotFoundError extends Error {}
export class PayoutRefusedError extends Error {
  constructor(readonly reason: PayoutRefusal) {
    super(reason);
  }
}

export async function recordPayout(db: Db, actor: Actor, input: PayoutInput, now: Date = new Date()): Promise<void> {
  if (actor.role !== 'bank_officer' || actor.id === null) throw new PayoutForbiddenError('only the bank officer records payouts');
  const userId = actor.id;
  await db.$transaction(async (tx) => {
    const settlement = await tx.settlement.findFirst({ where: { id: input.settlementId, merchant: merchantWhere(actor.scope) }, select: { id: true, status: true, businessDay: true } });
    if (!settlement) throw new PayoutNotFoundError(String(input.settlementId));
    const refusal = payoutRefusal(settlement.status, dateAsDay(settlement.businessDay), input.paidOn, businessDay(now));
    if (refusal) throw new PayoutRefusedError(refusal);
    // `status = pending` again in the UPDATE: two officers at once record one payout, not two
    const { count } = await tx.settlement.updateMany({ where: { id: settlement.id, status: 'pending' }, data: { status: 'paid', paidAt: dayStart(input.paidOn), bankRef: input.bankRef } });
    if (count !== 1) throw new PayoutRefusedError('not_closed');
    await tx.auditEvent.create({
      data: { at: now, userId, action: 'bank.payout_record', entity: 'Settlement', entityId: String(settlement.id), detail: { bankRef: input.bankRef, paidOn: input.paidOn } },
    });
  });
}
